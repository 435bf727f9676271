"""Atomic output files: whole or not at all, ordinary permissions, clear errors."""

from __future__ import annotations

import os
import stat

import pytest

from kg.cli import main
from kg.errors import OutputError
from kg.outputs import atomic_write, write_jsonl


def test_output_has_the_mode_a_plain_open_would_give(tmp_path):
    path = write_jsonl(tmp_path / "rows.jsonl", [{"a": 1}])
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_a_failing_writer_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "out.txt"
    atomic_write(path, lambda f: f.write("old"))

    def half_then_fail(handle):
        handle.write("new but incomplete")
        raise ValueError("writer bug")

    with pytest.raises(ValueError):
        atomic_write(path, half_then_fail)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_unwritable_path_is_a_clean_error_naming_the_file(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="file/sub/out.txt: cannot be written"):
        atomic_write(blocker / "sub" / "out.txt", lambda f: f.write("x"))


@pytest.mark.model
def test_cli_reports_an_unwritable_output_without_a_traceback(tmp_path, capsys, nlp):
    sentences = tmp_path / "s.txt"
    sentences.write_text("Russia denied it .\n", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["openie", str(sentences), "-o", str(blocker / "out.tsv")])
    err = capsys.readouterr().err
    assert code == 1 and "cannot be written" in err and "Traceback" not in err


def test_a_temporary_file_of_a_killed_writer_is_removed_by_the_next_write(tmp_path):
    import signal
    import subprocess
    import sys

    path = tmp_path / "claims.jsonl"
    # A writer that is killed (SIGKILL) while its temporary file is open.
    code = (
        "import os, sys, time\n"
        "from kg.outputs import atomic_write\n"
        "def write(handle):\n"
        "    handle.write('partial'); handle.flush(); print('writing', flush=True); time.sleep(600)\n"
        f"atomic_write({str(path)!r}, write)\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "writing"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert len(list(tmp_path.glob(".claims.jsonl.*.tmp"))) == 1 and not path.exists()
    atomic_write(path, lambda f: f.write("whole"))
    assert path.read_text() == "whole"
    assert list(tmp_path.glob(".*.tmp")) == []


def test_a_live_writers_temporary_file_is_left_alone(tmp_path):
    path = tmp_path / "out.txt"
    live = tmp_path / f".out.txt.{os.getppid()}.abc.tmp"  # the test runner's parent is alive
    live.write_text("in progress")
    atomic_write(path, lambda f: f.write("x"))
    assert live.exists()
