"""Readers for documents that are not plain text: web pages (HTML) and PDF reports.

:mod:`kg.ingest` finds files and hands the bytes of a ``.html``/``.htm`` or ``.pdf`` file
(or standard input that looks like one) to :func:`read_rich`, which returns the
extracted text with its metadata as a :class:`~kg.model.Document`. The document's text
*is* the extracted text: every offset kg reports for it points there, and the title, URL,
author and publisher go into its provenance. ``kg.readers.language`` tells a document
that is not in English.
"""

from __future__ import annotations

import hashlib

from kg.errors import InputError
from kg.model import Document
from kg.readers.extracted import Extracted

__all__ = ["HTML_SUFFIXES", "PDF_SUFFIXES", "RICH_SUFFIXES", "Extracted", "read_rich", "sniff"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
#: File endings read by :func:`read_rich` rather than as plain text.
RICH_SUFFIXES = HTML_SUFFIXES + PDF_SUFFIXES


def sniff(raw: bytes) -> str | None:
    """``"pdf"`` or ``"html"`` when the bytes start like one (for standard input), else None.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"  <!DOCTYPE html><html>"), sniff(b"Russia sought ...")
    ('pdf', 'html', None)
    """
    head = raw[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in raw[:4096].lower():
        return "html"
    return None


def read_rich(doc_id: str, path: str, raw: bytes, kind: str) -> Document:
    """The :class:`Document` of a web page (``kind="html"``) or PDF (``kind="pdf"``).

    Raises
    ------
    InputError
        Naming ``path`` and the problem: not a PDF, encrypted, no text layer, no main text.
    """
    from kg.ingest import clean_text  # the same boilerplate rules as for text files

    if kind == "pdf":
        from kg.readers.pdf import extract_pdf

        extracted = extract_pdf(raw, path)
    else:
        from kg.readers.html import extract_html

        extracted = extract_html(raw, path)
    cleaned, date_line = clean_text(extracted.text)
    if not cleaned.strip():  # a page of links, a cover sheet: only furniture was found
        raise InputError(f"{path}: no article text found in the {'PDF' if kind == 'pdf' else 'web page'}")
    return Document(
        id=doc_id,
        path=path,
        text=cleaned,
        sha256=hashlib.sha256(raw).hexdigest(),
        date=extracted.date or date_line,
        encoding=kind,
        title=extracted.title or _first_line(cleaned),
        url=extracted.url,
        author=extracted.author,
        publisher=extracted.publisher,
    )


def _first_line(text: str) -> str | None:
    return next((line.strip()[:200] for line in text.splitlines() if line.strip()), None)

