"""The record a reader hands back: extracted text and the metadata found beside it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Extracted"]


@dataclass(frozen=True)
class Extracted:
    """Main text of a page or report, and its metadata when the source gives it."""

    text: str
    title: str | None = None
    date: str | None = None  #: ISO date, YYYY-MM-DD
    author: str | None = None
    publisher: str | None = None  #: site name or the PDF's producer organisation
    url: str | None = None  #: canonical URL of a web page
