"""The named queries' answers kept as SQLite tables beside the claim rows.

One table per kept named query, in the claim rows' database (``STORE/claims/claims.sqlite``,
:mod:`kg.store.rows`): a row per answer row, a column per result column holding a plain
value (text or integer), the row's RDF term kinds in one more column, and the document
(``doc``) or the group (``grp``) the row comes from, so a changed document's rows are
replaced by key. Parameter columns are indexed: ``kg query --name actors-targets --param
actor=Cuba`` is one index range, and the whole answer is one ordered scan with no term
made. Why SQLite and not the graph: a kept row read back from Oxigraph became five
rdflib terms and a join per column (0.5-1.3 s for 17k rows at a million triples); here
it is a tuple of Python values.

What fills the tables, and what the rows mean, is :mod:`kg.summaries`' business; this
module only keeps them. Writes share the claim rows' transaction (:meth:`ClaimRows.commit`).

Examples
--------
>>> from kg.store.rows import ClaimRows
>>> kept = KeptAnswers(ClaimRows(None))
>>> layout = TableLayout("documents", ("document", "claims"), (("document", False),), ())
>>> kept.reset(layout)
>>> kept.put_document_rows(layout, "a.txt", [(("a.txt", 2), "\\t^xsd:integer")])
>>> kept.mark_complete("documents", "v1")
>>> kept.ready("documents", "v1"), kept.read(layout, {}).rows
(True, [('a.txt', 2)])
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter

from kg.errors import StoreError
from kg.store.rows import ClaimRows

__all__ = ["AnswerRows", "KeptAnswers", "TableLayout"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers_kept (name TEXT PRIMARY KEY, definition TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS answers_pending (doc TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS answers_partials (
    name TEXT NOT NULL, grp TEXT NOT NULL, doc TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (name, grp, doc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS answers_partials_doc ON answers_partials (name, doc);
CREATE TABLE IF NOT EXISTS answers_kinds (name TEXT NOT NULL, kinds TEXT NOT NULL, PRIMARY KEY (name, kinds)) WITHOUT ROWID;
"""

_NAME = re.compile(r"^[a-z0-9-]+$")


@dataclass(frozen=True)
class TableLayout:
    """The table of one named query: its result columns, its order and its parameter columns.

    ``sorts`` are the ``ORDER BY`` variables (with True for ``DESC``); one that is not a
    result column gets a column of its own after them. ``params`` are indexed.
    """

    name: str
    columns: tuple[str, ...]
    sorts: tuple[tuple[str, bool], ...]
    params: tuple[str, ...]
    extra: tuple[str, ...] = ()  #: variables kept to select rows by, not shown

    @property
    def stored(self) -> tuple[str, ...]:
        """Every kept variable: the result columns, then the sort-only ones, then :attr:`extra`."""
        sort_only = tuple(v for v, _ in self.sorts if v not in self.columns)
        return self.columns + sort_only + tuple(v for v in self.extra if v not in self.columns + sort_only)

    @property
    def table(self) -> str:
        if not _NAME.match(self.name):
            raise StoreError(f"{self.name!r} cannot name a kept answer table")
        return f'"answers:{self.name}"'

    def column(self, var: str) -> str:
        return f"c{self.stored.index(var)}"


@dataclass(frozen=True)
class AnswerRows:
    """A kept answer: result columns, rows of plain values, each row's term kinds.

    A value is text, an integer or None (unbound); ``kinds[i]`` says, per cell and
    tab-separated, what RDF term it is (see :func:`kg.summaries.cell_kind`).
    """

    columns: tuple[str, ...]
    rows: list[tuple[str | int | None, ...]]
    kinds: list[str]


#: A row to keep: the values of :attr:`TableLayout.stored`, and the kinds of the result cells.
KeptRow = tuple[Sequence[str | int | None], str]


class KeptAnswers:
    """The kept answers of one store, in its claim rows' database."""

    def __init__(self, claim_rows: ClaimRows) -> None:
        self.claim_rows = claim_rows
        self._schema_made = False

    # -- state -------------------------------------------------------------------------

    def ready(self, name: str, definition: str) -> bool:
        """True when ``name``'s table is complete for this definition and no document is pending."""
        with self.claim_rows.database("read") as db:
            if db is None or not _has_table(db, "answers_kept"):
                return False
            kept = db.execute("SELECT definition FROM answers_kept WHERE name = ?", (name,)).fetchone()
            pending = db.execute("SELECT 1 FROM answers_pending LIMIT 1").fetchone()
        return kept is not None and kept[0] == definition and pending is None

    def kept_definition(self, name: str) -> str | None:
        """The definition ``name``'s table was made for, or None (never made, or reset)."""
        with self.claim_rows.database("read") as db:
            if db is None or not _has_table(db, "answers_kept"):
                return None
            kept = db.execute("SELECT definition FROM answers_kept WHERE name = ?", (name,)).fetchone()
        return None if kept is None else str(kept[0])

    def mark_pending(self, documents: Iterable[str]) -> None:
        """Record documents about to change, and commit: until their refresh, no table is ready."""
        with self._writing() as db:
            db.executemany("INSERT OR IGNORE INTO answers_pending (doc) VALUES (?)", [(d,) for d in documents])
        self.claim_rows.commit()

    def pending(self) -> list[str]:
        with self.claim_rows.database("read") as db:
            if db is None or not _has_table(db, "answers_pending"):
                return []
            return sorted(row[0] for row in db.execute("SELECT doc FROM answers_pending"))

    def clear_pending(self) -> None:
        with self._writing() as db:
            db.execute("DELETE FROM answers_pending")

    def mark_complete(self, name: str, definition: str) -> None:
        with self._writing() as db:
            db.execute(
                "INSERT INTO answers_kept (name, definition) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET definition = excluded.definition",
                (name, definition),
            )

    def reset(self, layout: TableLayout) -> None:
        """Empty (and lay out anew) ``layout``'s table and partial rows; it is not ready until marked."""
        stored = ", ".join(f"{layout.column(v)}" for v in layout.stored)
        with self._writing() as db:
            db.execute("DELETE FROM answers_kept WHERE name = ?", (layout.name,))
            db.execute("DELETE FROM answers_partials WHERE name = ?", (layout.name,))
            db.execute("DELETE FROM answers_kinds WHERE name = ?", (layout.name,))
            db.execute(f"DROP TABLE IF EXISTS {layout.table}")
            db.execute(f"CREATE TABLE {layout.table} (doc TEXT, grp TEXT, {stored}, kinds TEXT NOT NULL)")
            index = layout.table[:-1]
            db.execute(f'CREATE INDEX {index}:doc" ON {layout.table} (doc)')
            db.execute(f'CREATE INDEX {index}:grp" ON {layout.table} (grp)')
            # Covering indexes in the query's order: a read is one ordered scan of an index,
            # neither a sort (48 ms of CPU for 17k rows) nor a lookup per row (63 ms).
            order = [f"{layout.column(v)}{' DESC' if desc else ''}" for v, desc in layout.sorts]
            rest = [layout.column(v) for v in layout.stored if v not in dict(layout.sorts)] + ["kinds"]
            db.execute(f'CREATE INDEX {index}:order" ON {layout.table} ({", ".join(order + rest)})')
            for var in layout.params:
                first = layout.column(var)
                columns = [first, *(c for c in order + rest if c.split()[0] != first)]
                db.execute(f'CREATE INDEX {index}:{var}" ON {layout.table} ({", ".join(columns)})')

    # -- rows of one document (a query whose every row comes from one document) -----------

    def put_document_rows(self, layout: TableLayout, doc: str, rows: Iterable[KeptRow]) -> None:
        """Replace the rows that document ``doc`` gives (none: it was removed)."""
        rows = list(rows)
        with self._writing() as db:
            db.execute(f"DELETE FROM {layout.table} WHERE doc = ?", (doc,))
            db.executemany(_insert(layout, "doc"), [(doc, *values, kinds) for values, kinds in rows])
            _note_kinds(db, layout.name, {kinds for _, kinds in rows})

    # -- rows of groups that span documents ------------------------------------------------

    def groups_of(self, name: str, documents: Iterable[str]) -> set[str]:
        """The groups these documents contributed to (as recorded by :meth:`put_partials`)."""
        found: set[str] = set()
        with self.claim_rows.database("read") as db:
            assert db is not None
            for doc in documents:
                found.update(r[0] for r in db.execute("SELECT grp FROM answers_partials WHERE name = ? AND doc = ?", (name, doc)))
        return found

    def put_partials(self, name: str, doc: str, partials: Mapping[str, str]) -> None:
        """Replace document ``doc``'s contribution to ``name``: group → its part, as JSON."""
        with self._writing() as db:
            db.execute("DELETE FROM answers_partials WHERE name = ? AND doc = ?", (name, doc))
            db.executemany(
                "INSERT INTO answers_partials (name, grp, doc, body) VALUES (?, ?, ?, ?)",
                [(name, grp, doc, body) for grp, body in partials.items()],
            )

    def partials_of(self, name: str, groups: Iterable[str] | None) -> dict[str, list[str]]:
        """Group → the JSON parts its documents contribute (every group when None)."""
        found: dict[str, list[str]] = {}
        with self.claim_rows.database("read") as db:
            assert db is not None
            if groups is None:
                rows: Iterable[tuple[str, str]] = db.execute("SELECT grp, body FROM answers_partials WHERE name = ?", (name,))
            else:
                rows = (
                    r for grp in groups
                    for r in db.execute("SELECT grp, body FROM answers_partials WHERE name = ? AND grp = ?", (name, grp))
                )  # fmt: skip
            for grp, body in rows:
                found.setdefault(grp, []).append(body)
        return found

    def put_group_rows(self, layout: TableLayout, rows: Mapping[str, Iterable[KeptRow]]) -> None:
        """Replace the rows of these groups (none: the group has no row now)."""
        kept = [(grp, *values, kinds) for grp, group in rows.items() for values, kinds in group]
        with self._writing() as db:
            db.executemany(f"DELETE FROM {layout.table} WHERE grp = ?", [(grp,) for grp in rows])
            db.executemany(_insert(layout, "grp"), kept)
            _note_kinds(db, layout.name, {row[-1] for row in kept})

    # -- reading -----------------------------------------------------------------------

    def read(
        self, layout: TableLayout, where: Mapping[str, str | int | tuple[str, ...]], limit: int | None = None
    ) -> AnswerRows:
        """The kept rows in the query's order, those whose ``where`` columns hold these values
        (a tuple: any of its values); the first ``limit`` of them when given."""
        tests, values = [], []
        for var, value in where.items():
            choices = value if isinstance(value, tuple) else (value,)
            tests.append(f"{layout.column(var)} IN ({', '.join('?' * len(choices))})")
            values += choices
        order = ", ".join(f"{layout.column(v)}{' DESC' if desc else ''}" for v, desc in layout.sorts) or "rowid"
        tail = f"FROM {layout.table} WHERE {' AND '.join(tests) or '1'} ORDER BY {order}"
        if limit is not None:
            tail += " LIMIT ?"  # the index scan stops there: a first page costs what it shows
            values.append(limit)
        with self.claim_rows.database("read") as db:
            assert db is not None
            uniform = _uniform_kinds(db, layout.name)
            if uniform is not None:
                # Every row has the same kinds: the rows are read as they are, nothing made per
                # row in Python (claims-by-relation relation=targets at a million triples,
                # 20,464 rows: 29 ms of CPU with a kinds column to split off, 19 ms so).
                found = db.execute(f"SELECT {', '.join(layout.column(v) for v in layout.columns)} {tail}", values).fetchall()
                return AnswerRows(layout.columns, found, [uniform] * len(found))
            # A result column that ``where`` holds to one value is not read but filled in:
            # every row would make the same string again.
            fixed = {var: value for var, value in where.items() if var in layout.columns and not isinstance(value, tuple)}
            read = [v for v in layout.columns if v not in fixed]
            found = db.execute(f"SELECT {', '.join(['kinds', *(layout.column(v) for v in read)])} {tail}", values).fetchall()
        kinds = [row[0] for row in found]
        if not fixed:
            return AnswerRows(layout.columns, [row[1:] for row in found], kinds)
        # One tuple per row either way: the row read (kinds first), then the fixed values,
        # picked in the columns' order.
        at = {var: i + 1 for i, var in enumerate(read)}
        at.update({var: len(read) + 1 + i for i, var in enumerate(fixed)})
        pick = itemgetter(*(at[var] for var in layout.columns))
        constants = tuple(fixed.values())
        if len(layout.columns) == 1:
            return AnswerRows(layout.columns, [(pick(row + constants),) for row in found], kinds)
        return AnswerRows(layout.columns, [pick(row + constants) for row in found], kinds)

    # -- plumbing ----------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """The database for writing, with kg's tables made on first use (a store made before them)."""
        if self.claim_rows.read_only:
            raise StoreError(f"the claim rows in {self.claim_rows.folder} are open read-only")
        with self.claim_rows.database("write to") as db:
            assert db is not None
            if not self._schema_made:
                _make_schema(db)
                self._schema_made = True
            yield db


def _make_schema(db: sqlite3.Connection) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


def _note_kinds(db: sqlite3.Connection, name: str, kinds: set[str]) -> None:
    """Record the kinds strings written to ``name``'s table (never forgotten until it is reset)."""
    db.executemany("INSERT OR IGNORE INTO answers_kinds (name, kinds) VALUES (?, ?)", [(name, k) for k in kinds])


def _uniform_kinds(db: sqlite3.Connection, name: str) -> str | None:
    """The kinds of every row of ``name``'s table when only one was ever written to it since
    it was made, else None (rows deleted since may have left one: then rows are read with theirs)."""
    if not _has_table(db, "answers_kinds"):
        return None
    found = db.execute("SELECT kinds FROM answers_kinds WHERE name = ? LIMIT 2", (name,)).fetchall()
    return str(found[0][0]) if len(found) == 1 else None


def _insert(layout: TableLayout, key: str) -> str:
    names = ", ".join([key, *(layout.column(v) for v in layout.stored), "kinds"])
    marks = ", ".join("?" * (len(layout.stored) + 2))
    return f"INSERT INTO {layout.table} ({names}) VALUES ({marks})"


def _has_table(db: sqlite3.Connection, table: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None
