"""Word lists and patterns the fact extractors share: data, not logic.

Kept apart from the extractors so a reader sees the rules in ``dates.py``,
``quantities.py`` and friends without scrolling past hundreds of words, and so
a new language or domain means a new lexicon, not new code.
"""

from __future__ import annotations

import calendar
import re

INF = float("inf")

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
    "tens of thousands": (20_000, 99_999),  # "tens of thousands were injured": the amount without its noun
    "hundreds of thousands of": (200_000, 999_999),
    "hundreds of thousands": (200_000, 999_999),
    # the amount without its noun: "Thousands also sustained injuries", "Hundreds were killed"
    "dozens": (24, 120),
    "hundreds": (200, 999),
    "thousands": (2_000, 99_999),
    "millions of": (2e6, 999e6),
    "billions of": (2e9, 999e9),
    "many": (5, INF),
}
#: Vague amounts that scale like a number word: "several hundred" is 200-900, "a few thousand" 2,000-5,000.
SCALABLE_VAGUE = frozenset({"a couple of", "a few", "few", "several", "a handful of", "many"})
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
#: Unit words as written -> the pint unit they name. Conversion factors and dimensions come from
#: pint (``quantities.py``), so this table only says which words are units.
UNIT_WORDS: dict[str, str] = {}
_UNIT_NAMES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("second", "seconds", "sec", "secs", "s"), "second"),
    (("minute", "minutes", "min", "mins"), "minute"),
    (("hour", "hours", "hr", "hrs", "h"), "hour"),
    (("day", "days"), "day"),
    (("week", "weeks"), "week"),
    (("month", "months"), "month"),
    (("year", "years", "yr", "yrs"), "year"),
    (("decade", "decades"), "decade_of_years"),  # pint's own "decade" is a logarithmic ratio
    (("century", "centuries"), "century"),
    (("km", "kilometre", "kilometres", "kilometer", "kilometers"), "kilometer"),
    (("m", "metre", "metres", "meter", "meters"), "meter"),
    (("cm", "centimetre", "centimetres", "centimeter", "centimeters"), "centimeter"),
    (("mile", "miles", "mi"), "mile"),
    (("nautical miles", "nautical mile"), "nautical_mile"),
    (("foot", "feet", "ft"), "foot"),
    (("inch", "inches", "in"), "inch"),
    (("kg", "kilogram", "kilograms", "kilo", "kilos"), "kilogram"),
    (("g", "gram", "grams"), "gram"),
    (("tonne", "tonnes", "t", "metric tons", "metric tonnes"), "tonne"),
    (("ton", "tons"), "ton"),
    (("lb", "lbs"), "pound"),
    (("km2", "sq km", "square kilometres", "square kilometers"), "kilometer ** 2"),
    (("square miles", "sq mi"), "mile ** 2"),
    (("hectare", "hectares", "ha"), "hectare"),
    (("acre", "acres"), "acre"),
    (("mph", "miles per hour"), "mile / hour"),
    (("km/h", "kph", "kmh", "kilometres per hour", "kilometers per hour"), "kilometer / hour"),
    (("knot", "knots"), "knot"),
)
for _words, _name in _UNIT_NAMES:
    for _w in _words:
        UNIT_WORDS.setdefault(_w, _name)
#: "ton" is a short ton in pint but often a tonne in news: the unit itself is read as a range.
AMBIGUOUS_UNITS: dict[str, tuple[str, str]] = {"ton": ("ton", "long_ton"), "tons": ("ton", "long_ton")}
#: Percent words: kept as percentage points rather than pint's fraction.
PERCENT_WORDS = frozenset({"percent", "per cent", "%", "pct", "percentage points", "percentage point"})
#: Currency words (kept apart: no exchange rates, so amounts in two currencies are never compared).
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "us$": "USD",
    "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "sterling": "GBP",
    "yen": "JPY", "jpy": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "cny": "CNY", "rmb": "CNY",
    "rupee": "INR", "rupees": "INR", "inr": "INR", "rs": "INR",
    "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "rub": "RUB",
    "lira": "TRY", "liras": "TRY", "lire": "TRY",
}  # fmt: skip
#: Every word the quantity pattern reads as a unit.
ALL_UNIT_WORDS = frozenset(UNIT_WORDS) | PERCENT_WORDS | frozenset(CURRENCY_WORDS)
CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₺": "TRY"}

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


#: Other names of countries (lower-cased) -> the canonical name used in facts.
COUNTRY_ALIASES: dict[str, str] = {
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

#: Capitalised words that start sentences without naming anything.
CAP_STOP = frozenset(
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


# --------------------------------------------------------------------------- what a fact is about

#: Concepts that news states with many words: a fact's lemmas (its noun, its verb) map to one concept so
#: that "41 people were killed", "the death toll rose to 41" and "41 dead" are about the same thing.
#: Only general news measures belong here (no single story's vocabulary).
CONCEPTS: dict[str, frozenset[str]] = {
    "deaths": frozenset(
        [
            "kill",
            "killed",
            "die",
            "died",
            "dead",
            "death",
            "deaths",
            "toll",
            "fatality",
            "fatalities",
            "life",
            "lives",
            "body",
            "bodies",
            "victim",
            "victims",
            "perish",
            "perished",
        ]
    ),
    "injured": frozenset(
        ["injure", "injured", "injury", "injuries", "wound", "wounded", "hurt", "casualty", "casualties"]
    ),
    "missing": frozenset(["missing", "unaccounted"]),
    "accounted for": frozenset(["accounted"]),  # "139 people have been accounted for" grows as the missing fall
    "rescued": frozenset(["rescue", "rescued", "save", "saved", "survivor", "survivors"]),
    "displaced": frozenset(
        ["displace", "displaced", "homeless", "evacuate", "evacuated", "evacuee", "evacuees", "flee", "fled"]
    ),
    "arrested": frozenset(["arrest", "arrested", "detain", "detained"]),
    # money given for a cause grows as pledges come in ("more than $700 million", then "$1 billion")
    "donations": frozenset(["donate", "donated", "donation", "donations", "pledge", "pledged", "pledges", "donor"]),
    "buildings": frozenset(["building", "buildings", "home", "homes", "house", "houses", "structure", "structures"]),
    "aftershocks": frozenset(["aftershock", "aftershocks", "tremor", "tremors"]),
    "magnitude": frozenset(["magnitude"]),
    "depth": frozenset(["depth", "deep"]),
    "length": frozenset(["length", "long"]),
    "width": frozenset(["width", "wide", "beam"]),
    "height": frozenset(["height", "tall", "high"]),
    "weight": frozenset(["weight", "weigh", "heavy", "tonnage", "displacement"]),
    "speed": frozenset(["speed", "fast", "knot", "knots"]),
    "age": frozenset(["age", "old", "aged"]),
    "price": frozenset(
        [
            "price",
            "cost",
            "value",
            "worth",
            "deal",
            "acquisition",
            "takeover",
            "purchase",
            "buy",
            "offer",
            "bid",
            "pay",
            "paid",
        ]
    ),
    "share price": frozenset(["share", "shares", "stock", "stocks", "trading", "trade", "traded", "premarket"]),
    # what a listed company is worth moves with its shares through the day ("market value", "market cap")
    "market value": frozenset(["market", "capitalization", "capitalisation", "cap"]),
    "passengers": frozenset(["passenger", "passengers"]),
    "crew": frozenset(["crew", "crewmember", "crewmembers", "sailor", "sailors"]),
    "distance": frozenset(["distance", "away", "far"]),
    "duration": frozenset(["last", "lasted", "lasting", "duration", "long"]),
}
#: Lemma -> concept, derived from CONCEPTS (a lemma in two concepts keeps the first).
CONCEPT_OF: dict[str, str] = {}
for _concept, _members in CONCEPTS.items():
    for _w in sorted(_members):
        CONCEPT_OF.setdefault(_w, _concept)
#: Figures that move as a story unfolds (a toll grows, a share price moves through the day): reported at
#: different times, they are updates, not conflicts.
RUNNING_CONCEPTS = frozenset(
    {"deaths", "injured", "missing", "rescued", "displaced", "arrested", "buildings", "aftershocks", "share price",
     "donations", "accounted for", "market value"}
)
#: Units that say what a measure in front of a noun measures ("a 220,000-ton ship", "a 20-minute call").
ATTRIBUTIVE_UNITS: dict[str, str] = {
    **dict.fromkeys(["ton", "tons", "tonne", "tonnes"], "weight"),
    # a measure in front of a noun is that thing's extent, never a distance between two places: "the 120-mile
    # waterway" is the canal's length, "95 miles from its southern entrance" a distance
    **dict.fromkeys(
        ["foot", "feet", "ft", "metre", "metres", "meter", "meters", "m", "yard", "yards", "inch", "inches",
         "mile", "miles", "kilometre", "kilometres", "kilometer", "kilometers", "km"],
        "length",
    ),
    **dict.fromkeys(["second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
                     "month", "months"], "duration"),
}  # fmt: skip
#: Adjectives after a measure that name what it measures ("400 metres long", "a 59-metre-wide hull").
MEASURE_ADJECTIVES: dict[str, str] = {
    "long": "length", "wide": "width", "tall": "height", "high": "height", "deep": "depth", "heavy": "weight",
    "old": "age", "away": "distance", "thick": "thickness",
}  # fmt: skip
#: Verbs that say little by themselves: the fact is about their object or complement ("conducted a spacewalk").
LIGHT_VERBS = frozenset(
    [
        "be",
        "have",
        "do",
        "make",
        "take",
        "hold",
        "conduct",
        "carry",
        "perform",
        "give",
        "get",
        "put",
        "go",
        "come",
        "keep",
        "see",
        "show",
        "undergo",
    ]
)
#: Verbs that set a level ("the toll rose to 41"): the figure measures their subject, not an event.
LEVEL_VERBS = frozenset(
    [
        "rise",
        "climb",
        "jump",
        "increase",
        "reach",
        "stand",
        "hit",
        "top",
        "surpass",
        "exceed",
        "pass",
        "grow",
        "soar",
        "mount",
        "swell",
        "fall",
        "drop",
        "decrease",
        "decline",
        "total",
        "number",
        "tally",
    ]
)
#: Words that make a following (or hyphen-joined) number a label, not a figure ("Route 66", "Update 3").
LABEL_WORDS = frozenset(
    [
        "route",
        "highway",
        "interstate",
        "flight",
        "update",
        "chapter",
        "page",
        "episode",
        "season",
        "round",
        "stage",
        "gate",
        "level",
        "phase",
        "pier",
        "terminal",
        "platform",
        "room",
        "row",
        "seat",
        "article",
        "section",
        "clause",
        "resolution",
        "model",
        "version",
        "no",
        "number",
        "covid",
        "apollo",
        "artemis",
        "gemini",
        "soyuz",
        "chandrayaan",
        "luna",
        "vikram",
        "pragyan",
        "max",
        "tier",
        "category",
        "class",
        "grade",
        "item",
        "act",
        "channel",
        "pillar",
        "span",
        "runway",
        "track",
        "unit",
        "ward",
        "block",
        "building",
        "sector",
        "zone",
        "district",
        "area",
        "exit",
        "junction",
        "line",
        "bus",
        "train",
        "tram",
    ]
)

# --------------------------------------------------------------------------- status

#: Status words of a deal, plan or process, in the order a process moves through them.
#: Two sources that put the same process at different points disagree (or one is older news).
STATUS_STAGES: dict[str, tuple[str, ...]] = {
    "proposed": ("propose", "consider", "plan", "explore", "discuss", "mull", "seek"),
    "agreed": ("agree", "sign", "announce", "accept", "strike", "reach", "unveil"),
    "pending": ("pend", "await", "review", "probe", "investigate", "scrutinise", "scrutinize", "subject"),
    "approved": ("approve", "clear", "authorise", "authorize", "greenlight", "sanction", "ratify"),
    "completed": ("complete", "close", "finalise", "finalize", "conclude", "finish", "seal", "consummate"),
    "blocked": ("block", "reject", "prohibit", "ban", "veto", "stop", "halt", "suspend", "sue", "challenge"),
    "abandoned": ("abandon", "cancel", "scrap", "drop", "withdraw", "terminate", "collapse"),
}
STATUS_OF: dict[str, str] = {lemma: stage for stage, lemmas in STATUS_STAGES.items() for lemma in lemmas}
#: Stages that exclude each other when said of the same process at the same time.
STATUS_EXCLUSIVE: frozenset[frozenset[str]] = frozenset(
    frozenset(p)
    for p in (
        ("agreed", "completed"),
        ("pending", "completed"),
        ("approved", "blocked"),
        ("completed", "blocked"),
        ("completed", "abandoned"),
        ("proposed", "completed"),
        ("approved", "pending"),
    )
)

# --------------------------------------------------------------------------- clock times

#: Time-zone words -> an IANA zone (daylight saving applied for the date) or a fixed UTC offset in minutes.
TIME_ZONES: dict[str, str | int] = {
    "pt": "America/Los_Angeles", "pst": -480, "pdt": -420, "pacific": "America/Los_Angeles",
    "mt": "America/Denver", "mst": -420, "mdt": -360,
    "ct": "America/Chicago", "cst": -360, "cdt": -300, "central": "America/Chicago",
    "et": "America/New_York", "est": -300, "edt": -240, "eastern": "America/New_York",
    "akst": -540, "akdt": -480, "hst": -600,
    "gmt": 0, "utc": 0, "z": 0, "bst": 60, "wet": 0, "cet": 60, "cest": 120, "eet": 120, "eest": 180,
    "trt": 180, "msk": 180, "ist": 330, "pkt": 300, "cst china": 480, "jst": 540, "kst": 540, "aest": 600,
    "aedt": 660, "sgt": 480, "hkt": 480,
}  # fmt: skip

#: Weekday names, Monday first (``datetime.weekday()`` order).
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS = frozenset(WEEKDAY_NAMES)


def clock_goes_on(next_word: str) -> bool:
    """Whether the word after "a.m."/"p.m." carries on the sentence: "7:45 a.m. Tuesday", "9:02 a.m. PT",
    "at 10 a.m. local time" (a lowercase word); a capitalised word that is none of those starts a sentence."""
    word = next_word.strip(",.;:()")
    low = word.lower()
    return bool(word) and (word[:1].islower() or low in TIME_ZONES or low in WEEKDAYS or low in MONTHS)


#: What a figure's preposition phrase may say about which part of a whole it is: a part, a rate or the
#: whole itself. Figures of different parts are different facts ("$68.7 billion" and "$95 per share").
PART_RELATIONS: dict[str, str] = {
    "total": "total",
    "and": "counted together",  # "177 passengers and crew" is not a count of passengers
    "more": "added",  # "five more people were rescued" is not how many were rescued
    "of them": "added",  # "205 of them seriously": some of a count given before, which the parse cannot see
    "of another": "another",  # "a second earthquake with a magnitude of 6.4": not the main one's figure
    "in cash": "cash",
    "in stock": "stock",
    "in shares": "stock",
    "in new stock": "stock",
    "per share": "per share",
    "a share": "per share",
    "per person": "per person",
    "per day": "per day",
    "a day": "per day",
    "per year": "per year",
    "a year": "per year",
    "per month": "per month",
    "a month": "per month",
    "per hour": "per hour",
    "an hour": "per hour",
}
