"""Web pages and PDFs against plain text: do the same articles give the same claims?

Each .txt of ``corpus/sample`` and ``../shared/corpus/seeds`` is rendered as a web page with
navigation, a cookie banner, a "most read" box, scripts and a footer (the page of
``tests/test_readers.py``), and as a PDF with a running header and page numbers (reportlab,
from the test extra). All are built together; for each page and PDF the share of its
.txt's claims (subject, relation, object, negation) it gives is printed, and any claim taken
from the furniture. ``-v`` lists the claims missed.

    python benchmarks/readers_quality.py [-v]
"""

from __future__ import annotations

import io
import json
import re
import sys
import tempfile
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_readers as article  # noqa: E402 -- the page template and the furniture sentences
from conftest import shared_path  # noqa: E402

from kg.build import BuildOptions, build  # noqa: E402


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a corpus file: blank lines between them, or (as in the seeds) one a line."""
    text = re.sub(r"\A\s*date \d{4}-\d{2}-\d{2}\s*", "", text)
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text.strip()) else text.splitlines()
    return [" ".join(p.split()) for p in blocks if p.strip()]


def web_page(paras: list[str]) -> str:
    template_body = "\n".join(f"<p>{escape(p)}</p>" for p in article.PARAGRAPHS)
    return article.article_html().replace(template_body, "\n".join(f"<p>{escape(p)}</p>" for p in paras))


def pdf(paras: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    def furniture(canvas, doc):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(40, A5[1] - 30, article.NOISE[3])
        canvas.drawString(40, 20, f"Page {doc.page}")

    style = getSampleStyleSheet()["BodyText"]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A5).build(
        [Paragraph(escape(p), style) for p in paras], onFirstPage=furniture, onLaterPages=furniture
    )
    return out.getvalue()


def main(verbose: bool) -> int:
    folder = Path(tempfile.mkdtemp(prefix="kg-readers-"))
    sources = sorted(Path("corpus/sample").glob("*.txt")) + sorted((shared_path() / "corpus" / "seeds").glob("*.txt"))
    for src in sources:
        text = src.read_text(encoding="utf-8")
        (folder / f"{src.stem}.txt").write_text(text, encoding="utf-8")
        (folder / f"{src.stem}.html").write_text(web_page(paragraphs(text)), encoding="utf-8")
        (folder / f"{src.stem}.pdf").write_bytes(pdf(paragraphs(text)))
    build([folder], folder / "out", BuildOptions(persist=False, html=False, progress=False))
    rows = [json.loads(line) for line in (folder / "out" / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    claims: dict[str, set] = {}
    for row in rows:
        claims.setdefault(row["doc"], set()).add(article.claim_key(row))
    totals = {"html": [0, 0], "pdf": [0, 0]}
    for src in sources:
        text_claims = claims.get(f"{src.stem}.txt", set())
        for kind in totals:
            found = claims.get(f"{src.stem}.{kind}", set())
            totals[kind][0] += len(found & text_claims)
            totals[kind][1] += len(text_claims)
            missed = sorted(text_claims - found) if verbose else ""
            print(f"{src.stem}.{kind}: {len(found & text_claims)}/{len(text_claims)}, {len(found - text_claims)} others {missed}")
    for kind, (hit, total) in totals.items():
        print(f"{kind}: {hit}/{total} = {hit / total:.0%} of the .txt claims")
    furniture = [r["sentence"] for r in rows if any(n.lower() in r["sentence"].lower() for n in article.NOISE)]
    print(f"claims from page furniture: {len(furniture)}", furniture)
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv))
