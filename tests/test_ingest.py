"""Reading, decoding and cleaning input files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import clean_text, is_boilerplate, is_furniture, read_document, read_documents
from kg.model import Document, Problem


def test_leading_date_is_read_and_blanked_keeping_offsets():
    raw = " date 2023-12-19 The Cuban government conducted operations."
    text, date = clean_text(raw)
    assert date == "2023-12-19"
    assert len(text) == len(raw)
    assert text.index("The Cuban") == raw.index("The Cuban")
    assert "2023" not in text


@pytest.mark.parametrize(
    "line",
    [
        "READ MORE: Diplomat’s arrest rattles officials",
        "Read the report",
        "Published by",
        "tracking",
        "—",
        "By Jane Doe and John Roe",
        "CNN’s Sean Lyngaas contributed to this report.",
        "Photo: Getty Images",
        "Share this article",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "ODNI warns of election interference by Cuba to help candidates with ties to the regime",
        "Russia sought to denigrate the Democratic Party.",
        "Read more than one report before judging, the analyst said.",
    ],
)
def test_reporting_lines_are_kept(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize("line", ["CNN", "Voz media US Voz.us", "Cuban President Miguel Díaz-CanelAFP"])
def test_mastheads_and_captions_are_furniture(line):
    assert is_furniture(line) and not is_boilerplate(line)


def test_furniture_is_dropped_only_when_it_stands_alone():
    raw = "CNN\n—\nRussia denied it.\n\nPresident Putin in MoscowAFP\n\nMore text follows here.\n"
    text, _ = clean_text(raw)
    assert "CNN" not in text and "MoscowAFP" not in text and "More text follows here." in text


def test_hard_wrapped_paragraphs_keep_every_line():
    raw = (
        "Officials said that Russia sought to denigrate\n"
        "the Democratic Party candidate\n"
        "and undermine confidence in the\n"
        "electoral process, according to Reuters\n"
    )
    text, _ = clean_text(raw)
    assert text == raw


def test_byte_order_mark_keeps_the_date_and_the_offsets():
    raw = "\ufeffdate 2024-02-03 Iran sought to exploit divisions."
    text, date = clean_text(raw)
    assert date == "2024-02-03" and len(text) == len(raw)
    assert text.index("Iran") == raw.index("Iran")


def test_a_date_that_does_not_exist_is_dropped_with_a_warning(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("date 2024-13-45 Iran sought to exploit divisions.", encoding="utf-8")
    doc, warnings = read_document(path)
    assert doc.date is None and "2024-13-45" not in doc.text
    assert warnings and "does not exist" in warnings[0].reason and not warnings[0].fatal


def test_utf16_is_decoded_not_called_binary(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Iran sought to exploit divisions.".encode("utf-16"))
    doc, warnings = read_document(path)
    assert doc.text.strip() == "Iran sought to exploit divisions."
    assert "utf-16" in warnings[0].reason


def test_a_file_named_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text("Iran sought to exploit divisions.", encoding="utf-8")
    items = list(read_documents([tmp_path, tmp_path / "a.txt"]))
    assert [type(i).__name__ for i in items] == ["Document"]


def test_cleaning_keeps_length_and_line_structure():
    raw = "CNN\n—\nRussia denied it.\r\nREAD MORE: x\n"
    text, _ = clean_text(raw)
    assert len(text) == len(raw)
    assert text.count("\n") == raw.count("\n")
    assert text[text.index("Russia"):].startswith("Russia denied it.\r\n")


def test_read_document_hash_and_id(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Russia sought to denigrate the party.\n", encoding="utf-8")
    doc, warnings = read_document(path)
    assert isinstance(doc, Document)
    assert doc.id == "a.txt" and not warnings
    assert len(doc.sha256) == 64


def test_non_utf8_falls_back_and_warns(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 owners said Russia targeted voters.".encode("cp1252"))
    doc, warnings = read_document(path)
    assert "Café" in doc.text
    assert warnings and not warnings[0].fatal and "cp1252" in warnings[0].reason


@pytest.mark.parametrize(
    "content, reason",
    [(b"", "empty"), (b"  \n\n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_unusable_files_raise_naming_the_file(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason) as info:
        read_document(path)
    assert "bad.txt" in str(info.value)


def test_read_documents_reports_problems_and_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Iran sought to exploit divisions.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    items = list(read_documents([tmp_path, tmp_path / "missing.txt", tmp_path / "notes.docx"]))
    docs = [i for i in items if isinstance(i, Document)]
    problems = {(i.path.rsplit("/", 1)[-1], i.fatal): i.reason for i in items if isinstance(i, Problem)}
    assert [d.id for d in docs] == ["good.txt"]
    assert "empty" in problems["empty.txt", True]
    assert "no such file" in problems["missing.txt", True]
    assert "notes.pdf: cannot be read as a PDF" in problems["notes.pdf", True]
    assert "not a kind of file kg reads" in problems["notes.docx", True]  # named: an error
    assert "skipped: not a kind of file" in problems["notes.docx", False]  # in the folder: a warning
    assert not [key for key in problems if key[0] == ".DS_Store"]


def test_unreadable_file_is_reported(tmp_path):
    # A folder with a .txt name cannot be read as a file, even by root (unlike chmod 0).
    path = tmp_path / "folder.txt"
    path.mkdir()
    with pytest.raises(InputError, match="folder.txt: cannot be read"):
        read_document(path)


# -- hostile and careless inputs --------------------------------------------------------


def test_a_stray_byte_keeps_the_rest_of_the_utf8(tmp_path):
    path = tmp_path / "mixed.txt"
    text = "The “Doppelgänger” network, run from Moscow, targeted Germany. "
    path.write_bytes(text.encode() + b"Price: 5\x80 only. " + text.encode())
    doc, warnings = read_document(path)
    assert doc.text == text + "Price: 5€ only. " + text
    assert [w.fatal for w in warnings] == [False] and "1 bytes" in warnings[0].reason


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(tmp_path, encoding):
    path = tmp_path / "u16.txt"
    path.write_bytes("Iran sought to exploit divisions in Café society.\n".encode(encoding))
    doc, warnings = read_document(path)
    assert doc.text == "Iran sought to exploit divisions in Café society.\n"
    assert encoding in warnings[0].reason


def test_a_cyrillic_legacy_file_is_detected_not_read_as_cp1252(tmp_path):
    path = tmp_path / "ru.txt"
    text = "Москва заявила, что выборы в Молдове были нечестными и что Запад вмешивался в них."
    path.write_bytes(text.encode("cp1251"))
    doc, warnings = read_document(path)
    assert doc.text == text and "cp1251" in warnings[0].reason


@pytest.mark.parametrize("page", [
    "<!DOCTYPE html><html><body><p>Russia targeted voters.</p></body></html>",
    "\n  <html lang='en'><head><title>x</title></head><body>Russia targeted voters.</body></html>",
])  # fmt: skip
def test_an_html_page_named_txt_is_a_problem_not_words(tmp_path, page):
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(InputError, match="HTML"):
        read_document(path)


def test_text_that_mentions_tags_is_still_text(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("Analysts found <script> tags in the <html> of fake sites run by Russia.", encoding="utf-8")
    doc, _ = read_document(path)
    assert doc.text.startswith("Analysts")


def test_problems_name_the_file_once(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (problem,) = read_documents([tmp_path])
    assert problem.path.endswith("empty.txt") and "empty.txt" not in problem.reason
    assert str(InputError(problem.reason, path=problem.path)).count("empty.txt") == 1


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    import os

    (tmp_path / "ok.txt").write_text("Iran sought to exploit divisions.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text("Russia sought to denigrate X.", encoding="utf-8")
    scandir = os.scandir

    def refuse(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)  # root can read any folder: refuse it by hand
    items = list(read_documents([tmp_path]))
    assert [i.id for i in items if isinstance(i, Document)] == ["ok.txt"]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [p.path for p in problems] == [str(locked)] and "cannot be read" in problems[0].reason


def test_symlink_loops_are_reported_and_not_followed(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text("Iran sought to exploit divisions.", encoding="utf-8")
    (corpus / "sub" / "back").symlink_to(corpus, target_is_directory=True)  # sub/back -> corpus
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")  # a link to itself
    (corpus / "gone.txt").symlink_to(corpus / "missing.txt")
    items = list(read_documents([corpus]))
    assert [i.id for i in items if isinstance(i, Document)] == ["a.txt"]
    reasons = {Path(p.path).name: p.reason for p in items if isinstance(p, Problem)}
    assert "loop" in reasons["loop.txt"] and "loop" in reasons["back"]
    assert "leads nowhere" in reasons["gone.txt"]


def test_a_linked_folder_is_read(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("Iran sought to exploit divisions.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "linked").symlink_to(real, target_is_directory=True)
    assert [i.id for i in read_documents([corpus])] == ["a.txt"]
