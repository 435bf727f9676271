"""CSV and TSV cells that a spreadsheet shows as text, never runs as a formula.

Document text and file names reach ``kg query --format csv|tsv`` as they are, and a cell
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)``, ``=cmd|'/c calc'!A1``).
As OWASP recommends (CSV Injection), such a cell gets a leading ``'``, which spreadsheets
take as "text follows" and do not show. A cell that is a plain number (``-3``, ``+1.5``)
cannot be a formula and is left alone, so counts and scores stay numbers.

Examples
--------
>>> [safe_cell(c) for c in ["=1+1", "@SUM(A1)", "-2", "Russia", "\\tx", "-cmd|' /C calc'!A0"]]
["'=1+1", "'@SUM(A1)", '-2', 'Russia', "'\\tx", "'-cmd|' /C calc'!A0"]
"""

from __future__ import annotations

import csv
import re
from itertools import chain
from collections.abc import Iterable, Sequence
from typing import IO

__all__ = ["FORMULA_STARTS", "safe_cell", "write_table"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP's list, and
#: the full-width forms some spreadsheets also accept).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_table(handle: IO[str], header: Sequence[str], rows: Iterable[Sequence[str]], *, delimiter: str = ",") -> None:
    """Write ``header`` and ``rows`` as CSV (or TSV with ``delimiter="\\t"``), every cell made safe.

    >>> import io
    >>> out = io.StringIO()
    >>> write_table(out, ["doc"], [["=HYPERLINK(\\"http://x\\")"]])
    >>> out.getvalue()
    'doc\\n"\\'=HYPERLINK(""http://x"")"\\n'
    """
    plain = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
    # The csv module quotes a cell with a line feed but not one with a lone carriage
    # return when lines end in "\n"; a reader would start a new row there. Such rows are
    # written with every cell quoted.
    quoted = csv.writer(handle, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in chain([header], rows):
        cells = [safe_cell(cell) for cell in row]
        (quoted if any("\r" in cell for cell in cells) else plain).writerow(cells)

