"""graph.html in a real browser: Debian's chromium, headless, driven by selenium.

The page is opened from file:// with the network unused: the tests read the vis-network
DataSets the page exposes (``window.kgNodes``/``kgEdges``/``kgView``), the console log
(no errors), the DevTools network events (no request but the page itself), and check that
a hostile document opens no dialog and shows its markup as text. A screenshot of the sample
page is saved to ``$KG_SCREENSHOTS/graph.png`` (a temporary folder unless set), never
into the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from kg.render import graph_html, write_graph_html

from _view_samples import HOSTILE_ENTITY, HOSTILE_SENTENCE, hostile_dataset, sample_dataset

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KG_CHROMEDRIVER", "/usr/bin/chromedriver")

# Records every dialog call before any page script runs, so that a dialog is caught even
# if the browser would have dismissed it.
_DIALOG_HOOK = """
window.__kgDialogs = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = function (...args) { window.__kgDialogs.push([name, String(args[0])]); };
}
"""


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not shutil.which(path):
            return f"{path} is missing: apt-get install chromium chromium-driver"
    try:
        import selenium  # noqa: F401
    except ModuleNotFoundError:
        return "selenium is not installed (pip install selenium)"
    return None


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    reason = _missing()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,900", f"--user-data-dir={profile}",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _DIALOG_HOOK})
    yield browser
    browser.quit()


def _open(driver, path: Path, timeout: float = 20.0):
    """Load a page from file:// and wait until it says it is ready; returns its log entries."""
    driver.get("about:blank")
    driver.get_log("browser"), driver.get_log("performance")  # drop what came before
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while not driver.execute_script("return window.kgReady === true"):
        if time.monotonic() > deadline:
            pytest.fail(f"{path.name} was not ready within {timeout} s")
        time.sleep(0.05)
    return driver.get_log("browser"), [json.loads(e["message"])["message"] for e in driver.get_log("performance")]


def _requests(events) -> list[str]:
    return [
        e["params"]["request"]["url"]
        for e in events
        if e["method"] == "Network.requestWillBeSent"
        and not e["params"]["request"]["url"].startswith(("file://", "data:"))
    ]


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory) -> Path:
    return write_graph_html(sample_dataset(), tmp_path_factory.mktemp("page") / "graph.html")


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    """Where screenshots go: $KG_SCREENSHOTS, else a temporary folder (never the checkout)."""
    folder = Path(os.environ["KG_SCREENSHOTS"]) if os.environ.get("KG_SCREENSHOTS") else tmp_path_factory.mktemp("shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_sample_page(driver, sample_page, screenshots):
    console, events = _open(driver, sample_page)
    assert [e for e in console if e["level"] == "SEVERE"] == []
    assert _requests(events) == []
    assert any(e["method"] == "Network.requestWillBeSent" for e in events), "the performance log recorded nothing"

    labels = driver.execute_script("return kgNodes.get().map(n => n.label)")
    assert {"Cuba", "Russia", "China", "Iran", "Joe Biden", "Donald Trump", "Taiwan", "NATO"} <= set(labels)
    edges = driver.execute_script(
        "const l = Object.fromEntries(kgNodes.get().map(n => [n.id, n.label]));"
        "return kgEdges.get().map(e => [l[e.from], e.label, l[e.to], e.value]);"
    )
    assert ["Russia", "denigrates", "Joe Biden", 2] in edges
    assert ["Cuba", "targets", "Venezuelan audiences", 1] in edges
    assert ["China", "targets", "Taiwan", 1] in edges
    assert ["Iran", "denigrates", "Donald Trump", 1] in edges
    # Drawn: every node has a position on the canvas, and physics has stopped.
    positions = driver.execute_script("return kgNetwork.getPositions()")
    assert len(positions) == len(labels)
    assert driver.execute_script("return kgNetwork.physics.options.enabled") is False

    # The screenshot shows the evidence panel of Russia → denigrates → Joe Biden.
    driver.execute_script(
        "kgShowEdge(kgEdges.get().find(e => e.label === 'denigrates' && kgNodes.get(e.to).label === 'Joe Biden').id)"
    )
    assert "ODNI assesses that Russia probably sought to denigrate Joe Biden." in driver.find_element("id", "kg-evidence-body").text
    driver.save_screenshot(str(screenshots / "graph.png"))


def test_filters_in_the_page(driver, sample_page):
    _open(driver, sample_page)
    russia = driver.execute_script("return kgNodes.get().find(n => n.label === 'Russia').id")
    shown = driver.execute_script("return kgFilter({actor: arguments[0]})", russia)
    assert shown["edges"] and all(
        driver.execute_script("return kgEdges.get(arguments[0]).from", e) == russia for e in shown["edges"]
    )
    assert driver.execute_script("return kgView.nodes.length") < driver.execute_script("return kgNodes.length")
    likely = driver.execute_script("return kgFilter({minLikelihood: 'very_likely'}).edges.map(e => kgEdges.get(e).likelihood)")
    assert likely and set(likely) <= {"very_likely", "almost_certain"}
    assert driver.execute_script("return kgFilter({}).edges.length") == driver.execute_script("return kgEdges.length")

    # The sidebar's controls drive the same filters.
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", "kg-actor")).select_by_visible_text("Cuba")
    assert driver.execute_script("return kgView.edges.get().every(e => kgNodes.get(e.from).label === 'Cuba')")
    driver.find_element("id", "kg-reset").click()
    search = driver.find_element("id", "kg-search")
    search.send_keys("taiwan\n")
    assert driver.execute_script("return kgNetwork.getSelectedNodes().map(id => kgNodes.get(id).label)") == ["Taiwan"]
    assert "Taiwan (State)" in driver.find_element("id", "kg-evidence-body").text


def test_hostile_document_shows_text_and_runs_nothing(driver, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException

    page = write_graph_html(hostile_dataset(), tmp_path / "hostile.html", title="<img src=x onerror=alert(4)>")
    console, events = _open(driver, page)
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018 -- the property raises when no dialog is open
    assert driver.execute_script("return window.__kgDialogs") == []
    # Markup that ran would show as an <img>/<svg>/<b> element, or a CSP violation in the console.
    assert driver.execute_script("return document.querySelectorAll('img, svg, b, iframe').length") == 0
    assert [e for e in console if e["level"] == "SEVERE"] == []
    assert _requests(events) == []

    assert HOSTILE_ENTITY in driver.execute_script("return kgNodes.get().map(n => n.label)")
    assert driver.find_element("id", "kg-title").text == "<img src=x onerror=alert(4)>"
    edge = driver.execute_script("return kgEdges.get().find(e => e.evidence.some(ev => ev.sentence.includes('alert(2)'))).id")
    driver.execute_script("kgShowEdge(arguments[0])", edge)
    shown = driver.find_element("id", "kg-evidence-body").text
    assert HOSTILE_ENTITY in shown
    assert "</script><script>alert(2)</script>" in shown and "<b>voters</b>" in shown
    assert "<svg onload=alert(3)>" in shown  # the attribution
    # The tooltip text vis-network shows on hover is plain text too.
    title = driver.execute_script("return kgEdges.get(arguments[0]).title", edge)
    assert HOSTILE_SENTENCE.split("\u2028")[0] in title
    assert driver.execute_script("return window.__kgDialogs") == []
    # Control: the hook does see a dialog when one is opened.
    driver.execute_script("alert('probe')")
    assert driver.execute_script("return window.__kgDialogs") == [["alert", "probe"]]


def test_large_page_is_drawn_without_physics(driver, tmp_path):
    from _view_samples import make_claim, make_dataset
    from kg.model import Document

    claims = [
        make_claim("big.txt", i * 100, f"Actor {i % 12}", "State", "targets", f"Target {i}", "Audience")
        for i in range(700)
    ]
    page = write_graph_html(make_dataset([(Document("big.txt", "big.txt", "", "0" * 64), claims)]), tmp_path / "big.html")
    console, _ = _open(driver, page)
    assert driver.execute_script("return kgNodes.length") == 712
    assert driver.execute_script("return kgNetwork.physics.options.enabled") is False
    assert [e for e in console if e["level"] == "SEVERE"] == []


def test_the_page_draws_at_the_positions_computed_beforehand(driver, sample_page):
    console, _ = _open(driver, sample_page)
    assert [e for e in console if e["level"] == "SEVERE"] == []
    assert driver.execute_script("return kgNetwork.physics.options.enabled") is False
    data = json.loads(driver.execute_script("return document.getElementById('kg-data').textContent"))
    drawn = driver.execute_script("return kgNetwork.getPositions()")
    # Every node stands where kg.render put it (getPositions drops the fraction): nothing
    # moved it after the page loaded.
    assert set(drawn) == {n["id"] for n in data["nodes"]}
    for n in data["nodes"]:
        assert abs(drawn[n["id"]]["x"] - n["x"]) < 1 and abs(drawn[n["id"]]["y"] - n["y"]) < 1, n["label"]
    assert driver.find_element("id", "kg-note").is_displayed() is False


def test_an_overview_page_says_what_it_left_out(driver, tmp_path):
    from _view_samples import make_claim, make_dataset
    from kg.model import Document
    from kg.render import OVERVIEW_ACTORS

    actors = OVERVIEW_ACTORS + 5
    claims = [
        make_claim("big.txt", i * 100, f"Actor {i}", "State", "targets", f"Target {i}", "Audience") for i in range(actors)
    ]
    dataset = make_dataset([(Document("big.txt", "big.txt", "", "0" * 64), claims)])
    page = tmp_path / "overview.html"
    page.write_text(graph_html(dataset, max_nodes=20), encoding="utf-8")
    _open(driver, page)
    note = driver.find_element("id", "kg-note")
    assert note.is_displayed()
    assert f"{OVERVIEW_ACTORS} actors with the most claims (of {actors})" in note.text
    assert "kg render --actor" in note.text
    assert driver.execute_script("return kgNodes.length") == 2 * OVERVIEW_ACTORS


def test_an_edge_of_many_claims_shows_its_first_ones_and_says_how_many_more(driver, tmp_path):
    from _view_samples import make_claim, make_dataset
    from kg.model import Document
    from kg.page_edges import EVIDENCE_PER_EDGE

    n = EVIDENCE_PER_EDGE + 7
    claims = [make_claim("many.txt", i * 100, "Russia", "State", "targets", "Voters", "Audience") for i in range(n)]
    page = tmp_path / "many.html"
    page.write_text(graph_html(make_dataset([(Document("many.txt", "many.txt", "", "0" * 64), claims)])), encoding="utf-8")
    _open(driver, page)
    edge = driver.execute_script("return kgEdges.get()[0]")
    assert (edge["weight"], len(edge["evidence"])) == (n, EVIDENCE_PER_EDGE)
    assert f"… {n - 3} more: click the edge" in edge["title"]
    driver.execute_script("kgShowEdge(arguments[0])", edge["id"])
    shown = driver.find_element("id", "kg-evidence-body").text
    assert f"{n} claims" in shown
    assert "7 more claims are not shown here" in shown and "kg render --actor" in shown


@pytest.mark.model
def test_seed_build_page(driver, shared_dir, tmp_path, screenshots):
    """The real seed build: Cuba, Russia, China and Iran are on the page with their targets."""
    from kg.build import BuildOptions, build
    from kg.errors import ModelError

    try:
        report = build([shared_dir / "corpus" / "seeds"], tmp_path, BuildOptions(progress=False))
    except ModelError as err:
        pytest.skip(str(err))
    console, events = _open(driver, report.outputs["html"])
    assert [e for e in console if e["level"] == "SEVERE"] == []
    assert _requests(events) == []
    targets = driver.execute_script(
        "const out = {};"
        "kgEdges.get().forEach(e => { const a = kgNodes.get(e.from).label; (out[a] = out[a] || []).push(e.to); });"
        "return Object.fromEntries(Object.entries(out).map(([a, t]) => [a, t.length]));"
    )
    for actor in ("Cuba", "Russia", "China", "Iran"):
        assert targets.get(actor, 0) >= 2, f"{actor} has {targets.get(actor, 0)} targets on the page"
    driver.save_screenshot(str(screenshots / "graph-seeds.png"))
