"""Fixtures shared by the test suite: where ../shared is, and the spaCy pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_path() -> Path:
    """The shared folder: $KG_SHARED, or ../shared beside the checkout (as in CI)."""
    return Path(os.environ.get("KG_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = shared_path()
    if not (path / "corpus" / "seeds").is_dir():
        pytest.skip(f"the shared folder is not at {path} (set KG_SHARED)")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once; tests using it are skipped without a model."""
    from kg.errors import ModelError
    from kg.nlp import load_pipeline

    try:
        return load_pipeline()
    except ModelError as err:
        pytest.skip(str(err))
