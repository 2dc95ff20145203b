"""What a claim carries beside its wording: who, where, when, numbers and its content verbs.

Extracted cheaply (regex) or from spaCy entities, normalised so two claims'
anchors compare as sets; a date part is typed (``y:2008``) so a year is only
compared with a year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from factcheck.parse import Parsed


class ClaimAnchors(BaseModel):
    """What a claim carries beside its embedding, normalised for set comparison.

    ``who`` and ``where`` hold lowercased names; ``when`` holds typed date parts
    (``y:2008``, ``m:jan``, ``d:5``, ``w:tue``) so that a year is only compared with a
    year; ``numbers`` holds numerals as digits (``"1200"``, ``"3.5"``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    who: tuple[str, ...] = ()
    where: tuple[str, ...] = ()
    when: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    events: tuple[str, ...] = ()


# --------------------------------------------------------------------------- anchors

_MONTHS = {
    "jan": "jan", "january": "jan", "feb": "feb", "february": "feb", "mar": "mar", "march": "mar",
    "apr": "apr", "april": "apr", "may": "may", "jun": "jun", "june": "jun", "jul": "jul", "july": "jul",
    "aug": "aug", "august": "aug", "sep": "sep", "sept": "sep", "september": "sep", "oct": "oct",
    "october": "oct", "nov": "nov", "november": "nov", "dec": "dec", "december": "dec",
}  # fmt: skip
_WEEKDAYS = {
    "monday": "mon", "tuesday": "tue", "wednesday": "wed", "thursday": "thu", "friday": "fri",
    "saturday": "sat", "sunday": "sun",
}  # fmt: skip
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_DAY = re.compile(
    r"\b(?:(?:"
    + "|".join(_MONTHS)
    + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:"
    + "|".join(_MONTHS)
    + r")\b)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[,.]\d+)*")
_NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
# A run of capitalised words, allowing a few lowercase joiners inside ("Bank of England").
_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:(?:of|de|du|da|del|la|van|von|al|bin|the)\s+)?[A-Z][\w'’.-]*)*")
_PLACE_CUE = re.compile(r"\b(?:in|at|near|from|outside|across|off)\s+(?:the\s+)?$", re.IGNORECASE)
_SPACY_SLOT = {
    "PERSON": "who", "ORG": "who", "NORP": "who",
    "GPE": "where", "LOC": "where", "FAC": "where",
    "DATE": "when", "TIME": "when",
    "CARDINAL": "numbers", "QUANTITY": "numbers", "MONEY": "numbers", "PERCENT": "numbers",
}  # fmt: skip


#: Verbs that say nothing about which event a claim reports: reporting and light verbs.
_LIGHT_VERBS = frozenset({
    "say", "tell", "report", "add", "accord", "state", "claim", "note", "explain", "believe", "think", "know",
    "be", "have", "do", "make", "get", "take", "go", "come", "give", "put", "set", "seem", "become", "include",
    "expect", "want", "need", "try", "continue", "begin", "start", "use",
})  # fmt: skip


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _when_parts(text: str) -> list[str]:
    parts = [f"y:{m.group(1)}" for m in _YEAR.finditer(text)]
    for m in _MONTH_RE.finditer(text):
        word = m.group(1)
        # "may" and "march" are also ordinary words: only a capitalised form counts.
        if word.lower() in {"may", "march", "mar"} and not word[0].isupper():
            continue
        parts.append(f"m:{_MONTHS[word.lower()]}")
    parts += [f"w:{_WEEKDAYS[m.group(1).lower()]}" for m in _WEEKDAY_RE.finditer(text)]
    parts += [f"d:{int(m.group(1) or m.group(2))}" for m in _DAY.finditer(text)]
    return parts


def _numbers(text: str, years: set[str]) -> list[str]:
    days = {m.start(1) if m.group(1) else m.start(2) for m in _DAY.finditer(text)}
    out = []
    for m in _NUMBER.finditer(text):
        if m.start() in days:  # the day of a date is a date, not a quantity
            continue
        raw = m.group(0).replace(",", "")
        if raw in years:
            continue
        try:
            value = float(raw)
        except ValueError:  # "1.2.3": a version or a date, not a quantity
            continue
        out.append(f"{value:g}")
    out += [f"{_NUMBER_WORDS[m.group(1).lower()]:g}" for m in _NUMBER_WORD_RE.finditer(text)]
    return out


def _is_calendar(word: str) -> bool:
    low = word.lower().rstrip(".")
    return low in _MONTHS or low in _WEEKDAYS


def _regex_names(text: str, stop: frozenset[str]) -> tuple[list[str], list[str]]:
    """Capitalised runs as names; a run right after "in/at/near ..." is a place."""
    who: list[str] = []
    where: list[str] = []
    for m in _NAME.finditer(text):
        words = [w.strip(".'’-") for w in m.group(0).split()]
        # Drop leading sentence-initial function words ("The", "In") and calendar words.
        while words and (words[0].lower() in stop or _is_calendar(words[0])):
            words = words[1:]
        words = [w for w in words if w and not _is_calendar(w)]
        if not words or (len(words) == 1 and (words[0].lower() in stop or len(words[0]) < 2)):
            continue
        name = " ".join(words).lower()
        (where if _PLACE_CUE.search(text[: m.start()]) else who).append(name)
    return who, where


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def anchors_for(texts: Sequence[str], nlp: Language | None = None) -> list[ClaimAnchors]:
    """Extract who / where / when / numbers from each claim text.

    Without ``nlp`` this is regex only (capitalised runs, years, month and day
    names, numerals), which is fast and needs no model; people and places are
    then told apart only by a preceding "in/at/near". With a spaCy pipeline its
    entities fill the slots by label, and dates and numbers inside them are
    normalised the same way, so both modes give comparable anchors. Lowercase
    unpunctuated text yields few names either way; the embedding then decides.

    Args:
        texts: Claim texts, in claim order.
        nlp: Optional spaCy pipeline with an ``ner`` component.

    Returns:
        One :class:`ClaimAnchors` per text.
    """
    stop = _stop_words()
    if nlp is None:
        out = []
        for text in texts:
            when = _when_parts(text)
            years = {w[2:] for w in when if w.startswith("y:")}
            who, where = _regex_names(text, stop)
            out.append(
                ClaimAnchors(
                    who=_dedupe(who),
                    where=_dedupe(where),
                    when=_dedupe(when),
                    numbers=_dedupe(_numbers(text, years)),
                )
            )
        return out
    return [_from_parse(doc, stop) for doc in nlp.pipe(texts)]


def anchors_from_parses(parses: Sequence[Parsed], nlp: Language | None = None) -> list[ClaimAnchors]:
    """:func:`anchors_for` read from the parses segmentation already made (one parse per text).

    A claim's entities and verbs are those of its own tokens in the parsed sentence; a claim without
    a parse (the model-free path, or a run recased for segmentation) is parsed here as before.
    """
    stop = _stop_words()
    spans = [p.span() if nlp is not None else None for p in parses]
    missing = [i for i, span in enumerate(spans) if span is None]
    fallback = dict(zip(missing, anchors_for([parses[i].text for i in missing], nlp), strict=True))
    return [fallback[i] if span is None else _from_parse(span, stop) for i, span in enumerate(spans)]


def _from_parse(doc: Doc | SpacySpan, stop: frozenset[str]) -> ClaimAnchors:
    """Anchors from a parse: spaCy entities fill the slots by label, verbs give the events."""
    slots: dict[str, list[str]] = {"who": [], "where": [], "when": [], "numbers": []}
    for ent in doc.ents:
        slot = _SPACY_SLOT.get(ent.label_)
        if slot in ("who", "where"):
            words = [w for w in ent.text.split() if w.lower() not in stop]
            slots[slot].append(" ".join(words).lower())
        elif slot == "when":
            slots["when"] += _when_parts(ent.text)
        elif slot == "numbers":
            slots["numbers"] += _numbers(ent.text, set())
    # Years spaCy labels CARDINAL still count as dates; years never count as numbers.
    when = slots["when"] + _when_parts(doc.text)
    years = {w[2:] for w in when if w.startswith("y:")}
    return ClaimAnchors(
        who=_dedupe(slots["who"]),
        where=_dedupe(slots["where"]),
        when=_dedupe(when),
        numbers=_dedupe(n for n in slots["numbers"] if n not in years),
        events=_dedupe(
            t.lemma_.lower()
            for t in doc
            if t.pos_ == "VERB" and t.lemma_.lower() not in _LIGHT_VERBS and t.lemma_.isalpha()
        ),
    )


def _name_tokens(names: Sequence[str], stop: frozenset[str]) -> set[str]:
    # Token level, so "Reid" matches "Tara Reid" and "Obama" matches "Barack Obama".
    return {tok for name in names for tok in re.findall(r"\w+", name) if tok not in stop and len(tok) > 1}
