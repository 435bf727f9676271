"""The notebooks under notebooks/ run headless from top to bottom, and are stored clean."""

from __future__ import annotations

import os
from pathlib import Path

import nbclient
import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))



@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs before committing"


def _execute(path: Path, env: dict[str, str], monkeypatch) -> nbformat.NotebookNode:
    for key, value in env.items():
        monkeypatch.setenv(key, value)  # the kernel inherits the environment
    # The kernel runs in notebooks/: let it import this checkout's kg even when not installed.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def _text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.extend(str(v) for v in output.get("data", {}).values())
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_on_a_given_graph(path, tmp_path, monkeypatch):
    from _view_samples import sample_dataset

    trig = tmp_path / "graph.trig"
    sample_dataset().serialize(trig, format="trig")
    nb = _execute(path, {"KG_NOTEBOOK_GRAPH": str(trig)}, monkeypatch)
    text = _text(nb)
    assert f"loaded {trig}" in text
    assert "image/png" in {key for cell in nb.cells for out in cell.get("outputs", []) for key in out.get("data", {})}
    assert "srcdoc=" in text and "Russia" in text


@pytest.mark.slow
@pytest.mark.model
def test_analysis_notebook_builds_the_seeds(shared_dir, tmp_path, monkeypatch):
    from kg.errors import ModelError
    from kg.nlp import load_pipeline

    try:
        load_pipeline()
    except ModelError as err:
        pytest.skip(str(err))
    # A path that does not exist makes the notebook build the seeds instead of loading.
    nb = _execute(
        REPO / "notebooks" / "analysis.ipynb",
        {"KG_NOTEBOOK_GRAPH": str(tmp_path / "absent.trig"), "KG_SHARED": str(shared_dir)},
        monkeypatch,
    )
    text = _text(nb)
    assert "built " in text
    for actor in ("Cuba", "Russia", "China", "Iran"):
        assert actor in text
