"""Who gives a figure: the body a sentence credits with one value of its own.

A claim's speaker ("officials said ...") holds for all its facts, but one
sentence often sets several bodies' figures side by side: "the USGS measured
the quake at 5.9, while Turkey's AFAD put it at 6.1", "downgraded to 5.7 by the
German Research Centre for Geosciences and 5.6 by the US Geological Survey".
Each of those figures is attributed to its own body, so they are reported as
attributed, not held against each other as a contradiction.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Verbs by which a body gives, measures or revises a figure; other verbs ("killed", "struck") give none.
GIVING_VERBS = frozenset(
    {
        "measure", "record", "register", "put", "peg", "estimate", "calculate", "count", "report", "give",
        "rate", "downgrade", "upgrade", "revise", "lower", "raise", "list", "log", "clock", "assess",
    }
)  # fmt: skip
#: Entity labels that can be a source.
SOURCE_LABELS = frozenset({"ORG", "PERSON", "NORP", "GPE"})


def value_source(root: Token) -> str | None:
    """The named body credited with the value whose head token is ``root``, or None.

    Walking up from the value to the first verb: a "by" phrase on the way names
    the body ("5.6 by the US Geological Survey"); else the verb's named subject
    does ("the USGS measured the quake at 5.9"). Only verbs of giving or
    revising a figure credit anyone: "killed by the earthquake" does not.
    """
    tok = root
    by: str | None = None
    for _ in range(6):
        for child in tok.children:
            if by is None and (child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by")):
                by = _name(next((g for g in child.children if g.dep_ == "pobj"), None))
        if tok.pos_ == "VERB":
            if tok.lemma_.lower() not in GIVING_VERBS:
                return None
            return by or _name(next((c for c in tok.children if c.dep_ == "nsubj"), None))
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _name(tok: Token | None) -> str | None:
    """The name of the entity ``tok`` heads, without article or possessive ("the USGS's" -> "USGS")."""
    if tok is None:
        return None
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is None or ent.label_ not in SOURCE_LABELS:
        return None
    text = re.sub(r"^the\s+", "", ent.text.strip(), flags=re.I)
    return re.sub(r"['’]s?$", "", text).strip() or None
