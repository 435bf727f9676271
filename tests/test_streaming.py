"""A build streams its documents: the first analysis reaches the writer long before the last file is read."""

from __future__ import annotations

import pytest

import kg.build
import kg.ingest
from kg.build import BuildOptions, build

DOCUMENTS = 30
BATCH = 2


@pytest.mark.model
@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_are_read_as_the_build_goes_not_all_first(tmp_path, nlp, monkeypatch, jobs):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(DOCUMENTS):
        (corpus / f"{i:02}.txt").write_text(f"Russia sought to denigrate the Democratic Party in report {i}.\n", encoding="utf-8")
    events: list[str] = []
    read_document = kg.ingest.read_document
    convert_outcomes = kg.build.convert_outcomes

    def reading(path, *args):
        events.append("read")
        return read_document(path, *args)

    def writing(outcomes, *args):
        def recorded():
            for outcome in outcomes:
                events.append("analysed")
                yield outcome

        return convert_outcomes(recorded(), *args)

    monkeypatch.setattr(kg.ingest, "read_document", reading)
    monkeypatch.setattr(kg.build, "convert_outcomes", writing)
    report = build([corpus], tmp_path / "out", BuildOptions(jobs=jobs, batch_size=BATCH, html=False, progress=False))
    assert report.stored_documents == DOCUMENTS
    assert events.count("read") == DOCUMENTS and events.count("analysed") == DOCUMENTS
    # Read ahead: a batch here, and two batches a worker in flight with --jobs.
    ahead = BATCH + 2 * jobs * BATCH if jobs > 1 else BATCH
    assert events.index("analysed") <= ahead + 1 < DOCUMENTS
