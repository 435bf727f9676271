"""Find input files, decode them, blank out boilerplate and read the document date.

Cleaning never changes a document's length: boilerplate lines and the leading
``date YYYY-MM-DD`` are replaced with spaces, so every character offset kg reports is
an offset into the original file. Files that cannot be used become :class:`Problem`
records, never exceptions that stop a build.

Examples
--------
>>> doc = document_from_text("a.txt", "date 2024-01-02 Russia sought to denigrate X.\\nREAD MORE: y\\n")
>>> doc.date, doc.text.strip()
('2024-01-02', 'Russia sought to denigrate X.')
>>> len(doc.text) == len("date 2024-01-02 Russia sought to denigrate X.\\nREAD MORE: y\\n")
True
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from kg.errors import InputError
from kg.model import Document, Problem
from kg.readers import PDF_SUFFIXES, RICH_SUFFIXES, read_rich, sniff

__all__ = [
    "SUFFIXES",
    "READABLE_SUFFIXES",
    "STDIN",
    "read_stdin",
    "find_files",
    "read_document",
    "read_documents",
    "document_from_text",
    "clean_text",
    "is_boilerplate",
    "is_furniture",
]

#: File name endings read as plain text.
SUFFIXES = (".txt", ".text")
#: Every file name ending kg reads: plain text, web pages and PDFs (see :mod:`kg.readers`).
READABLE_SUFFIXES = SUFFIXES + RICH_SUFFIXES
#: The path that means standard input (``kg build -``), and the document id it gets.
STDIN = "-"
STDIN_ID = "stdin"

_DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)

# Lines that are page furniture rather than reporting. They are matched whole (after
# stripping) and are general to news sites, not to any one outlet.
_BOILERPLATE = re.compile(
    r"""^(?:
        (?:read|see|watch|listen)\s+(?:more|also|next)\s*(?:[:»>›|–—-].*)?
      | (?:read|see|watch|listen\s+to)\s+the\s+(?:full\s+)?(?:report|story|article|assessment|video|interview)\s*[:»>›]?
      | related(?:\s+(?:articles?|stories|coverage|content))?\s*(?::.*)?
      | (?:advertisement|sponsored(?:\s+content)?|tracking|share(?:\s+this(?:\s+\w+)?)?|subscribe\b.*|sign\s+up\b.*)
      | (?:published|updated|posted)(?:\s+(?:by|on|at))?\b[^.!?]{0,60}
      | by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*(?:,|and)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*
      | (?:photo|image|video|file\s+photo|credit)s?\s*(?::|by\b|credit\b).*
      | .*\b(?:contributed\s+(?:to\s+)?(?:this\s+)?report(?:ing)?|contributed\s+reporting)\b.*
      | [\W_]+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A caption that ends in a photo agency's name, e.g. "The president speaks in Havana.AFP".
_PHOTO_CREDIT = re.compile(r"(?:AFP|Reuters|AP|Getty\s+Images|EPA|Xinhua|TASS|Bloomberg)(?:\s+via\s+\w+)?\s*$")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# A short line with no sentence punctuation is a masthead, section name or caption:
# real headlines carry a verb and run longer than this.
_MAX_FURNITURE_WORDS = 5


def find_files(paths: Iterable[str | Path], suffixes: tuple[str, ...] = READABLE_SUFFIXES) -> Iterator[Path | Problem]:
    """Yield the readable files named by ``paths`` (files, or folders searched recursively).

    A path that does not exist, or a file with another ending named explicitly, is yielded
    as a :class:`Problem` so the caller can report it; a file with another ending inside a
    folder is a warning (hidden files such as ``.DS_Store`` are passed over). ``-`` is
    yielded as ``Path("-")``: standard input.
    """
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            yield path
        elif path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if found.suffix.lower() in suffixes:
                    yield found
                elif not any(part.startswith(".") for part in found.relative_to(path).parts):
                    yield Problem(str(found), f"skipped: not a kind of file kg reads ({', '.join(suffixes)})", fatal=False)
        elif path.is_file():
            if path.suffix.lower() in suffixes:
                yield path
            else:
                yield Problem(str(path), f"not a kind of file kg reads (expected one of {', '.join(suffixes)})")
        else:
            yield Problem(str(path), "no such file or folder")


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document | Problem]:
    """Yield a :class:`Document` for every usable file under ``paths`` and a :class:`Problem` for the rest.

    Decoding fallbacks are reported as non-fatal problems beside the document.
    """
    seen: dict[str, Path] = {}
    read: set[Path] = set()
    for item in find_files(paths):
        if isinstance(item, Problem):
            yield item
            continue
        if item.resolve() in read:
            continue  # named twice, e.g. a folder and a file inside it: read it once
        read.add(item.resolve())
        try:
            doc, warnings = read_stdin() if str(item) == STDIN else read_document(item)
        except InputError as err:
            yield Problem(str(item), str(err))
            continue
        yield from warnings
        language = _not_english(doc)
        if language:
            yield Problem(doc.path, language)
            continue
        if doc.id in seen and seen[doc.id] != item:
            yield Problem(str(item), f"another file named {doc.id} was read already ({seen[doc.id]}); skipped")
            continue
        seen[doc.id] = item
        yield doc


def read_document(path: str | Path) -> tuple[Document, list[Problem]]:
    """Read and clean one file.

    Returns
    -------
    (Document, warnings)
        ``warnings`` holds non-fatal problems, e.g. a fallback decoding.

    Raises
    ------
    InputError
        When the file cannot be read, is empty, or is binary.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read: {err.strerror or err}") from err
    if not raw.strip():
        raise InputError(f"{path}: is empty")
    if path.suffix.lower() in RICH_SUFFIXES:  # web pages and PDFs: kg.readers extracts the text
        return read_rich(path.name, str(path), raw, "pdf" if path.suffix.lower() in PDF_SUFFIXES else "html"), []
    if not raw.startswith(_UTF16_BOMS) and _looks_binary(raw):
        raise InputError(f"{path}: is binary, not text")
    text, encoding = _decode(raw)
    warnings = []
    if encoding != "utf-8":
        warnings.append(Problem(str(path), f"is not valid UTF-8; decoded as {encoding}", fatal=False))
    date_line = _DATE_LINE.match(text.lstrip("\ufeff"))
    if date_line and not _valid_date(date_line.group(1)):
        warnings.append(Problem(str(path), f"date {date_line.group(1)} does not exist; the document has no date", fatal=False))
    doc = document_from_text(path.name, text, path=str(path), sha256=hashlib.sha256(raw).hexdigest(), encoding=encoding)
    return doc, warnings


def read_stdin(stream: IO[bytes] | None = None) -> tuple[Document, list[Problem]]:
    """Read one document from standard input (``kg build -``): text, a web page or a PDF.

    The kind is told from the first bytes; the document is called ``stdin``.

    Raises
    ------
    InputError
        When the input is empty or binary, or a page or PDF cannot be read.
    """
    raw = (stream if stream is not None else sys.stdin.buffer).read()
    if not raw.strip():
        raise InputError("standard input: is empty")
    kind = sniff(raw)
    if kind:
        return read_rich(STDIN_ID, "<stdin>", raw, kind), []
    if not raw.startswith(_UTF16_BOMS) and _looks_binary(raw):
        raise InputError("standard input: is binary, not text")
    text, encoding = _decode(raw)
    warnings = [] if encoding == "utf-8" else [Problem("<stdin>", f"is not valid UTF-8; decoded as {encoding}", fatal=False)]
    return document_from_text(STDIN_ID, text, path="<stdin>", sha256=hashlib.sha256(raw).hexdigest(), encoding=encoding), warnings


def _not_english(doc: Document) -> str | None:
    from kg.readers.language import not_english_reason  # the model loads on first use

    return not_english_reason(doc.text)


def document_from_text(
    doc_id: str, text: str, *, path: str | None = None, sha256: str | None = None, encoding: str = "utf-8"
) -> Document:
    """Make a :class:`Document` from text already in memory (cleaned as files are)."""
    cleaned, date = clean_text(text)
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(
        id=doc_id, path=path or doc_id, text=cleaned, sha256=sha256, date=date, encoding=encoding, title=_title(cleaned)
    )


def clean_text(text: str) -> tuple[str, str | None]:
    """Blank out the leading date and boilerplate lines; return (text of the same length, date).

    Lines matching a boilerplate phrase ("READ MORE:", bylines, credits) are always
    blanked. A short line without sentence punctuation, or one ending in a photo agency's
    name, is blanked only when it stands alone (between blank lines or boilerplate, or at
    the edges of the text): inside a hard-wrapped paragraph it is a piece of a sentence.
    A date that does not exist is blanked but not returned.

    >>> clean_text("CNN\\n—\\nRussia denied it.\\n")
    ('   \\n \\nRussia denied it.\\n', None)
    >>> clean_text("Russia sought to denigrate\\nthe Democratic Party\\nand its candidates.")[0].splitlines()[1]
    'the Democratic Party'
    """
    date = None
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # a byte-order mark is not content; same length keeps offsets
    match = _DATE_LINE.match(text)
    if match:
        date = match.group(1) if _valid_date(match.group(1)) else None
        text = " " * match.end() + text[match.end():]
    lines = text.splitlines(keepends=True)
    bodies = [line.rstrip("\r\n") for line in lines]
    explicit = [bool(b.strip()) and is_boilerplate(b.strip()) for b in bodies]

    def gap(i: int) -> bool:  # no content line at i: out of range, blank or boilerplate
        return not 0 <= i < len(bodies) or not bodies[i].strip() or explicit[i]

    out = []
    for i, (line, body) in enumerate(zip(lines, bodies)):
        alone = gap(i - 1) and gap(i + 1)
        if explicit[i] or (body.strip() and alone and is_furniture(body.strip())):
            out.append(" " * len(body) + line[len(body):])
        else:
            out.append(line)
    return "".join(out), date


def is_boilerplate(line: str) -> bool:
    """True for a line that is page furniture by its words: "READ MORE:", bylines, credits.

    >>> is_boilerplate("READ MORE: Diplomat arrested")
    True
    >>> is_boilerplate("Russia sought to denigrate the Democratic Party.")
    False
    """
    return bool(_BOILERPLATE.match(line))


def is_furniture(line: str) -> bool:
    """True for a line that looks like a masthead, section name or photo caption.

    Only meaningful for a line standing alone (see :func:`clean_text`).

    >>> is_furniture("Cuban President Miguel Díaz-CanelAFP"), is_furniture("CNN")
    (True, True)
    >>> is_furniture("ODNI warns of election interference by Cuba to help candidates")
    False
    """
    if _PHOTO_CREDIT.search(line) and not _SENTENCE_END.search(line):
        return True
    return len(line.split()) <= _MAX_FURNITURE_WORDS and not _SENTENCE_END.search(line)


def _valid_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _title(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return None


def _looks_binary(raw: bytes) -> bool:
    # NUL bytes never occur in text files; a high share of other control bytes means
    # an image, archive or executable that happens to have a .txt name.
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(_UTF16_BOMS):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 is what most mis-saved "UTF-8" news text really is; latin-1 decodes anything.
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"
