"""kg build --engine dask: the same claims as a local build, failed shards retried, done shards reused.

The cluster is a LocalCluster of two in-process workers (threads): it starts in a second
and lets a test replace a function the tasks call.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg.build
import kg.dask_engine
from kg.build import BuildOptions, build
from kg.cli import main

distributed = pytest.importorskip("distributed")  # the test extra installs it; CI runs these

OPTIONS = BuildOptions(html=False, progress=False)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        yield c


@pytest.fixture
def corpus(shared_dir, tmp_path):
    """The seeds and the sample articles: seven documents, four shards of two."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for source in [shared_dir / "corpus" / "seeds", Path(__file__).parents[1] / "corpus" / "sample"]:
        for path in sorted(source.glob("*.txt")):
            shutil.copyfile(path, folder / path.name)
    return folder


def dask_options(cluster, tmp_path, **more):
    return BuildOptions(
        html=False, progress=False, engine="dask", scheduler=cluster.scheduler_address,
        shards=str(tmp_path / "shards"), shard_size=2, **more,
    )  # fmt: skip


def claims(out):
    return (out / "claims.jsonl").read_text(encoding="utf-8")


@pytest.fixture
def parsed(monkeypatch):
    """The ids of the documents the Dask workers parse."""
    seen: list[str] = []
    analyse_with = kg.dask_engine.analyse_with

    def counting(nlp, documents, **kwargs):
        seen.extend(d.id for d in documents)
        return analyse_with(nlp, documents, **kwargs)

    monkeypatch.setattr(kg.dask_engine, "analyse_with", counting)
    return seen


@pytest.mark.model
def test_local_parallel_and_dask_builds_store_the_same_claims(corpus, nlp, cluster, tmp_path, parsed):
    local = build([corpus], tmp_path / "local", OPTIONS)
    jobs = build([corpus], tmp_path / "jobs", BuildOptions(html=False, progress=False, jobs=2, batch_size=3))
    dask = build([corpus], tmp_path / "dask", dask_options(cluster, tmp_path))
    assert local.stored_documents == 7 and local.claims > 50
    assert claims(tmp_path / "local") == claims(tmp_path / "jobs") == claims(tmp_path / "dask")
    assert (dask.documents, dask.claims, dask.added) == (local.documents, local.claims, local.added)
    assert sorted(parsed) == sorted(p.name for p in corpus.glob("*.txt"))
    assert len(list((tmp_path / "shards").glob("*.shard"))) == 4  # seven documents, two a shard

    again = build([corpus], tmp_path / "dask", dask_options(cluster, tmp_path))
    assert (again.unchanged, again.documents) == (7, 0)
    assert len(parsed) == 7  # unchanged documents are hashed by the workers, not parsed
    assert claims(tmp_path / "dask") == claims(tmp_path / "local")


@pytest.mark.model
def test_a_failed_shard_is_retried(corpus, nlp, cluster, tmp_path, monkeypatch):
    write_shard = kg.dask_engine._write_shard
    calls: list[str] = []

    def fail_first(fs, path, data):
        calls.append(path)
        if len(calls) == 1:
            raise OSError("the shared disk went away")
        write_shard(fs, path, data)

    monkeypatch.setattr(kg.dask_engine, "_write_shard", fail_first)
    report = build([corpus], tmp_path / "dask", dask_options(cluster, tmp_path))
    assert len(calls) == 5  # four shards, one of them twice
    assert [p for p in report.problems if p.fatal] == []
    assert claims(tmp_path / "dask") == claims(build_local(corpus, tmp_path))


def build_local(corpus, tmp_path):
    build([corpus], tmp_path / "local", OPTIONS)
    return tmp_path / "local"


@pytest.mark.model
def test_a_shard_failing_every_time_is_reported_and_the_next_build_does_only_it(corpus, nlp, cluster, tmp_path, monkeypatch, parsed):
    write_shard = kg.dask_engine._write_shard
    first_shard = sorted(p.name for p in corpus.glob("*.txt"))[:2]

    def broken(fs, path, data):
        if any(name.encode() in data for name in first_shard):
            raise OSError("the shared disk went away")
        write_shard(fs, path, data)

    monkeypatch.setattr(kg.dask_engine, "_write_shard", broken)
    report = build([corpus], tmp_path / "dask", dask_options(cluster, tmp_path))
    failed = sorted(Path(p.path).name for p in report.problems if p.fatal)
    assert failed == first_shard
    assert all("failed 3 times" in p.reason and "went away" in p.reason for p in report.problems if p.fatal)
    assert report.stored_documents == 5  # the other shards are stored

    monkeypatch.setattr(kg.dask_engine, "_write_shard", write_shard)
    parsed.clear()
    again = build([corpus], tmp_path / "dask", dask_options(cluster, tmp_path))
    assert sorted(parsed) == first_shard
    assert (again.added, again.unchanged, again.stored_documents) == (2, 5, 7)
    assert claims(tmp_path / "dask") == claims(build_local(corpus, tmp_path))


@pytest.mark.model
def test_a_rerun_after_the_writer_stopped_reuses_the_shards_already_done(corpus, nlp, cluster, tmp_path, monkeypatch, parsed):
    convert = kg.build.convert_outcomes

    def writer_dies(outcomes, *args):
        for _ in outcomes:  # every shard is done...
            pass
        raise RuntimeError("the writer's machine rebooted")  # ...and nothing is stored

    monkeypatch.setattr(kg.build, "convert_outcomes", writer_dies)
    with pytest.raises(RuntimeError, match="rebooted"):
        build([corpus], tmp_path / "dask", dask_options(cluster, tmp_path))
    assert len(parsed) == 7
    done = sorted((tmp_path / "shards").glob("*.shard"))
    assert len(done) == 4

    monkeypatch.setattr(kg.build, "convert_outcomes", convert)
    parsed.clear()
    report = build([corpus], tmp_path / "dask", dask_options(cluster, tmp_path))
    assert parsed == []  # nothing parsed again
    assert sorted((tmp_path / "shards").glob("*.shard")) == done
    assert report.added == 7
    assert claims(tmp_path / "dask") == claims(build_local(corpus, tmp_path))


@pytest.mark.model
def test_inputs_and_shards_through_fsspec_urls(corpus, nlp, cluster, tmp_path):
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    root = f"/kg-test-{tmp_path.name}"
    try:
        for path in corpus.glob("*.txt"):
            memory.pipe_file(f"{root}/corpus/{path.name}", path.read_bytes())
        options = dask_options(cluster, tmp_path)
        options = BuildOptions(**{**options.__dict__, "shards": f"memory://{root}/shards"})
        report = build([f"memory://{root}/corpus"], tmp_path / "dask", options)
        assert report.stored_documents == 7
        assert len(memory.ls(f"{root}/shards")) == 4
        assert claims(tmp_path / "dask") == claims(build_local(corpus, tmp_path))
    finally:
        memory.rm(root, recursive=True)


def test_cluster_options_without_the_dask_engine_are_a_usage_error(tmp_path, capsys):
    assert main(["build", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "--engine dask" in capsys.readouterr().err


def test_standard_input_cannot_go_to_a_cluster(tmp_path):
    files, problems = kg.dask_engine.list_inputs(["-", tmp_path / "missing"])
    assert files == []
    assert [(p.path, "cluster" in p.reason or "no such" in p.reason) for p in problems] == [
        ("-", True), (str(tmp_path / "missing"), True),
    ]  # fmt: skip


@pytest.mark.model
def test_a_damaged_shard_file_is_reported_and_made_again(corpus, nlp, cluster, tmp_path, parsed):
    build([corpus], tmp_path / "first", dask_options(cluster, tmp_path))
    damaged = sorted((tmp_path / "shards").glob("*.shard"))[0]
    damaged.write_bytes(damaged.read_bytes()[:100])  # cut short
    parsed.clear()
    report = build([corpus], tmp_path / "dask", dask_options(cluster, tmp_path))
    problems = [p for p in report.problems if p.fatal]
    assert len(problems) in (1, 2) and all("cannot be read" in p.reason and damaged.name in p.reason for p in problems)
    assert report.stored_documents == 7 - len(problems)
    assert parsed == []
    again = build([corpus], tmp_path / "dask", dask_options(cluster, tmp_path))
    assert again.added == len(problems) and again.stored_documents == 7
    assert claims(tmp_path / "dask") == claims(build_local(corpus, tmp_path))


@pytest.mark.model
def test_the_workers_use_the_actor_tables_and_new_tables_make_new_shards(nlp, cluster, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The Blue Lantern Collective created fake accounts to denigrate candidates.\n")
    table = tmp_path / "actors.tsv"
    table.write_text("key\tlabel\tkind\taffiliated_with\tsource\nblue-lantern\tBlue Lantern Collective\tOrganisation\tCUB\tthis test\n")
    with_tables = dask_options(cluster, tmp_path, actors=(table,))
    build([corpus], tmp_path / "local", BuildOptions(html=False, progress=False, actors=(table,)))
    build([corpus], tmp_path / "dask", with_tables)
    assert claims(tmp_path / "dask") == claims(tmp_path / "local")
    assert '"resolution": "kb: Blue Lantern Collective"' in claims(tmp_path / "dask")

    table.write_text(table.read_text().replace("CUB", "VEN"))
    report = build([corpus], tmp_path / "dask", with_tables)
    assert report.reextracted == 1 and len(list((tmp_path / "shards").glob("*.shard"))) == 2
