"""Which language a document is in, so that a text kg cannot read is reported, not misread.

kg's pipeline and lexicons are English. A Spanish article run through them yields no
claims at best and nonsense at worst, so such a document is skipped with a message
("skipped: Spanish; kg reads English"). The language is identified by py3langid (BSD), a
naive Bayes classifier over byte n-grams whose model ships inside the package (nothing
is downloaded). A short text is never judged: a headline or a one-line note says too
little, and kg would rather read it than drop it.

Examples
--------
>>> detect_language("Rusia intentó denigrar al candidato demócrata en las elecciones de 2020, "
...                 "según un informe publicado el martes por la oficina del director de inteligencia nacional.")
('es', 'Spanish')
>>> detect_language("Russia sought to denigrate the candidate.") is None  # too short to judge
True
>>> not_english_reason("Russia sought to denigrate the Democratic candidate in the 2020 election, "
...                    "according to a report the intelligence community published on Tuesday.") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["detect_language", "not_english_reason", "MIN_WORDS", "MIN_PROBABILITY"]

#: Texts with fewer words are not judged.
MIN_WORDS = 20
#: The classifier's normalised probability it must reach before a text is called non-English.
MIN_PROBABILITY = 0.9
# Enough text to be sure, and cheap on a long report.
_SAMPLE_CHARS = 5000
_WORDS = re.compile(r"\w+")

# English names of the languages the classifier knows that are likeliest in reporting;
# others are named by their ISO 639-1 code.
_NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian", "fr": "French",
    "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
    "be": "Belarusian", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "el": "Greek", "et": "Estonian",
    "fi": "Finnish", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "ka": "Georgian",
    "lt": "Lithuanian", "lv": "Latvian", "no": "Norwegian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian",
    "hr": "Croatian", "ur": "Urdu", "vi": "Vietnamese", "th": "Thai", "ms": "Malay", "sw": "Swahili",
}  # fmt: skip


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, str] | None:
    """(ISO 639-1 code, English name) of ``text``'s language, or None when it cannot be told.

    None for a text under :data:`MIN_WORDS` words or one the classifier is unsure of.
    """
    sample = text[:_SAMPLE_CHARS]
    if len(_WORDS.findall(sample)) < MIN_WORDS:
        return None
    code, probability = _identifier().classify(sample)
    if probability < MIN_PROBABILITY:
        return None
    return code, _NAMES.get(code, code)


def not_english_reason(text: str) -> str | None:
    """The message for a document kg should skip, or None when it reads it.

    >>> not_english_reason("La Russie a cherché à dénigrer le candidat démocrate lors de l'élection de 2020, "
    ...                    "selon un rapport publié mardi par le bureau du directeur du renseignement national.")
    'French; kg reads English'
    """
    found = detect_language(text)
    if found is None or found[0] == "en":
        return None
    return f"{found[1]}; kg reads English"
