"""The main text and metadata of a web page, through trafilatura.

trafilatura (Apache-2.0) separates an article's body from the page around it --
navigation, scripts, cookie banners, footers, "most read" and "related" boxes, comments --
and reads the title, date, author, site name and canonical URL from the page's meta tags,
JSON-LD and markup. kg asks for precision over recall: a lost paragraph costs a few
claims, a menu read as text costs wrong ones.

Examples
--------
>>> page = b'''<html><head><title>Report | News</title>
... <link rel="canonical" href="https://news.example/report"></head><body>
... <nav><a href="/">Home</a> <a href="/world">World</a></nav>
... <article><h1>Report</h1><p>Russia sought to denigrate the candidate, officials said on Monday in a statement.</p>
... <p>The campaign used fake accounts on several platforms to spread the claims widely.</p></article>
... <footer>Copyright News Ltd. All rights reserved.</footer></body></html>'''
>>> extracted = extract_html(page, "page.html")
>>> extracted.url, "Home" in extracted.text, "Copyright" in extracted.text
('https://news.example/report', False, False)
>>> extracted.text.splitlines()[:3]
['Report', '', 'Russia sought to denigrate the candidate, officials said on Monday in a statement.']
"""

from __future__ import annotations

import logging
import re

from kg.errors import InputError
from kg.readers.extracted import Extracted

__all__ = ["extract_html"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def extract_html(raw: bytes, path: str) -> Extracted:
    """Main text (one block a paragraph, blank lines between) and metadata of a page.

    Raises
    ------
    InputError
        When the page has no main text to read (an index page, a page of scripts).
    """
    import trafilatura  # loaded only when a page is read: it brings lxml and more

    # trafilatura logs its own judgements ("discarding data", "not enough text") as warnings.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)

    result = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        # Not deduplicate=True: its cache lives for the process, so a page read twice
        # (a rebuild, a test) would lose every paragraph the first reading saw.
        deduplicate=False,
        # Dates from the page's markup only (meta tags, JSON-LD, <time>): the extensive
        # search would take "in 2020" in the text for the date of the article.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (result.text if result is not None else None) or ""
    if not body.strip():
        raise InputError(f"{path}: no article text found in the web page")
    # trafilatura gives one block a line; a blank line between blocks keeps a heading or a
    # caption from running into the next paragraph's first sentence.
    text = "\n\n".join(line.strip() for line in body.splitlines() if line.strip()) + "\n"
    date = result.date if result.date and _ISO_DATE.match(result.date) else None
    return Extracted(
        text=text,
        title=_clean(result.title),
        date=date,
        author=_clean(result.author),
        publisher=_clean(result.sitename) or _clean(result.hostname),
        url=_clean(result.url),
    )


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None
