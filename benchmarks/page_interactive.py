"""Time to interactive of graph.html at several sizes, in headless chromium.

Run from the repository root::

    .venv/bin/python benchmarks/page_interactive.py [--sizes 50 388 1000 3000 12000] [--repeat 3]

For each size, synthesises claims with about that many entities (``render_large.synthesise``:
a tenth as many actors as targets, two claims per target), writes the page, and loads it in
Debian's chromium (selenium + chromedriver) ``--repeat`` times. *Interactive* is the page's
own ``kgReadyAt`` (``performance.now()`` when the page has drawn its finished layout and
answers clicks: with physics, after it settled). Also printed: the time to make the page in
Python, its size, and whether it is the bounded overview. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from render_large import _browser, synthesise  # noqa: E402

from kg.render import graph_html  # noqa: E402


def interactive_ms(driver, page: Path, timeout: float = 120.0) -> tuple[float, int]:
    """Milliseconds from navigation start to ready, and the number of nodes drawn."""
    driver.get("about:blank")
    driver.get(page.resolve().as_uri())
    start = time.monotonic()
    while not driver.execute_script("return window.kgReady === true"):
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"{page} was not ready within {timeout:.0f} s")
        time.sleep(0.02)
    return float(driver.execute_script("return window.kgReadyAt")), int(driver.execute_script("return kgNodes.length"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 388, 1000, 3000, 12000], help="entities per page")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    rows = []
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as profile:
        driver = _browser(profile)
        try:
            for size in args.sizes:
                actors = max(2, size // 11)
                targets = size - actors
                dataset = synthesise(actors, targets, 2 * targets)
                t = time.perf_counter()
                text = graph_html(dataset, title=f"{size} entities")
                made = time.perf_counter() - t
                page = Path(tmp) / f"page{size}.html"
                page.write_text(text, encoding="utf-8")
                runs = [interactive_ms(driver, page) for _ in range(args.repeat)]
                ready = statistics.median(ms for ms, _ in runs)
                overview = '"overview":{' in text
                rows.append((size, runs[0][1], made, len(text) / 1e6, ready, overview))
                print(f"  {size}: {runs[0][1]} nodes drawn, interactive {ready:.0f} ms", file=sys.stderr, flush=True)
        finally:
            driver.quit()
    print(f"{'entities':>9} {'drawn':>6} {'page made':>10} {'size':>8} {'interactive':>12}  overview")
    for size, drawn, made, mb, ready, overview in rows:
        print(f"{size:>9} {drawn:>6} {made:>8.2f} s {mb:>5.1f} MB {ready:>9.0f} ms  {'yes' if overview else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
