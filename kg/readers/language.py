"""Which language a document is in, so that a text kg cannot read is reported, not misread.

kg's pipeline and lexicons are English. A Spanish article run through them yields no
claims at best and nonsense at worst, so such a document is skipped with a message
("skipped: Spanish; kg reads English"). The language is identified by py3langid (BSD), a
naive Bayes classifier over byte n-grams whose model ships inside the package (nothing
is downloaded). A short text is never judged: a headline or a one-line note says too
little, and kg would rather read it than drop it.

Loading the classifier's model costs about 0.6 s of CPU, a tenth of what spaCy spends on
60 documents, and the classifier itself a few milliseconds a document. Most corpora are
plain English, so :func:`not_english_reason` first asks a cheaper question: is the text,
in each half of its sample, mostly unaccented words with English function words ("the",
"which", "were"...) among them? Then it is read without the model. Texts that fail this
go to the classifier as before, so non-English and mixed texts are judged by it alone.

Examples
--------
>>> detect_language("Rusia intentó denigrar al candidato demócrata en las elecciones de 2020, "
...                 "según un informe publicado el martes por la oficina del director de inteligencia nacional.")
('es', 'Spanish')
>>> detect_language("Russia sought to denigrate the candidate.") is None  # too short to judge
True
>>> plainly_english("Russia sought to denigrate the Democratic candidate in the 2020 election, "
...                 "according to a report the intelligence community published on Tuesday.")
True
>>> not_english_reason("Russia sought to denigrate the Democratic candidate in the 2020 election, "
...                    "according to a report the intelligence community published on Tuesday.") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["detect_language", "not_english_reason", "plainly_english", "MIN_WORDS", "MIN_PROBABILITY",
           "MIN_ENGLISH_SHARE", "MAX_FOREIGN_LETTERS"]

#: Texts with fewer words are not judged.
MIN_WORDS = 20
#: The classifier's normalised probability it must reach before a text is called non-English.
MIN_PROBABILITY = 0.9
# Enough text to be sure, and cheap on a long report.
_SAMPLE_CHARS = 5000
_WORDS = re.compile(r"\w+")
# Frequent English words that are not also frequent words of another language written in
# Latin letters ("de", "die", "en", "in" are left out). Every English development and seed
# document has at least 13% of its words among these in each half of its sample; the example
# sentences spaCy ships for other languages have at most 11% (Finnish), most of them none.
_ENGLISH_WORDS = frozenset(
    "the and of to that with which from this were have been their they would said is was for by on as are it its has".split()
)
#: Share of :data:`_ENGLISH_WORDS` among the words of each half of the sample for a text to be plainly English.
MIN_ENGLISH_SHARE = 0.12
#: At most this share of the sample's letters may be outside ASCII (accents, other scripts)
#: for it to be plainly English: the classifier reads bytes, and a block of Cyrillic or
#: Japanese among English words can decide its verdict while adding few words.
MAX_FOREIGN_LETTERS = 0.01

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


def plainly_english(text: str) -> bool:
    """Whether ``text`` is English beyond doubt, by a test far cheaper than the classifier.

    True when each half of the sample has at least :data:`MIN_ENGLISH_SHARE` of its words
    among English function words and at most :data:`MAX_FOREIGN_LETTERS` of its letters
    outside ASCII. Checking halves rather than the whole keeps a text that is a third
    French or Luganda (which the classifier may call French or Luganda) for the classifier.

    >>> plainly_english("El informe dice que Rusia intentó denigrar al candidato y que Irán usó personas falsas.")
    False
    """
    sample = text[:_SAMPLE_CHARS]
    middle = len(sample) // 2
    return all(_english_enough(half) for half in (sample[:middle], sample[middle:]))


def _english_enough(part: str) -> bool:
    words = _WORDS.findall(part)
    if not words or sum(w.lower() in _ENGLISH_WORDS for w in words) < MIN_ENGLISH_SHARE * len(words):
        return False
    letters = sum(c.isalpha() for c in part)
    foreign = sum(c.isalpha() for c in part if not c.isascii())
    return foreign <= MAX_FOREIGN_LETTERS * letters


def not_english_reason(text: str) -> str | None:
    """The message for a document kg should skip, or None when it reads it.

    >>> not_english_reason("La Russie a cherché à dénigrer le candidat démocrate lors de l'élection de 2020, "
    ...                    "selon un rapport publié mardi par le bureau du directeur du renseignement national.")
    'French; kg reads English'
    """
    if plainly_english(text):
        return None  # the classifier would agree; its model need not be loaded
    found = detect_language(text)
    if found is None or found[0] == "en":
        return None
    return f"{found[1]}; kg reads English"
