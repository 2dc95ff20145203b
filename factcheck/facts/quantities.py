"""Figures in text -> ranges in base units: counts, money, percentages, measures, vague amounts.

A figure is an interval, not a point: "more than 50" is (50, inf), "about 400
m" is 340-460 m, "several hours" is 2-9 hours, so two figures are compatible
when their intervals overlap. Units are converted by pint (a ton, ambiguous in
news between a short ton and a tonne, is read as the range of both);
currencies stay apart, since no exchange rate is known. What is *not* a figure
is left out: years and clock times (the date and time extractors take them) and
numbers that are part of a label or a name ("Route 66", "COVID-19", "Flight
1282", "Chandrayaan-3").
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from factcheck.facts.lexicon import (
    ALL_UNIT_WORDS,
    AMBIGUOUS_UNITS,
    CAP_STOP,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    INF,
    LABEL_WORDS,
    MONTHS,
    ORDINAL_WORDS,
    PERCENT_WORDS,
    SCALABLE_VAGUE,
    SCALES,
    UNIT_WORDS,
    VAGUE_AMOUNTS,
    WEEKDAYS,
    WORD_NUMBERS,
)
from factcheck.facts.model import Dimension, Quantity

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_WORDNUM = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_ORDWORD = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
_SCALE = "|".join(sorted((re.escape(s) for s in SCALES), key=len, reverse=True))
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE_AMOUNTS), key=len, reverse=True))
_UNIT = "|".join(sorted((re.escape(u) for u in ALL_UNIT_WORDS), key=len, reverse=True))
_MODIFIER = (
    r"(?:more\s+than|over|above|exceeding|upwards\s+of|in\s+excess\s+of|at\s+least|no\s+fewer\s+than|"
    r"no\s+less\s+than|less\s+than|fewer\s+than|under|below|at\s+most|up\s+to|no\s+more\s+than|nearly|almost|"
    r"close\s+to|just\s+under|just\s+over|about|around|approximately|roughly|some|an\s+estimated|estimated|"
    r"circa|c\.|~|between|from|all|a\s+flat|exactly|precisely)"
)
#: A vague amount's own words inside a figure's text ("hundreds of", "several"): the words QUANTITY_RE reads.
_WORD_AMOUNT_RE = re.compile(rf"\b(?:{_VAGUE})\b", re.IGNORECASE)
QUANTITY_RE = re.compile(
    rf"""(?ix)
    (?<![\w.,])(?:(?P<mod>{_MODIFIER})\s+)?
    (?:
      (?P<vague>{_VAGUE})(?:\s+(?P<vscale>hundred|thousand|million|billion)\b)?
    | (?P<cur>us\$|\$|€|£|¥|₹|₽|₺)?\s?(?P<num>{_NUM})(?P<ord>st|nd|rd|th)?
      (?:\s*(?:-|–|to|and)\s*(?P<num2>{_NUM}))?
      (?P<half1>\s+and\s+a\s+half)?
      (?:\s*(?P<scale>{_SCALE})\b)?
    | \b(?P<word>{_WORDNUM})\b(?:[\s-]+(?P<word2>one|two|three|four|five|six|seven|eight|nine))?
      (?P<half2>\s+and\s+a\s+half)?
      (?:\s+(?P<wscale>hundred|thousand|million|billion|dozen)\b)?
    | \b(?P<ordword>{_ORDWORD})\b
    )
    (?:[\s-]*(?P<unit>{_UNIT})(?![\w]))?
    """
)
#: Two or more scores in a row ("1-6, 7-6 (8-6), 6-1", "4-6 6-3 6-2"), one of them not rising and no
#: percent sign after them: a match's sets, one value.
_PAIR = r"\d{1,2}[-–]\d{1,2}(?:\s?\(\d{1,2}(?:[-–]\d{1,2})?\))?"
SCORE_LINE_RE = re.compile(
    rf"(?<![\w.,\-–/])(?:{_PAIR})(?:(?:,\s*|\s+)(?:{_PAIR}))+(?![\w\-–/%]|[.,]\d|\s*%|\s*per\s?cent)",
    re.IGNORECASE,
)
_SET_RE = re.compile(r"(\d{1,2})[-–](\d{1,2})(?:\s?\([^)]*\))?")
#: A bare plural unit after a verb of duration ("talks lasted hours", "for days"): a vague span of time.
BARE_DURATION_RE = re.compile(
    r"(?i)\b(?:for|lasted|lasting|last|lasts|took|takes|spent|within|over)\s+(?:many\s+)?(?P<unit>minutes|hours|days|weeks|months|years)\b"
)
#: "For nearly a week", "lasted about an hour": one unit of time written with an article.
ONE_DURATION_RE = re.compile(
    r"(?i)\b(?:for|lasted|lasting|took|within|spent)\s+(?:(?P<mod>nearly|almost|about|around|roughly|more\s+than|"
    r"over|less\s+than|under|just\s+over|just\s+under|close\s+to)\s+)?(?P<one>an?)\s+"
    r"(?P<unit>minute|hour|day|week|fortnight|month|year|decade)\b(?!\s+(?:and\s+a\s+half|or\s+(?:two|so)))"
)
#: "No one was killed", "there were no injuries": a casualty count of zero, written without a figure. A
#: qualified zero ("no serious injuries", "no one was badly hurt") says nothing of the whole count: not read.
ZERO_COUNT_RE = re.compile(
    r"(?i)\b(?:(?P<nobody>no[ -]one|nobody)\s+(?:(?:was|were|has\s+been|had\s+been|have\s+been)\s+)?"
    r"(?:killed|injured|hurt|wounded|died)"
    r"|(?P<none>no\s+(?:[a-z]+\s+){0,2}?(?:passengers?|people|workers?|residents?|crew(?:\s+members?)?|staff|"
    r"employees?|students?|children|civilians?|guests?))\s+(?:(?:was|were|has\s+been|had\s+been|have\s+been)\s+"
    r"(?:killed|injured|hurt|wounded)|(?:received|suffered|sustained)\s+(?:any\s+)?(?:injury|injuries))"
    r"|(?:no|zero|nor\s+any|not\s+any|without\s+any)\s+(?:reports?\s+of\s+)?(?:(?:reported|known|immediate)\s+)?"
    r"(?:injuries|deaths|casualties|fatalities))\b"
    # "no casualties, apart from an injured fireman": not a zero
    r"(?!,?\s+(?:apart\s+from|except|other\s+than|besides|save\s+for|aside\s+from|beyond)\b)"
)
#: "Some minor injuries": at least one, though how many is not said. Only the bare determiner before a
#: casualty noun is read ("some 300 people" is an approximate figure, read as a number).
SOME_CASUALTIES_RE = re.compile(
    r"(?i)\bsome\s+(?:(?:minor|light|slight|serious|severe)\s+)?(?P<noun>injuries|casualties|deaths|fatalities)\b"
)
#: "An injured fireman", "a wounded soldier": one casualty, counted by its article.
ONE_CASUALTY_RE = re.compile(
    r"(?i)\b(?:an?|one)\s+(?:(?:seriously|slightly|badly|critically|lightly)\s+)?(?:injured|wounded)\s+"
    r"(?!(?:and|or|in|on|at|by|from|with)\b)[a-z]{3,}\b"
)
_BARE_RANGE = {
    "minutes": (2, 59),
    "hours": (2, 23),
    "days": (2, 13),
    "weeks": (2, 8),
    "months": (2, 11),
    "years": (2, 20),
}
_NOUN_WORD_RE = re.compile(r"[ \t-]+([a-z][a-z\-]{1,})\b", re.IGNORECASE)
_PREPOSITIONS = frozenset(
    [
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "across",
        "over",
        "under",
        "into",
        "onto",
        "during",
        "since",
        "until",
        "after",
        "before",
        "between",
        "among",
        "against",
        "about",
        "per",
        "via",
        "were",
        "was",
        "are",
        "is",
        "have",
        "has",
        "had",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "be",
        "being",
    ]
)
_ATTACHED_ONLY = frozenset({"in", "m", "s", "h", "t", "g", "b", "k", "mi", "ha", "ft", "min", "rs"})
_STOP_NOUNS = frozenset(
    [
        "and",
        "or",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "has",
        "had",
        "have",
        "that",
        "which",
        "who",
        "than",
        "more",
        "less",
        "its",
        "their",
        "his",
        "her",
        "per",
        "cent",
        "this",
        "these",
        "those",
        "it",
        # adverbs after a bare amount: "Thousands also sustained injuries"
        "also",
        "still",
        "now",
        "already",
        "reportedly",
        "allegedly",
        "too",
        "again",
    ]
)
#: Words that follow a counted noun without being part of it ("containers bound for Rotterdam").
_AFTER_NOUN = frozenset(["bound", "left", "held", "worth", "aboard", "inside", "each", "apiece", "alone"])
_NOUN_MODIFIERS = frozenset(
    [
        "new",
        "total",
        "active",
        "additional",
        "other",
        "more",
        "further",
        "recorded",
        "registered",
        "reported",
        "confirmed",
        "suspected",
        "positive",
        "negative",
        "local",
        "foreign",
        "domestic",
        "daily",
        "weekly",
        "annual",
        "monthly",
        "major",
        "minor",
        "small",
        "large",
        "big",
        "official",
        "known",
        "million",
        "billion",
        "thousand",
        "hundred",
    ]
)
_MAGNITUDE = re.compile(r"\bmagnitude(?:\s+of)?[\s-]*$|\bM\s?$", re.IGNORECASE)
_FUZZY = frozenset(
    {"about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "circa", "c.", "~", "nearly",
     "almost", "close to", "just under", "just over"}
)  # fmt: skip
_EXACT_MODIFIERS = frozenset({"all", "a flat", "exactly", "precisely"})
#: pint's dimensionality -> the dimension a fact reports.
_DIMENSIONS: dict[str, Dimension] = {
    "[length]": "length",
    "[mass]": "mass",
    "[time]": "time",
    "[length] ** 2": "area",
    "[length] / [time]": "speed",
}


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint

    registry: Any = pint.UnitRegistry()
    registry.define("decade_of_years = 10 * year")
    return registry


@lru_cache(maxsize=512)
def unit_info(word: str, one_meaning: bool = False) -> tuple[str, Dimension, float, float]:
    """A unit word -> (base unit, dimension, smallest and largest factor to the base unit).

    Percent and currencies are kept as their own units (a percentage point is
    not pint's fraction, and money has no conversion here). ``one_meaning``
    reads an ambiguous unit ("ton") as its first meaning only.
    """
    w = " ".join(word.lower().split())
    if w in PERCENT_WORDS:
        return "percent", "percent", 1.0, 1.0
    if w in CURRENCY_WORDS:
        return CURRENCY_WORDS[w], "money", 1.0, 1.0
    names = AMBIGUOUS_UNITS.get(w, (UNIT_WORDS[w],))
    names = names[:1] if one_meaning else names
    ureg = _registry()
    based = [ureg.Quantity(1.0, name).to_base_units() for name in names]
    dimension = _DIMENSIONS.get(str(ureg.Quantity(1.0, names[0]).dimensionality), "other")
    magnitudes = [float(q.magnitude) for q in based]
    return str(based[0].units), dimension, min(magnitudes), max(magnitudes)


def _to_float(s: str) -> float:
    return float(s.replace(",", ""))


def _apply_modifier(mod: str, low: float, high: float) -> tuple[float, float, bool]:
    m = " ".join(mod.lower().split())
    if m in {"more than", "over", "above", "exceeding", "upwards of", "in excess of", "just over"}:
        return high * (1 + 1e-9) if high else 1e-9, INF, True
    if m in {"at least", "no fewer than", "no less than"}:
        return low, INF, True
    if m in {"less than", "fewer than", "under", "below"}:
        return 0.0, low * (1 - 1e-9), True
    if m in {"at most", "up to", "no more than"}:
        return 0.0, high, True
    if m in {"nearly", "almost", "close to", "just under"}:
        return low * 0.85, high, True
    if m in {"about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "circa", "c.", "~"}:
        return low * 0.85, high * 1.15, True
    return low, high, False


def counted_noun(text: str, end: int) -> str | None:
    """The noun a bare number counts: the head (last word) of the short noun run after it.

    "1,234 confirmed cases" and "33 coronavirus cases" both count "case".
    """
    words: list[str] = []
    partitive = re.match(r"\s+of\s+(?:the|its|their|those|these)(?:\s+[\d,.]+)?\b", text[end:])
    if partitive:  # "two of the four lanes": the lanes
        end += partitive.end()
    for _ in range(3):
        m = _NOUN_WORD_RE.match(text, end)
        if not m:
            break
        w = m.group(1).lower()
        if w in _STOP_NOUNS or w in SCALES or w in _PREPOSITIONS:
            break
        if w.endswith("ed") and w not in _NOUN_MODIFIERS:  # "41 people died", "four lanes reopened"
            break
        if words and (w.endswith("ing") or w in _AFTER_NOUN):  # "containers bound for", "ships bearing goods"
            break
        words.append(w)
        end = m.end()
    while words and words[-1] in _NOUN_MODIFIERS:
        words.pop()
    if not words:
        return None
    return singular(words[-1])


def singular(word: str) -> str:
    """A cheap singular for counted nouns ("cases" -> "case", "casualties" -> "casualty")."""
    if word.endswith(("us", "ss", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _taken(out: list[tuple[Quantity, int, int]], skip: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a quantity already read or lies in a span to skip."""
    return any(s < end and start < e for _, s, e in out) or _inside(skip, start, end)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start < e or s < end <= e for s, e in spans)




def is_label(text: str, start: int) -> bool:
    """A number that names rather than counts: "Route 66", "COVID-19", "Update 3", "Boeing 737".

    It is a label when a label word (route, flight, update...) stands right
    before it, when it is hyphen-joined to a word ("Chandrayaan-3"), or when a
    capitalised word that does not start the sentence stands right before it.
    """
    before = text[max(0, start - 30) : start]
    if re.search(r"\bmagnitude-$", before, re.IGNORECASE):
        return False  # "a magnitude-7.6 temblor" (AP style): a reading on the scale, not a name
    if re.search(r"[A-Za-z]-$", before):
        return True
    if re.search(r"\bno\.\s?$", before, re.IGNORECASE):
        return True
    if re.search(r"\b(?:an?|the)\s$", before, re.IGNORECASE) and re.match(r"\d+\s+[A-Z]{2,}\b", text[start:]):
        return True  # "a 737 MAX 9": a model, not 737 of something
    m = re.search(r"\b([A-Za-z][\w']*)\s$", before)
    if not m:
        return False
    word = m.group(1)
    if word.lower() in LABEL_WORDS:
        return True
    if not word[:1].isupper() or word in CAP_STOP or word.lower() in MONTHS or word.lower() in WEEKDAYS:
        return False
    digits = re.match(r"[\d,.]*", text[start:])
    after = _NOUN_WORD_RE.match(text, start + (len(digits.group(0)) if digits else 0))
    if after is not None and (after.group(1).lower() in UNIT_WORDS or after.group(1).lower() in PERCENT_WORDS):
        return False  # "back in Portland 20 minutes after": a measure follows, so it counts
    if word.isupper() and len(word) > 1:  # "MAX 9", "COVID 19"
        return True
    if re.match(r"[\d,.]*\s+[A-Z]{2,}\b", text[start:]):  # "Boeing 737 MAX"
        return True
    prefix = before[: m.start()].rstrip()
    return bool(prefix) and prefix[-1] not in '.!?:"“'


def find_quantities(
    text: str, skip: list[tuple[int, int]] | None = None, one_meaning: bool = False
) -> list[tuple[Quantity, int, int]]:
    """Numbers, money, percentages, measures and vague amounts as ranges, with their spans.

    Args:
        text: the text to read.
        skip: character spans of dates and clock times, whose digits are not figures.
        one_meaning: read an ambiguous unit as its first meaning (two figures in one unit share its size).

    Adjacent durations joined by "and" ("7 hours and 42 minutes") are summed into
    one quantity; bare four-digit years are left to the date extractor.
    """
    skip = list(skip or [])
    out: list[tuple[Quantity, int, int]] = []
    for m in SCORE_LINE_RE.finditer(text):
        if _inside(skip, *m.span()):
            continue
        sets = tuple(float(x) for pair in _SET_RE.findall(m.group(0)) for x in pair)
        if all(x < y for x, y in zip(sets[::2], sets[1::2], strict=True)):
            continue  # "aged 18-25, 30-40": every pair rises, so these are ranges
        line = Quantity(text=m.group(0), low=sets[0], high=sets[0], value=sets[0], dimension="score", tally=sets)
        out.append((line, *m.span()))
        skip.append(m.span())  # each set's score is part of the line, not a figure of its own
    for m in QUANTITY_RE.finditer(text):
        g = m.groupdict()
        core_start = m.start("num") if g["num"] else m.start()
        if _inside(skip, core_start, m.end("num") if g["num"] else m.end()):
            continue
        if g["num"] and not g["cur"] and is_label(text, m.start("num")):
            continue
        parsed = _parse(m, g, text, one_meaning)
        if parsed is None:
            continue
        q, unit_read = parsed
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        end = m.start() + len(m.group(0).rstrip())
        if g["unit"] and not unit_read:  # "$68.7 billion in cash": "in" is not inches
            end = m.start("unit")
            while end > start and text[end - 1] in " -":
                end -= 1
            q = q.model_copy(update={"text": text[start:end]})
        if out and q.dimension == "time" and out[-1][0].dimension == "time":
            p, p_start, p_end = out[-1]
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[p_end:start]):
                out.pop()
                q = Quantity(
                    text=text[p_start:end],
                    low=p.low + q.low,
                    high=p.high + q.high,
                    value=p.value + q.value,
                    unit=q.unit,
                    dimension="time",
                    vague=p.vague or q.vague,
                )
                start = p_start
        out.append((q, start, end))
    for m in BARE_DURATION_RE.finditer(text):
        if any(s <= m.start("unit") < e for _, s, e in out) or _inside(skip, m.start("unit"), m.end("unit")):
            continue
        word = m.group("unit").lower()
        base, _dim, factor, _ = unit_info(word)
        lo, hi = _BARE_RANGE[word]
        q = Quantity(text=m.group("unit"), low=lo * factor, high=hi * factor, value=lo * factor, unit=base,
                     dimension="time", vague=True, approximate=True)  # fmt: skip
        out.append((q, m.start("unit"), m.end("unit")))
    for m in ONE_DURATION_RE.finditer(text):
        start, end = m.start("mod") if m.group("mod") else m.start("one"), m.end("unit")
        if _taken(out, skip, start, end):
            continue
        base, _dim, factor, _ = unit_info(m.group("unit").lower())
        low, high, vague = _apply_modifier(m.group("mod") or "", factor, factor)
        q = Quantity(text=text[start:end], low=low, high=high, value=factor, unit=base, dimension="time",
                     vague=vague, approximate=vague)  # fmt: skip
        out.append((q, start, end))
    for m in ZERO_COUNT_RE.finditer(text):
        who = next((g for g in ("nobody", "none") if m.group(g)), None)  # the people a zero counts, if named
        start, end = m.span(who) if who else m.span()
        if _taken(out, skip, start, end):
            continue
        zero = Quantity(text=text[start:end], low=0, high=0, value=0, unit="people" if who else None)
        out.append((zero, start, end))
    for m in ONE_CASUALTY_RE.finditer(text):
        start, end = m.span()
        if _taken(out, skip, start, end):
            continue
        out.append((Quantity(text=text[start:end], low=1, high=1, value=1), start, end))
    for m in SOME_CASUALTIES_RE.finditer(text):
        start, end = m.span()
        if _taken(out, skip, start, end):
            continue
        some = Quantity(text=text[start:end], low=1, high=INF, value=1, vague=True, approximate=True)
        out.append((some, start, end))
    out.sort(key=lambda found: found[1])
    return _without_conversions(text, [_or_more(text, *_risen_to(text, *found)) for found in out])


#: Measures whose units convert into each other, so a figure restated in another unit is one figure.
_CONVERTIBLE = frozenset({"length", "mass", "area", "speed", "time"})
#: What joins a figure to its restatement in another unit: "6 kilometers (3.7 miles)", "6 km, or 3.7 miles".
_RESTATED = re.compile(r"\s*(?:\(|,?\s+or\s+|\s*/\s*)\s*(?:about\s+|roughly\s+|some\s+|nearly\s+)?$", re.IGNORECASE)
#: How far a restatement may lie from the figure it converts (each is rounded at its own last digit).
_CONVERSION_SLACK = 0.1


def _without_conversions(text: str, found: list[tuple[Quantity, int, int]]) -> list[tuple[Quantity, int, int]]:
    """Drop a figure that restates the one before it in another unit ("about six kilometers (3.7 miles)").

    A conversion written beside its figure is the same figure, not a second one: kept, it would be a second
    fact of its claim that every other source's figure must also match before they group as one.
    """
    out: list[tuple[Quantity, int, int]] = []
    for q, start, end in found:
        if out:
            p, _, p_end = out[-1]
            same = p.dimension == q.dimension and p.dimension in _CONVERTIBLE and p.unit == q.unit
            written = re.findall(r"[a-z]+", p.text.lower())[-1:] != re.findall(r"[a-z]+", q.text.lower())[-1:]
            close = abs(p.value - q.value) <= _CONVERSION_SLACK * max(abs(p.value), abs(q.value))
            if same and written and close and _RESTATED.fullmatch(text[p_end:start]):
                continue
        out.append((q, start, end))
    return out


def word_amount(q: Quantity) -> bool:
    """An amount told in words, with no figure: "several", "many", "dozens", "hundreds" (but "a dozen" is 12,
    and "over one million" a bound at a figure written in words)."""
    if not q.vague or any(c.isdigit() for c in q.text):
        return False
    return _WORD_AMOUNT_RE.search(" ".join(q.text.split())) is not None


#: A verb of change right before "up to": "the toll climbed up to 288" says where it got, not a ceiling.
_RISEN = re.compile(
    r"\b(?:r[io]se[ns]?|rising|climb(?:ed|s|ing)?|jump(?:ed|s|ing)?|increas(?:ed|es|ing)|soar(?:ed|s|ing)?"
    r"|surg(?:ed|es|ing)|gr[oe]w[ns]?|went|gone|shot|spik(?:ed|es))\s+$",
    re.IGNORECASE,
)


def _risen_to(text: str, q: Quantity, start: int, end: int) -> tuple[Quantity, int, int]:
    """ "Climbed up to 288" is 288: the figure without the "up to" that would make it a ceiling."""
    m = re.match(r"up\s+to\s+", q.text, re.IGNORECASE)
    if m is None or not _RISEN.search(text[max(0, start - 40) : start]) or not math.isfinite(q.high):
        return q, start, end
    start += m.end()
    update = {"low": q.high, "value": q.high, "vague": False, "approximate": False, "text": text[start:end]}
    return q.model_copy(update=update), start, end


#: "a week or more", "20 people or fewer", "ten minutes or so": a bound or an approximation after the figure.
_OR_BOUND = re.compile(
    r"(?P<noun>(?:\s+[a-z]+){0,2}?)\s+or\s+(?:(?P<up>more|longer|greater|higher|above|over)"
    r"|(?P<down>less|fewer|shorter|lower|below|under)|(?P<so>so))\b"
)


def _or_more(text: str, q: Quantity, start: int, end: int) -> tuple[Quantity, int, int]:
    """A figure followed by "or more" is its lower bound, by "or less" its upper bound, by "or so" about it;
    the span takes the words in when they follow the figure directly."""
    m = _OR_BOUND.match(text, end)
    if m is None or q.vague or q.tally is not None:
        return q, start, end
    if m.group("up"):
        low, high = q.low, INF
    elif m.group("down"):
        low, high = 0.0, q.high
    else:
        low, high = q.low * 0.85, q.high * 1.15
    new_end = end if m.group("noun") else m.end()
    update = {"low": low, "high": high, "vague": True, "approximate": bool(m.group("so")), "text": text[start:new_end]}
    return q.model_copy(update=update), start, new_end


def _score(m: re.Match[str], g: dict[str, Any]) -> bool:
    """A pair of bare numbers joined by a dash that does not rise ("3-2", "2-2", "52-48"): a score or a vote.

    A range rises ("3-5 people", "aged 18-25"); a pair with a unit, a currency or a modifier is a range too.
    """
    joint = m.group(0)[m.end("num") - m.start() : m.start("num2") - m.start()]
    if joint.strip() not in {"-", "–"} or g["unit"] or g["cur"] or g["mod"] or g["scale"]:
        return False
    return _to_float(g["num2"]) <= _to_float(g["num"])


def _parse(m: re.Match[str], g: dict[str, Any], text: str, one_meaning: bool = False) -> tuple[Quantity, bool] | None:
    """The quantity a match states, and whether its unit word was read as its unit."""
    vague = False
    dimension: Dimension = "count"
    unit: str | None = None
    if g["vague"]:
        phrase = " ".join(g["vague"].lower().split())
        low, high = VAGUE_AMOUNTS[phrase]
        if g["vscale"]:
            if phrase not in SCALABLE_VAGUE:
                return None
            factor = 100.0 if g["vscale"].lower() == "hundred" else SCALES[g["vscale"].lower()]
            low, high = low * factor, high * factor  # "several hundred" people, not several people and a hundred
        vague = True
    elif g["num"]:
        if g["num"].startswith("."):
            return None
        low = high = _to_float(g["num"]) + (0.5 if g["half1"] else 0.0)
        if g["num2"] and _score(m, g):  # "made it 3-2", "a 3-3 draw", "voted 52-48": a score, not a range
            tally = (low, _to_float(g["num2"]))
            text_ = m.group(0).strip()
            return Quantity(text=text_, low=low, high=low, value=low, dimension="score", tally=tally), False
        if g["num2"]:
            high = max(low, _to_float(g["num2"]))  # "7 and 42 minutes" is not a range
        if g["ord"]:
            dimension, unit = "ordinal", "rank"
        factor = 1.0
        if g["scale"]:
            scale = g["scale"].lower()
            if (
                (scale in {"m", "b", "k"} and not g["cur"] and not re.match(r"\s*\w", text[m.end("scale") :]))
                or scale not in {"m", "b", "k"}
                or g["cur"]
            ):
                factor = SCALES[scale]
            elif scale == "m":  # "5 m" alone is metres
                g = {**g, "unit": g["unit"] or "m"}
        low, high = low * factor, high * factor
        is_year = (
            not g["cur"]
            and not g["scale"]
            and not g["ord"]
            and not g["unit"]
            and "," not in g["num"]
            and "." not in g["num"]
            and 1500 <= low <= 2100
            and high == low
            and not g["mod"]
        )
        if is_year:
            return None
        if g["cur"]:
            dimension, unit = "money", CURRENCY_SYMBOLS[g["cur"].lower()]
    elif g["word"]:
        base = WORD_NUMBERS[g["word"].lower()]
        if g["word2"]:
            base += WORD_NUMBERS[g["word2"].lower()]
        if g["half2"]:
            base += 0.5
        if g["wscale"]:
            base *= {"hundred": 100.0, "dozen": 12.0}.get(g["wscale"].lower()) or SCALES[g["wscale"].lower()]
        low = high = base
        if g["word"].lower() in {"one", "half", "a half"} and not g["unit"] and not g["wscale"]:
            return None  # "one of the", "half of": too often not a figure; keep only with a unit
    elif g["ordword"]:
        low = high = ORDINAL_WORDS[g["ordword"].lower()]
        dimension, unit = "ordinal", "rank"
        if g["unit"]:
            return None  # "second half", "first day": not a rank worth comparing
    else:
        return None
    if (
        g["unit"]
        and dimension != "ordinal"
        and g["unit"].lower() in _ATTACHED_ONLY
        and m.start("unit") > (m.end("scale") if g["scale"] else m.end("num") if g["num"] else m.start("unit"))
    ):
        g = {**g, "unit": None}  # "33 in the Federation": not inches
    unit_read = False
    if g["unit"] and dimension != "ordinal":
        u = g["unit"].lower()
        if not (u in {"s", "h", "t", "g", "in", "m"} and not g["num"]):
            unit_read = True
            canon, dim, f_low, f_high = unit_info(u, one_meaning)
            if dimension == "money" and dim != "money":
                pass
            elif dimension == "money" or dim == "money":
                dimension, unit = "money", canon
            else:
                unit, dimension = canon, dim
                low, high = low * f_low, high * f_high
                vague = vague or f_low != f_high
    if g["mod"]:
        mod = " ".join(g["mod"].lower().split())
        if (mod in {"between", "from"} and not g["num2"]) or mod in _EXACT_MODIFIERS:
            pass
        else:
            low, high, changed = _apply_modifier(mod, low, high)
            vague = vague or changed
    if g["num2"]:
        vague = True
    approximate = bool(g["vague"] or g["num2"] or (g["mod"] and " ".join(g["mod"].lower().split()) in _FUZZY))
    approximate = approximate or (vague and not g["mod"])
    if dimension == "count":
        unit = "magnitude" if _MAGNITUDE.search(text[max(0, m.start() - 16) : m.start()]) else None
        if re.match(r"[\s-]*magnitude\b", text[m.end() :], re.IGNORECASE):
            unit = "magnitude"
        unit = unit or counted_noun(text, m.end())
        if unit == "magnitude":
            dimension = "magnitude"  # a point on a scale, never a count of anything
    value = low if high == INF else high if low == 0 and g["mod"] else (low + high) / 2
    q = Quantity(
        text=m.group(0).strip(),
        low=low,
        high=high,
        value=value,
        unit=unit,
        dimension=dimension,
        vague=vague,
        approximate=approximate,
    )
    return q, unit_read


def extract_quantities(text: str, skip: list[tuple[int, int]] | None = None) -> tuple[Quantity, ...]:
    """The quantities of ``text`` without their spans."""
    return tuple(q for q, _, _ in find_quantities(text, skip))
