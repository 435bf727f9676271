"""A build killed (SIGKILL) at random moments, then let finish, equals a build never interrupted.

The short version of benchmarks/chaos.py: three kills on the seed articles.
"""

from __future__ import annotations

import pytest

from store_fixtures import chaos_module

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.mark.parametrize("seed", [7])
def test_killed_builds_finish_with_the_same_store_and_claims(shared_dir, nlp, tmp_path, seed):
    summary = chaos_module().chaos(shared_dir / "corpus" / "seeds", tmp_path, kills=3, seed=seed)
    assert summary["store_equal"], summary
    assert summary["claims_equal"], summary
    assert summary["temporary_files_left"] == [], summary
    assert summary["claims"] > 0
