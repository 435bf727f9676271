"""Parsing and extraction at the edges: documents longer than the model takes, a parser
that fails on one document, and Ctrl-C in a parallel build."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import kg.nlp
from kg.build import BuildOptions, build

SENTENCE = "Russia sought to denigrate the Democratic Party ahead of the vote."


@pytest.mark.parametrize("limit", [1, 7, 40, 500])
def test_pieces_cover_the_text_exactly_and_respect_the_limit(limit):
    from kg.nlp import split_text

    text = ("One two. Three four five!\n\nSix\nseven eight nine ten eleven. " * 40) + "x" * 120
    spans = split_text(text, limit)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(0 < b - a <= limit for a, b in spans)
    assert [a for a, _ in spans[1:]] == [b for _, b in spans[:-1]]


def test_pieces_end_at_paragraphs_before_sentences():
    from kg.nlp import split_text

    text = "First paragraph. Still first.\n\nSecond paragraph here. And more text."
    (a, b), *_ = split_text(text, 50)
    assert text[a:b] == "First paragraph. Still first.\n\n"
    (a, b), *_ = split_text("One sentence here. Another one follows here.", 30)
    assert (a, b) == (0, len("One sentence here. "))


@pytest.fixture
def small_limit(monkeypatch, nlp):
    """Pipelines loaded by kg take at most 3,000 characters, as if the model's limit were that."""
    load = spacy.load

    def load_small(name, *args, **kwargs):
        pipeline = load(name, *args, **kwargs)
        pipeline.max_length = 3_000
        return pipeline

    monkeypatch.setattr(kg.nlp.spacy, "load", load_small)


@pytest.mark.model
def test_a_document_over_the_model_limit_is_built_in_pieces_with_offsets_kept(tmp_path, small_limit):
    corpus = tmp_path / "in"
    corpus.mkdir()
    paragraphs = [f"Paragraph {i}. {SENTENCE}\n\n" for i in range(120)]
    long_text = "".join(paragraphs)
    assert len(long_text) > 3 * 3_000
    (corpus / "long.txt").write_text(long_text, encoding="utf-8")
    (corpus / "short.txt").write_text("Iran sought to exploit divisions in the United States.\n", encoding="utf-8")
    report = build([corpus], tmp_path / "out", BuildOptions(progress=False, html=False))
    assert not [p for p in report.problems if p.fatal], report.problems
    assert report.stored_documents == 2
    rows = [json.loads(line) for line in (tmp_path / "out" / "claims.jsonl").read_text().splitlines()]
    long_rows = [r for r in rows if r["doc"] == "long.txt"]
    assert len(long_rows) == 120  # one claim a paragraph, in every piece
    for row in long_rows:
        assert long_text[row["start"] : row["end"]] == row["sentence"] == SENTENCE
        assert long_text[row["subject"]["start"] : row["subject"]["end"]] == row["subject"]["text"]
        assert long_text[row["object"]["start"] : row["object"]["end"]] == row["object"]["text"]
    assert max(r["start"] for r in long_rows) > 3 * 3_000


@Language.component("explode_on_boom")
def _explode_on_boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("the parser broke")
    return doc


@pytest.fixture
def exploding_parser(monkeypatch, nlp):
    """Pipelines loaded by kg raise inside nlp.pipe on any text containing BOOM."""
    load = spacy.load

    def load_exploding(name, *args, **kwargs):
        pipeline = load(name, *args, **kwargs)
        pipeline.add_pipe("explode_on_boom", first=True)
        return pipeline

    monkeypatch.setattr(kg.nlp.spacy, "load", load_exploding)


@pytest.mark.model
def test_an_error_inside_the_parser_is_that_documents_problem(tmp_path, exploding_parser):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    (corpus / "b.txt").write_text("BOOM. " + SENTENCE + "\n", encoding="utf-8")
    (corpus / "c.txt").write_text("Iran sought to exploit divisions in the United States.\n", encoding="utf-8")
    report = build([corpus], tmp_path / "out", BuildOptions(progress=False, html=False))
    problems = {Path(p.path).name: p.reason for p in report.problems}
    assert list(problems) == ["b.txt"] and "the parser broke" in problems["b.txt"]
    assert report.stored_documents == 2
    docs = {json.loads(line)["doc"] for line in (tmp_path / "out" / "claims.jsonl").read_text().splitlines()}
    assert docs == {"a.txt", "c.txt"}


@pytest.mark.model
@pytest.mark.slow
def test_a_document_of_over_a_million_characters_builds_with_the_real_limit(tmp_path, nlp):
    text = SENTENCE + "\n" + " " * 1_000_000 + "\n" + SENTENCE + "\n"
    (tmp_path / "huge.txt").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(tmp_path / "huge.txt"), "-o", str(tmp_path / "out"), "--no-html"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    rows = [json.loads(line) for line in (tmp_path / "out" / "claims.jsonl").read_text().splitlines()]
    assert sorted(r["start"] for r in rows) == [0, text.rindex(SENTENCE)]


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    except OSError:  # the build has ended
        pass
    return found


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers through /proc")
def test_ctrl_c_stops_a_parallel_build_with_one_message_and_no_traceback(tmp_path, shared_dir, nlp):
    corpus = tmp_path / "in"
    corpus.mkdir()
    seeds = sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))
    for i in range(30):  # enough work that the workers are busy when the signal comes
        seed = seeds[i % len(seeds)]
        (corpus / f"{i:03}_{seed.name}").write_text(f"Copy {i}.\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(tmp_path / "out"), "--jobs", "2", "--no-html"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        # Ctrl-C in a terminal signals the whole foreground process group: do the same once
        # the two workers exist (the build's own pid leads its new session's group).
        while len(workers := _workers(process.pid)) < 2 and process.poll() is None:
            time.sleep(0.05)
        assert process.poll() is None, process.communicate()
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=120)  # a hang fails here instead of forever
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "interrupted" in stderr
    assert [pid for pid in workers if _alive(pid)] == [], "a worker outlived the build"


def _workers(pid: int) -> list[int]:
    """The build's child processes that run Python code of the build (not a helper process)."""
    return [child for child in _children(pid) if b"resource_tracker" not in _cmdline(child)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
