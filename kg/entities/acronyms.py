"""In-document acronym definitions, after Schwartz & Hearst (2003).

"the Office of the Director of National Intelligence (ODNI)" defines ODNI for the rest of
that document. The algorithm is the one of Schwartz and Hearst ("A simple algorithm for
identifying abbreviation definitions in biomedical text", PSB 2003): a short form in
parentheses, a window of preceding words, and a right-to-left match of the short form's
characters in the window, the first one at the start of a word. One relaxation, for the
translated and paraphrased text kg reads: when that strict match fails, the shortest run
of preceding words whose initials contain every letter of the short form (in any order)
is accepted, provided each capitalised word of it contributes a letter; so
"the Directorate of National Intelligence (ODNI)" still defines ODNI.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["acronyms"]

# "(ODNI)", "(DoD)", "(U.S.)": one word of letters/digits/&/./- in parentheses.
_PAREN = re.compile(r"\(\s*([^()\s]{2,12})\s*\)")
# Long forms in parentheses after the short form: "ODNI (Office of the Director ...)".
_PAREN_LONG = re.compile(r"\b([A-Z][A-Za-z0-9&.\-]{1,11})\s+\(([^()]{6,120})\)")
_WORD = re.compile(r"[^\W_][\w'’&\-]*")
_BREAK = re.compile(r"[.;:!?()\[\]\"“”]")  # the long form does not cross these
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})


def acronyms(text: str) -> dict[str, str]:
    """Acronyms the document defines, mapped to their long forms.

    The first definition of a short form wins; long forms lose a leading determiner.

    Parameters
    ----------
    text : str
        The document (or any passage of it).

    Returns
    -------
    dict of str to str
        ``{"ODNI": "Office of the Director of National Intelligence", ...}``.

    Examples
    --------
    >>> acronyms("a report by the Office of the Director of National Intelligence (ODNI) said")
    {'ODNI': 'Office of the Director of National Intelligence'}
    >>> acronyms("the National Intelligence Council (NIC) and the Department of State (DOS)")
    {'NIC': 'National Intelligence Council', 'DOS': 'Department of State'}
    """
    found: dict[str, str] = {}
    for match in _PAREN.finditer(text):
        short = match.group(1).rstrip(".,;")
        if not _is_short_form(short) or short in found:
            continue
        window = _window_before(text, match.start(), short)
        long = _match_strict(short, window) or _match_initials(short, window)
        if long:
            found[short] = long
    for match in _PAREN_LONG.finditer(text):
        short, inner = match.group(1), match.group(2).strip()
        if short in found or not _is_short_form(short):
            continue
        words = _WORD.findall(inner)
        if words and _match_strict(short, words) == " ".join(words):
            found[short] = _strip_determiner(inner)
    return found


def _is_short_form(candidate: str) -> bool:
    """2–10 characters, starting alphanumeric, mostly capitals: "ODNI", "DoD", "U.S." but not "2020"."""
    letters = [c for c in candidate if c.isalpha()]
    if not 2 <= len(candidate.replace(".", "")) <= 10 or not candidate[0].isalnum() or len(letters) < 2:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper * 2 > len(letters) and all(c.isalnum() or c in "&.-" for c in candidate)


def _window_before(text: str, end: int, short: str) -> list[str]:
    """Up to min(|A| + 5, 2|A|) words before the parenthesis, inside the same clause."""
    size = len(short.replace(".", ""))
    limit = min(size + 5, size * 2)
    before = text[max(0, end - 400) : end]
    breaks = list(_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    return _WORD.findall(before)[-limit:]


def _match_strict(short: str, words: list[str]) -> str | None:
    """Schwartz–Hearst: match short-form characters right to left inside the words."""
    letters = [c.lower() for c in short if c.isalnum()]
    long = " ".join(words)
    lower = long.lower()
    li = len(lower) - 1
    for si in range(len(letters) - 1, -1, -1):
        c = letters[si]
        # the first character of the short form must start a word of the long form
        while li >= 0 and (lower[li] != c or (si == 0 and li > 0 and lower[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    start = li + 1
    if long[start].islower():
        # "the Office of the Director ... (ODNI)" first matches at "of": a capitalised word
        # further left with the same initial is the real start of the name
        starts = (p for p in range(start - 1, -1, -1) if p == 0 or long[p - 1] == " ")
        capital = next((p for p in starts if lower[p] == letters[0] and long[p].isupper()), None)
        if capital is None:
            return None
        start = capital
    candidate = long[start:]
    if len(candidate.split()) < 2 and len(candidate) <= len(short):
        return None
    return _strip_determiner(candidate)


def _match_initials(short: str, words: list[str]) -> str | None:
    """The shortest run of final words whose initials hold every letter of *short*."""
    need = Counter(c.lower() for c in short if c.isalpha())
    for n in range(len(need), len(words) + 1):
        run = words[-n:]
        if run[0][0].islower():
            continue  # a long form starts with a capital, not with "of"
        have = Counter(w[0].lower() for w in run)
        if not all(have[c] >= k for c, k in need.items()):
            continue
        capitals = [w[0].lower() for w in run if w[0].isupper()]
        if all(c in need for c in capitals):
            return _strip_determiner(" ".join(run))
    return None


def _strip_determiner(long: str) -> str:
    head, _, rest = long.partition(" ")
    return rest if rest and head.lower() in _DETERMINERS else long
