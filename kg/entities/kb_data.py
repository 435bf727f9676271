"""The tables of the knowledge base of actors: reading and checking one TSV file.

The knowledge base is kept as data, in tab-separated files under ``kg/lexicon/actors/``
(and in any file a user adds in the same format). A file is one of two tables, told apart
by its header line:

``actors``  ``key, label, kind, qid, affiliated_with, source``
    one row per actor; ``key`` is a slug, ``kind`` an ontology class local name,
    ``affiliated_with`` the key of a parent actor or the ISO 3166 alpha-3 code of a state.
``aliases`` ``key, alias, type, source, note``
    other names of an actor; ``note`` says why, when one alias names two actors.

Lines starting with ``#`` are comments (licence and provenance headers). Every problem is
reported as :class:`kg.errors.InputError` naming the file and line, so that a user who adds
a file of their own rows learns exactly which row to fix. Cross-row checks (does an alias's
key exist, does an affiliation resolve) need every file and are made by
:class:`kg.entities.kb.KnowledgeBase`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import InputError

__all__ = [
    "ActorRow",
    "AliasRow",
    "ACTOR_KINDS",
    "ALIAS_TYPES",
    "ACTOR_COLUMNS",
    "ALIAS_COLUMNS",
    "read_table",
    "parse_table",
    "read_tables",
    "packaged_files",
]

#: Ontology classes (local names) an actor row may have; states come from the gazetteer.
ACTOR_KINDS = frozenset(
    {"Organisation", "IntelligenceAgency", "MilitaryUnit", "Company", "MediaOutlet", "Persona", "Network", "Person"}
)
#: What kind of other name an alias is.
ALIAS_TYPES = frozenset(
    {
        "acronym",
        "vendor-name",  # a security company's name for a threat group: "Fancy Bear"
        "translation",
        "transliteration",
        "former-name",
        "short-name",
        "full-name",
        "descriptive",  # a description used as a name: "Russian military intelligence"
    }
)
ACTOR_COLUMNS = ("key", "label", "kind", "qid", "affiliated_with", "source")
ALIAS_COLUMNS = ("key", "alias", "type", "source", "note")
_REQUIRED_ACTOR = frozenset({"key", "label", "kind", "source"})
_REQUIRED_ALIAS = frozenset({"key", "alias", "type", "source"})

_KEY = re.compile(r"[^\W_A-Z]+(?:-[^\W_A-Z]+)*")  # lower-case words joined by "-", any script
_QID = re.compile(r"Q[1-9][0-9]*")
_ISO3 = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class ActorRow:
    """One row of an actors table, with where it was read (for error messages)."""

    key: str
    label: str
    kind: str
    qid: str | None
    affiliated_with: str | None  #: an actor key or an ISO 3166 alpha-3 code, as written
    source: str
    file: str = ""
    line: int = 0

    @property
    def where(self) -> str:
        """``file:line`` of the row.

        >>> ActorRow("gru", "GRU", "IntelligenceAgency", None, "RUS", "doc", "a.tsv", 3).where
        'a.tsv:3'
        """
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class AliasRow:
    """One row of an aliases table, with where it was read."""

    key: str
    alias: str
    type: str
    source: str
    note: str | None = None
    file: str = ""
    line: int = 0

    @property
    def where(self) -> str:
        """``file:line`` of the row."""
        return f"{self.file}:{self.line}"


def packaged_files() -> list[Path]:
    """The knowledge base's own tables: every ``actors_*.tsv`` and ``aliases_*.tsv``.

    >>> "actors_curated.tsv" in [p.name for p in packaged_files()]
    True
    """
    folder = Path(str(resources.files("kg").joinpath("lexicon", "actors")))
    return sorted([*folder.glob("actors_*.tsv"), *folder.glob("aliases_*.tsv")])


def read_tables(paths: Iterable[str | Path]) -> tuple[list[ActorRow], list[AliasRow]]:
    """Actor and alias rows of several files, in the order given.

    >>> actors, aliases = read_tables(packaged_files())
    >>> len(actors) > 50 and len(aliases) > 50
    True
    """
    actors: list[ActorRow] = []
    aliases: list[AliasRow] = []
    for path in paths:
        file_actors, file_aliases = read_table(path)
        actors += file_actors
        aliases += file_aliases
    return actors, aliases


def read_table(path: str | Path) -> tuple[list[ActorRow], list[AliasRow]]:
    """The rows of one TSV file; which table it is comes from its header.

    Parameters
    ----------
    path
        A tab-separated file with ``#`` comment lines, then a header naming the columns
        of an actors or an aliases table (in any order; extra columns are ignored).

    Returns
    -------
    tuple of (list of ActorRow, list of AliasRow)
        One of the two lists is empty.

    Raises
    ------
    kg.errors.InputError
        The file cannot be read, its header is neither table's, or a row is bad (the
        message names the file and line).

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
    ...     _ = f.write("# my rows\\nkey\\tlabel\\tkind\\tsource\\nacme-media\\tAcme Media\\tMediaOutlet\\tmy notes\\n")
    >>> actors, aliases = read_table(f.name)
    >>> actors[0].label, actors[0].line, aliases
    ('Acme Media', 3, [])
    >>> os.unlink(f.name)
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{name}: cannot read the knowledge-base table: {exc}") from exc
    return parse_table(name, text)


def parse_table(name: str, text: str) -> tuple[list[ActorRow], list[AliasRow]]:
    """The rows of one table's text (what :func:`read_table` does once the file is read).

    ``name`` is where the text came from, for error messages and :attr:`ActorRow.where`.

    >>> actors, _ = parse_table("mine.tsv", "key\\tlabel\\tkind\\tsource\\nacme\\tAcme\\tCompany\\tnotes\\n")
    >>> actors[0].where
    'mine.tsv:2'
    """
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), None)
    if first is None:
        raise InputError(
            f"{name}: no header line (expected the columns {', '.join(ACTOR_COLUMNS)} or {', '.join(ALIAS_COLUMNS)})"
        )
    header = [h.strip() for h in lines[first].split("\t")]
    if _REQUIRED_ACTOR <= set(header):
        parse = _actor_row
    elif _REQUIRED_ALIAS <= set(header):
        parse = _alias_row
    else:
        raise InputError(
            f"{name}:{first + 1}: header {header!r} is neither an actors table "
            f"({', '.join(ACTOR_COLUMNS)}) nor an aliases table ({', '.join(ALIAS_COLUMNS)})"
        )
    rows = []
    seen: dict[str, int] = {}
    reader = csv.reader(io.StringIO("\n".join(lines[first + 1 :])), delimiter="\t", quoting=csv.QUOTE_NONE)
    for offset, cells in enumerate(reader, start=first + 2):
        if not cells or not "".join(cells).strip() or cells[0].startswith("#"):
            continue
        if len(cells) > len(header):
            raise InputError(f"{name}:{offset}: {len(cells)} cells for {len(header)} columns")
        record = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        row = parse(record, name, offset)
        if isinstance(row, ActorRow):
            if row.key in seen:
                raise InputError(f"{name}:{offset}: key {row.key!r} already used on line {seen[row.key]}")
            seen[row.key] = offset
        rows.append(row)
    actors = [r for r in rows if isinstance(r, ActorRow)]
    aliases = [r for r in rows if isinstance(r, AliasRow)]
    return actors, aliases


def _actor_row(record: dict[str, str], name: str, line: int) -> ActorRow:
    where = f"{name}:{line}"
    key, label, kind, source = (record.get(c, "") for c in ("key", "label", "kind", "source"))
    qid = record.get("qid", "") or None
    affiliated = record.get("affiliated_with", "") or None
    if not _KEY.fullmatch(key):
        raise InputError(f"{where}: key {key!r} is not a slug (lower-case words joined by '-')")
    if not label:
        raise InputError(f"{where}: actor {key!r} has no label")
    if kind not in ACTOR_KINDS:
        raise InputError(f"{where}: kind {kind!r} of {key!r} is not one of {', '.join(sorted(ACTOR_KINDS))}")
    if qid is not None and not _QID.fullmatch(qid):
        raise InputError(f"{where}: qid {qid!r} of {key!r} is not a Wikidata item id like Q123")
    if affiliated is not None and not (_ISO3.fullmatch(affiliated) or _KEY.fullmatch(affiliated)):
        raise InputError(
            f"{where}: affiliated_with {affiliated!r} is neither an actor key nor an ISO 3166 alpha-3 code"
        )
    if affiliated == key:
        raise InputError(f"{where}: {key!r} is affiliated with itself")
    if not source:
        raise InputError(f"{where}: actor {key!r} has no source")
    return ActorRow(key, label, kind, qid, affiliated, source, name, line)


def _alias_row(record: dict[str, str], name: str, line: int) -> AliasRow:
    where = f"{name}:{line}"
    key, alias, kind, source = (record.get(c, "") for c in ("key", "alias", "type", "source"))
    if not _KEY.fullmatch(key):
        raise InputError(f"{where}: key {key!r} is not a slug (lower-case words joined by '-')")
    if not alias:
        raise InputError(f"{where}: empty alias for {key!r}")
    if kind not in ALIAS_TYPES:
        raise InputError(f"{where}: alias type {kind!r} is not one of {', '.join(sorted(ALIAS_TYPES))}")
    if not source:
        raise InputError(f"{where}: alias {alias!r} has no source")
    return AliasRow(key, alias, kind, source, record.get("note", "") or None, name, line)
