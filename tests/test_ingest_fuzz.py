"""Fuzzing ingest with hypothesis: random bytes and texts in several encodings.

Whatever a file holds, reading it gives a Document or an InputError naming the file --
never another exception -- and cleaning only ever blanks characters, so offsets hold.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import read_document

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read(tmp_path, data: bytes):
    path = tmp_path / "fuzz.txt"
    path.write_bytes(data)
    try:
        return read_document(path)
    except InputError as err:
        assert err.path == str(path) and err.reason
        return None


def _only_blanked(cleaned: str, original: str) -> bool:
    return len(cleaned) == len(original) and all(c == o or c == " " for c, o in zip(cleaned, original))


@SETTINGS
@given(data=st.binary(max_size=4096))
def test_any_bytes_give_a_document_or_an_input_error(tmp_path, data):
    result = _read(tmp_path, data)
    if result is not None:
        doc, warnings = result
        assert isinstance(doc.text, str) and doc.text  # it may be all blanked boilerplate ("!")
        assert all(not w.fatal for w in warnings)


@SETTINGS
@given(text=st.text(min_size=1, max_size=2000), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_text_comes_back_with_only_boilerplate_blanked(tmp_path, text, encoding):
    result = _read(tmp_path, text.encode(encoding))
    if result is None:
        return  # empty, binary-looking (control codes) or an HTML page: refused by name
    doc, _ = result
    decoded = text if encoding != "utf-8-sig" else "\ufeff" + text
    assert _only_blanked(doc.text, decoded.replace("\ufeff", " ", 1) if decoded.startswith("\ufeff") else decoded)


WORDS = ["Russia", "targets", "voters", "café", "Zürich", "naïve", "Doppelgänger", "résumé", "“quoted”", "—", "£5",
         "Müller", "São", "Paulo", "élection", "façade", "the", "and", "of", "campaign", "Kraków", "œuvre", "‘its’"]


@SETTINGS
@given(words=st.lists(st.sampled_from(WORDS), min_size=3, max_size=60), encoding=st.sampled_from(["cp1252", "latin-1"]))
def test_western_legacy_text_is_read_exactly(tmp_path, words, encoding):
    text = "Russia " + " ".join(words) + "."  # a word: not a line of punctuation, which cleaning blanks
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # latin-1 has no curly quotes, dashes or œ
    result = _read(tmp_path, data)
    assert result is not None
    doc, warnings = result
    if all(ord(c) < 128 for c in text):
        assert doc.text == text and not warnings
    else:
        assert doc.text == text, warnings
