"""Reading the lexicon's tab-separated files: rows with their file and line, clear errors.

Every file under ``kg/lexicon/`` is a header line, then tab-separated rows; lines starting
with ``#`` and blank lines are comments. A row is read as a :class:`Row` that remembers
where it came from, so a check can name the file and line of a bad row.

>>> rows = list(parse_rows("# a comment\\nclass\\tword\\nverbs\\tsay\\n", "demo.tsv", ("class", "word")))
>>> rows[0].values, rows[0].where
({'class': 'verbs', 'word': 'say'}, 'demo.tsv:3')
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kg.errors import InputError

__all__ = ["Row", "parse_rows", "dash"]


@dataclass(frozen=True)
class Row:
    """One data row of a lexicon file, with the place it came from."""

    file: str
    line: int
    values: dict[str, str]

    @property
    def where(self) -> str:
        """``file:line``, for error messages."""
        return f"{self.file}:{self.line}"


def parse_rows(text: str, file: str, columns: Sequence[str]) -> Iterator[Row]:
    """The rows of one lexicon file whose header must start with ``columns``.

    Raises
    ------
    InputError
        naming the file (and line) when the header is not the expected one or a row has
        fewer fields than the header.
    """
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        if header is None:
            if tuple(fields[: len(columns)]) != tuple(columns):
                raise InputError(f"header must start with {'/'.join(columns)}, found {'/'.join(fields)}", path=file)
            header = fields
            continue
        if len(fields) < len(header):
            raise InputError(f"line {number}: {len(fields)} fields, the header has {len(header)}", path=file)
        yield Row(file, number, {name: fields[i].strip() for i, name in enumerate(header)})


def dash(value: str) -> str | None:
    """A cell's value, lower-cased, with ``-`` and empty read as None.

    >>> dash("-"), dash(" On ")
    (None, 'on')
    """
    value = value.strip()
    return None if value in ("", "-") else value.lower()
