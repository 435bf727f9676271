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
import errno
import hashlib
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
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
    "SeenNames",
    "read_document",
    "read_documents",
    "read_file",
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
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
# What str.splitlines() ends a line at; rstrip() with these leaves the line's body.
_LINE_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# A short line with no sentence punctuation is a masthead, section name or caption:
# real headlines carry a verb and run longer than this.
_MAX_FURNITURE_WORDS = 5


def find_files(paths: Iterable[str | Path], suffixes: tuple[str, ...] = READABLE_SUFFIXES) -> Iterator[Path | Problem]:
    """Yield the readable files named by ``paths`` (files, or folders searched recursively).

    A path that does not exist, or a file with another ending named explicitly, is yielded
    as a :class:`Problem` so the caller can report it; so are a subfolder that cannot be
    listed, a symbolic link that loops or leads nowhere, and a linked folder that leads
    back into one already searched (which is not searched twice). A file with another
    ending inside a folder is a warning (hidden files such as ``.DS_Store`` are passed
    over). ``-`` is yielded as ``Path("-")``: standard input.
    """
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            yield path
        elif path.is_dir():
            yield from _walk(path, suffixes)
        elif path.is_file():
            if path.suffix.lower() in suffixes:
                yield path
            else:
                yield Problem(str(path), f"not a kind of file kg reads (expected one of {', '.join(suffixes)})")
        elif path.is_symlink():
            yield Problem(str(path), _link_problem(path))
        else:
            yield Problem(str(path), "no such file or folder")


def _walk(root: Path, suffixes: tuple[str, ...]) -> Iterator[Path | Problem]:
    """The matching files under ``root`` in path order, then the problems met on the way."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()

    def unreadable(err: OSError) -> None:
        problems.append(Problem(str(err.filename), f"folder cannot be read: {err.strerror or err}; its files are skipped"))

    # Linked folders are followed, so a folder is identified by device and inode to stop
    # a link that leads back up the tree.
    for folder, subfolders, names in os.walk(root, onerror=unreadable, followlinks=True):
        here = Path(folder)
        try:
            info = here.stat()
        except OSError as err:
            unreadable(err)
            subfolders[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            problems.append(
                Problem(folder, "symbolic link loop (leads back to a folder already read); not followed", fatal=False)
            )
            subfolders[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        for name in names:
            candidate = here / name
            wanted = candidate.suffix.lower() in suffixes
            if wanted and candidate.is_file():
                files.append(candidate)
            elif not wanted and not name.startswith(".") and candidate.is_file():
                problems.append(Problem(str(candidate), f"skipped: not a kind of file kg reads ({', '.join(suffixes)})", fatal=False))
            elif candidate.is_symlink() and not candidate.exists():
                # A broken or looping link: a skipped document if it has a text name.
                problems.append(Problem(str(candidate), _link_problem(candidate), fatal=wanted))
    yield from sorted(files)
    yield from problems


def _link_problem(path: Path) -> str:
    try:
        path.stat()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop; skipped"
        return f"symbolic link leads nowhere ({err.strerror or err}); skipped"
    return "not a regular file; skipped"


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document | Problem]:
    """Yield a :class:`Document` for every usable file under ``paths`` and a :class:`Problem` for the rest.

    One file is read at a time, when the next item is asked for. Decoding fallbacks are
    reported as non-fatal problems beside the document.
    """
    seen = SeenNames()
    read: set[Path] = set()
    for item in find_files(paths):
        if isinstance(item, Problem):
            yield item
            continue
        if item.resolve() in read:
            continue  # named twice, e.g. a folder and a file inside it: read it once
        read.add(item.resolve())
        for found in read_file(item):
            yield seen.check(found) if isinstance(found, Document) else found


def read_file(path: str | Path, read_bytes: Callable[[str], bytes] | None = None) -> list[Document | Problem]:
    """One input file as its warnings and then its :class:`Document`, or as one :class:`Problem`.

    Parameters
    ----------
    path
        A file, ``-`` (standard input), or, with ``read_bytes``, any name that function reads
        (an fsspec URL on a cluster).
    read_bytes
        Reads the raw bytes of ``path``; None reads a local file.
    """
    try:
        if str(path) == STDIN:
            doc, warnings = read_stdin()
        else:
            doc, warnings = read_document(path, read_bytes)
    except InputError as err:
        return [Problem(str(path), err.reason)]
    language = _not_english(doc)
    return [*warnings, Problem(doc.path, language) if language else doc]


class SeenNames:
    """Documents are keyed by file name: the second file of a name already read is a problem.

    >>> seen = SeenNames()
    >>> first = document_from_text("a.txt", "One.", path="x/a.txt")
    >>> seen.check(first) is first
    True
    >>> seen.check(document_from_text("a.txt", "Two.", path="y/a.txt")).reason
    'another file named a.txt was read already (x/a.txt); skipped'
    """

    def __init__(self) -> None:
        self._paths: dict[str, str] = {}

    def check(self, doc: Document) -> Document | Problem:
        """``doc``, or the problem of a second file with its name."""
        return self.duplicate(doc.id, doc.path) or doc

    def duplicate(self, doc_id: str, path: str) -> Problem | None:
        """The problem of the file ``path`` when another file named ``doc_id`` came first."""
        first = self._paths.setdefault(doc_id, path)
        if first != path:
            return Problem(path, f"another file named {doc_id} was read already ({first}); skipped")
        return None


def read_document(path: str | Path, read_bytes: Callable[[str], bytes] | None = None) -> tuple[Document, list[Problem]]:
    """Read and clean one file.

    The file is read once into memory (its bytes, then its text); no other copy of the
    whole document is kept, so a build's memory follows its largest document.

    Parameters
    ----------
    path
        The file; with ``read_bytes``, any name that function reads (an fsspec URL).
    read_bytes
        Reads the raw bytes of ``path``; None reads a local file. The bytes are asked for
        here, not passed in, so that this function holds the only reference and can drop
        them once decoded.

    Returns
    -------
    (Document, warnings)
        ``warnings`` holds non-fatal problems, e.g. a fallback decoding.

    Raises
    ------
    InputError
        When the file cannot be read, is empty, is binary, or is an HTML page.
    """
    path = str(path)
    try:
        raw = read_bytes(path) if read_bytes is not None else Path(path).read_bytes()
    except OSError as err:
        raise InputError(f"cannot be read: {err.strerror or err}", path=path) from err
    name = PurePosixPath(path).name if "://" in path else Path(path).name
    suffix = PurePosixPath(name).suffix.lower()
    if not raw or raw.isspace():
        raise InputError("is empty", path=path)
    if suffix in RICH_SUFFIXES:  # web pages and PDFs: kg.readers extracts the text
        return read_rich(name, path, raw, "pdf" if suffix in PDF_SUFFIXES else "html"), []
    sha256 = hashlib.sha256(raw).hexdigest()
    decoded = _decode(raw)
    if decoded is None:
        raise InputError("is binary, not text", path=path)
    del raw  # the text is all that is needed from here on
    text, encoding, note = decoded
    if _looks_like_html(text):
        raise InputError(
            "is an HTML page, not plain text (its tags would be read as words); "
            "save the page as text, or give it an .html name for kg's HTML reader",
            path=path,
        )
    warnings = []
    if note:
        warnings.append(Problem(path, note, fatal=False))
    date_line = _DATE_LINE.match(text.lstrip("\ufeff"))
    if date_line and not _valid_date(date_line.group(1)):
        warnings.append(Problem(path, f"date {date_line.group(1)} does not exist; the document has no date", fatal=False))
    doc = document_from_text(name, text, path=path, sha256=sha256, encoding=encoding)
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
    decoded = _decode(raw)
    if decoded is None:
        raise InputError("standard input: is binary, not text")
    text, encoding, note = decoded
    warnings = [Problem("<stdin>", note, fatal=False)] if note else []
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
    # One list of the lines, changed in place, and two flags a line: a long document is
    # held about three times (text, lines, result), not once more per pass.
    lines = text.splitlines(keepends=True)
    del text
    content = [not line.isspace() for line in lines]
    explicit = [has and is_boilerplate(line.strip()) for has, line in zip(content, lines)]

    def gap(i: int) -> bool:  # no content line at i: out of range, blank or boilerplate
        return not 0 <= i < len(lines) or not content[i] or explicit[i]

    for i, line in enumerate(lines):
        if not content[i]:
            continue
        if explicit[i] or (gap(i - 1) and gap(i + 1) and is_furniture(line.strip())):
            body = line.rstrip(_LINE_BREAKS)
            lines[i] = " " * len(body) + line[len(body) :]
    return "".join(lines), date


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
    # NUL bytes never occur in text files (UTF-16 is recognised before this is asked); a
    # high share of other control bytes means an image, archive or executable that
    # happens to have a .txt name.
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the bytes look like UTF-16 text without a BOM.

    Text in a Latin script saved as UTF-16 has a NUL in every other byte: the high byte
    of each character. NULs on one side only, and almost none on the other, say which
    byte order.
    """
    sample = raw[:8192]
    pairs = len(sample) // 2
    if pairs < 4 or len(raw) % 2:
        return None  # too short to tell from a few bytes of anything with a NUL in them
    even = sample[0 : 2 * pairs : 2].count(0)
    odd = sample[1 : 2 * pairs : 2].count(0)
    if odd >= 0.5 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.5 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


_STRAY_BYTE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of a byte that is not UTF-8


def _decode(raw: bytes) -> tuple[str, str, str | None] | None:
    """(text, encoding, warning or None); None for binary data.

    In order: a UTF-16/32 byte-order mark; UTF-16 without one; UTF-8; UTF-8 with a few
    stray bytes (each stray byte is read as cp1252, the rest stays UTF-8, so one bad byte
    does not turn every accented letter of the file into mojibake); else a legacy
    encoding chosen by ``charset-normalizer`` (cp1252 whenever the detector finds it
    plausible: mis-saved news text mostly is cp1252, and a short Western text gives the
    detector too little to rank Latin code pages by; a Cyrillic or Greek one it rules out).
    """
    if raw.startswith(_UTF32_BOMS) and len(raw) > 4:  # FF FE 00 00 alone is UTF-16's BOM and a NUL
        try:
            return raw.decode("utf-32"), "utf-32", "is not UTF-8; decoded as utf-32 (byte-order mark)"
        except UnicodeDecodeError:
            pass
    if raw.startswith(_UTF16_BOMS):
        try:
            return raw.decode("utf-16"), "utf-16", "is not UTF-8; decoded as utf-16 (byte-order mark)"
        except UnicodeDecodeError:
            pass
    utf16 = _utf16_without_bom(raw)
    if utf16:
        try:
            return raw.decode(utf16), utf16, f"is not UTF-8; decoded as {utf16} (no byte-order mark)"
        except UnicodeDecodeError:
            pass
    if _looks_binary(raw):
        return None
    try:
        return raw.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", "surrogateescape")
    stray = len(_STRAY_BYTE.findall(text))
    multibyte = sum(1 for char in text if char > "\x7f") - stray
    if multibyte >= stray:
        text = _STRAY_BYTE.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"), text)
        return text, "utf-8", f"has {stray} bytes that are not valid UTF-8; read those as cp1252, the rest as UTF-8"
    encoding = _legacy_encoding(raw)
    return raw.decode(encoding, "replace"), encoding, f"is not valid UTF-8; decoded as {encoding}"


def _legacy_encoding(raw: bytes) -> str:
    if _mostly_ascii_letters(raw):
        # Western text: its few accented letters are too little for a detector to rank
        # Latin code pages by, and cp1252 is what mis-saved news text mostly is.
        return "cp1252"
    from charset_normalizer import from_bytes  # only needed for the rare legacy file

    # UTF-16/32 without a BOM are recognised before this; offered here, they would turn
    # a short run of Latin bytes into CJK characters.
    best = from_bytes(raw, cp_exclusion=_NOT_LEGACY).best()
    if best is None:
        return "cp1252" if _decodes(raw, "cp1252") else "latin-1"
    if from_bytes(raw, cp_isolation=["cp1252"]).best() is not None:
        return "cp1252"  # plausible: short Western text is too little for the detector to rank
    if not best.coherence and _decodes(raw, "cp1252"):
        return "cp1252"  # no words to tell a language by (quotes, dashes, numbers)
    return best.encoding


_NOT_LEGACY = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]


def _mostly_ascii_letters(raw: bytes, share: float = 0.8) -> bool:
    """True when cp1252 reads ``raw`` and at least ``share`` of its letters are ASCII.

    Text in a Cyrillic, Greek or Arabic code page read as cp1252 is nearly all accented
    Latin letters; Western text is nearly all plain ones.
    """
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    letters = [c for c in text if c.isalpha()]
    return not letters or sum(c.isascii() for c in letters) >= share * len(letters)


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    """True for a page saved with a .txt name: it starts with an HTML doctype or element."""
    return bool(_HTML_START.match(text[:4096].lstrip("\ufeff")))
