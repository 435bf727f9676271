"""Hand-built spaCy parses for rule tests, so they do not depend on a model's moods."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

__all__ = ["VOCAB", "parse"]

#: A vocabulary with English lexical attributes (lower_, is_punct, like_num).
VOCAB = spacy.blank("en").vocab


def parse(rows: str, vocab=VOCAB, joined: tuple[int, ...] = ()) -> Doc:
    """A Doc from lines ``word head dep pos tag lemma [ent]``; heads index the whole doc.
    Every word is followed by a space except those whose index is in ``joined``.

    >>> [t.dep_ for t in parse('''Russia 1 nsubj PROPN NNP Russia B-GPE
    ... lied 1 ROOT VERB VBD lie''')]
    ['nsubj', 'ROOT']
    """
    words, heads, deps, pos, tags, lemmas, ents = [], [], [], [], [], [], []
    for line in rows.strip().splitlines():
        parts = line.split()
        words.append(parts[0])
        heads.append(int(parts[1]))
        deps.append(parts[2])
        pos.append(parts[3])
        tags.append(parts[4])
        lemmas.append(parts[5])
        ents.append(parts[6] if len(parts) > 6 else "O")
    spaces = [i not in joined for i in range(len(words))]
    return Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas, ents=ents)
