"""The text of a PDF report, through pypdf: pages joined, line-end hyphens repaired,
running headers and footers dropped, one line a paragraph.

PDF text comes out line by line as the page laid it out. Three things make it worse than
the article it prints: a word broken across lines ("disin-" / "formation"), the running
header and footer repeated on every page ("Foreign Threats to the 2020 Elections", "Page
3 of 12"), and page breaks in mid-sentence. Hyphens are removed only before a lower-case
continuation, so "pro-" / "Kremlin" keeps its hyphen; a line is a running header or
footer when it stands in the first or last lines of most pages, with its digits ignored
so that page numbers count as one line.

Examples
--------
>>> repair_hyphens("a campaign of disin-\\nformation by pro-\\nKremlin outlets")
'a campaign of disinformation\\nby pro-Kremlin outlets'
>>> pages = ["Threat Report\\nRussia sought to denigrate\\nPage 1", "Threat Report\\nthe candidate.\\nPage 2"]
>>> join_pages(pages)
'Russia sought to denigrate\\nthe candidate.\\n'
>>> mark_paragraphs("Foreign actors target the\\nelection\\nRussia sought to denigrate the Democratic candidate\\n"
...                 "ahead of the election, officials said on Thursday.\\nIran used fake personas.\\n")
'Foreign actors target the\\nelection\\n\\nRussia sought to denigrate the Democratic candidate\\nahead of the election, officials said on Thursday.\\nIran used fake personas.\\n'
"""

from __future__ import annotations

import logging
import datetime
import re
from collections import Counter
from io import BytesIO

from kg.errors import InputError
from kg.readers.extracted import Extracted

__all__ = ["extract_pdf", "join_pages", "repair_hyphens", "mark_paragraphs", "unwrap"]

# A line-end hyphen between letters, continued in lower case on the next line.
_BROKEN_WORD = re.compile(r"([A-Za-z]{2,})-\n([a-z][A-Za-z]*)([^\S\n]*)")
# A hyphen that belongs to the word ("pro-", "anti-"), continued by a capital.
_JOINED_WORD = re.compile(r"([A-Za-z]+)-\n([A-Z])")
# How many lines at each edge of a page can be running heads or footers.
_EDGE_LINES = 3


def repair_hyphens(text: str) -> str:
    """Join words broken at line ends; the rest of the broken line moves up with them."""
    text = _BROKEN_WORD.sub(lambda m: f"{m[1]}{m[2]}\n", text)
    text = _JOINED_WORD.sub(lambda m: f"{m[1]}-{m[2]}", text)
    return text.replace("\n\n\n", "\n\n")


def mark_paragraphs(text: str) -> str:
    """Put a blank line after a line that ends a paragraph or a heading.

    PDF text has no blank lines between paragraphs, so a heading runs into the first
    sentence after it ("Foreign actors target the election Russia sought to ..."). A
    line much shorter than the page's usual line, followed by one that starts a sentence
    (a capital, a digit or a quote), ends its block: justified and ragged text both fill
    their lines except the last.
    """
    lines = text.split("\n")
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if not lengths:
        return text
    usual = lengths[len(lengths) * 3 // 4]  # the upper quartile: most lines of a paragraph are full
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        following = lines[i + 1].lstrip() if i + 1 < len(lines) else ""
        if line.strip() and following and len(line.strip()) < 0.7 * usual and following[0] in _STARTS:
            out.append("")
    return "\n".join(out)


_STARTS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\"“‘'(")


def unwrap(text: str) -> str:
    """One line per paragraph: the page's line breaks are layout, not text.

    The parser reads a sentence better without line breaks in it, and a sentence broken
    across two pages is whole again.

    >>> unwrap(" Foreign actors target the\\n election\\n\\nRussia sought to denigrate\\nthe candidate.\\n")
    'Foreign actors target the election\\n\\nRussia sought to denigrate the candidate.\\n'
    """
    from kg.ingest import is_boilerplate

    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines: list[str] = []
        for line in (line.strip() for line in block.splitlines()):
            if line and is_boilerplate(line):
                # "READ MORE: ...", a byline: its own block, so that kg.ingest blanks it
                # alone and not the paragraph it would be joined to.
                blocks += [" ".join(lines), line]
                lines = []
            elif line:
                lines.append(line)
        blocks.append(" ".join(lines))
    return "\n\n".join(block for block in blocks if block) + "\n"


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def join_pages(pages: list[str]) -> str:
    """The pages' text as one, without running headers, footers and page numbers."""
    edges: Counter[str] = Counter()
    split = [[line for line in page.splitlines()] for page in pages]
    for lines in split:
        content = [line for line in lines if line.strip()]
        edges.update({_shape(line) for line in content[:_EDGE_LINES] + content[-_EDGE_LINES:]})
    # Seen on at least half of the pages (and on two at least): furniture, not text.
    repeated = {shape for shape, n in edges.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    kept = []
    for lines in split:
        content = [line for line in lines if line.strip()]
        edge = set(content[:_EDGE_LINES] + content[-_EDGE_LINES:])
        for line in lines:
            if line in edge and (_shape(line) in repeated or _is_page_number(line)):
                continue
            kept.append(line.rstrip())
    return "\n".join(kept).strip("\n") + "\n"


def _is_page_number(line: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:page\s+)?[-–]?\s*\d{1,4}\s*(?:of\s+\d{1,4})?\s*[-–]?\s*", line, re.IGNORECASE))


def extract_pdf(raw: bytes, path: str) -> Extracted:
    """Text and metadata (title, author, creation date) of a PDF.

    Raises
    ------
    InputError
        When the file is not a readable PDF, is encrypted, or has no text layer.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs every oddity of a damaged file as a warning; kg reports the file once, by name.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = PdfReader(BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{path}: the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
        created = meta.creation_date if meta is not None else None  # parsed lazily: may raise too
    # pypdf raises its own errors for most damage, and ValueError, KeyError or
    # IndexError from deep in the parser for some; each means "not a PDF kg can read".
    except (PyPdfError, ValueError, KeyError, IndexError, OSError) as err:
        raise InputError(f"{path}: cannot be read as a PDF: {err}") from err
    text = unwrap(mark_paragraphs(repair_hyphens(join_pages(pages))))
    if not text.strip():
        raise InputError(f"{path}: the PDF has no text layer (a scan? kg does not read images)")
    title = _meta(meta, "title")
    return Extracted(
        text=text,
        title=title,
        date=_date(created),
        author=_meta(meta, "author"),
    )


def _meta(meta: object, name: str) -> str | None:
    value = getattr(meta, name, None) if meta is not None else None
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _date(value: object) -> str | None:
    return value.date().isoformat() if isinstance(value, datetime.datetime) else None
