"""Clock times ("1:28 a.m.", "9:02 a.m. PT", "0130 GMT", "noon") as minute ranges with their zone.

A time is a range, not a point: "1 a.m." said without minutes covers the half
hour either side that rounds to it (12:30 up to 1:29), "about 1:30" a quarter of an hour. A zone word gives the UTC
offset; for zones with daylight saving the offset follows the publication date
(zoneinfo) or, when that is unknown, both offsets are kept. The digits of a
clock time are never read as a count ("7:45 a.m." is not 7).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from factcheck.facts.lexicon import TIME_ZONES, WEEKDAY_NAMES
from factcheck.facts.model import ClockTime

_ZONE_WORDS = "|".join(sorted((re.escape(z) for z in TIME_ZONES if " " not in z), key=len, reverse=True))
_APPROX = r"(?:about|around|approximately|roughly|shortly\s+(?:after|before)|just\s+(?:after|before)|nearly|almost)"
TIME_RE = re.compile(
    rf"""(?ix)
    (?:\b(?P<approx>{_APPROX})\s+)?
    (?:
      \b(?P<h>[01]?\d|2[0-3])(?::|\.(?=\d\d\s*[ap]))(?P<m>[0-5]\d)(?::[0-5]\d)?\s*(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?
    | \b(?P<h2>1[0-2]|0?[1-9])\s*(?P<ampm2>[ap]\.?\s?m\.?(?![a-z]))
    | \b(?P<mil>[01]\d|2[0-3])(?P<milm>[0-5]\d)\s*(?=(?:gmt|utc|z|hrs|hours\s+(?:gmt|utc))\b)
    | \b(?P<word>noon|midday|midnight)\b
    )
    (?:\s*\(?\s*(?P<zone>{_ZONE_WORDS})\b(?:\s+(?:standard\s+|daylight\s+)?time\b)?\)?|\s+(?P<local>local\s+time))?
    """
)


_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
#: Parts of a day as local minute ranges (past midnight runs on beyond 1440).
DAY_PARTS: dict[str, tuple[int, int]] = {
    "early": (0, 600),
    "early hours": (0, 420),
    "morning": (240, 750),
    "afternoon": (690, 1140),
    "evening": (960, 1410),
    "night": (1080, 1800),
    "late": (1020, 1439),
    "overnight": (1200, 1860),
}
DAY_PART_RE = re.compile(
    rf"""(?ix)
    \b(?:
      (?P<pre>early|late)\s+(?:on\s+)?(?P<wd1>{_WEEKDAY})\b(?!\s+(?:morning|afternoon|evening|night))
    | (?P<wd2>{_WEEKDAY})\s+(?P<post>morning|afternoon|evening|night)\b
    | (?:in\s+)?the\s+early\s+hours(?:\s+of\s+(?P<wd3>{_WEEKDAY}))?
    | (?P<over>overnight)\b
    )
    """
)


def find_day_parts(text: str) -> list[tuple[ClockTime, int, int]]:
    """ "Early Tuesday", "Tuesday night", "in the early hours": a time of day as a wide local range."""
    out = []
    for m in DAY_PART_RE.finditer(text):
        g = m.groupdict()
        part = (g["pre"] or g["post"] or ("overnight" if g["over"] else "early hours")).lower()
        day = g["wd1"] or g["wd2"] or g["wd3"]
        value = ClockTime(text=m.group(0).strip(), minutes=DAY_PARTS[part], approximate=True, weekday=_weekday(day))
        out.append((value, m.start(), m.end()))
    return out


_WEEKDAY_AFTER = re.compile(rf"(?i)\s*,?\s*(?:on\s+)?({_WEEKDAY})\b")
_WEEKDAY_BEFORE = re.compile(rf"(?i)\b({_WEEKDAY})\s*,?\s*(?:at\s+)?$")


def _weekday(name: str | None) -> int | None:
    return None if name is None else WEEKDAY_NAMES.index(name.lower())


def _weekday_beside(text: str, start: int, end: int) -> int | None:
    """The weekday written right after or before a clock time ("7:45 a.m. Tuesday", "Monday at 4 p.m.")."""
    after = _WEEKDAY_AFTER.match(text, end)
    if after:
        return _weekday(after.group(1))
    before = _WEEKDAY_BEFORE.search(text[max(0, start - 20) : start])
    return _weekday(before.group(1)) if before else None


def _minutes(h: int, m: int, ampm: str | None) -> int:
    if ampm:
        pm = ampm.lower().startswith("p")
        h = h % 12 + (12 if pm else 0)
    return h * 60 + m


@lru_cache(maxsize=256)
def _offsets(zone: str, on: date | None) -> tuple[int, ...]:
    spec = TIME_ZONES[zone.lower()]
    return (spec,) if isinstance(spec, int) else zone_offsets(spec, on)


@lru_cache(maxsize=256)
def zone_offsets(zone: str, on: date | None) -> tuple[int, ...]:
    """UTC offsets (minutes) of an IANA zone on a day; both of them when the day is unknown."""
    tz = ZoneInfo(zone)
    days = [on] if on is not None else [date(2023, 1, 15), date(2023, 7, 15)]
    found = set()
    for d in days:
        delta = datetime(d.year, d.month, d.day, 12, tzinfo=tz).utcoffset()
        if delta is not None:
            found.add(int(delta.total_seconds() // 60))
    return tuple(sorted(found))


def find_times(text: str, published: date | None = None) -> list[tuple[ClockTime, int, int]]:
    """Clock times in ``text`` with their character spans."""
    out: list[tuple[ClockTime, int, int]] = []
    for m in TIME_RE.finditer(text):
        g = m.groupdict()
        precise = True
        if g["h"] is not None:
            if g["ampm"] is None and not (g["zone"] or g["local"]) and ":" not in m.group(0):
                continue
            minutes = _minutes(int(g["h"]), int(g["m"]), g["ampm"])
        elif g["h2"] is not None:
            minutes = _minutes(int(g["h2"]), 0, g["ampm2"])
            precise = False
        elif g["mil"] is not None:
            minutes = int(g["mil"]) * 60 + int(g["milm"])
        else:
            minutes = 12 * 60 if g["word"].lower() in {"noon", "midday"} else 0
        # an hour said alone is rounded to the nearest hour: "4pm" covers 3:30 up to, not including, 4:30
        low, high = (minutes, minutes) if precise else (minutes - 30, minutes + 29)
        approx = (g["approx"] or "").lower()
        if approx.startswith(("shortly after", "just after")):
            high += 30
        elif approx.startswith(("shortly before", "just before", "nearly", "almost")):
            low -= 30
        elif approx:
            low, high = low - 15, high + 15
        zone = g["zone"]
        start, end = m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.start() + len(m.group(0).rstrip())
        if text[end - 1] == ")" and "(" not in text[start:end]:
            end -= 1
        out.append(
            (
                ClockTime(
                    text=text[start:end],
                    minutes=(low, high),
                    zone=zone.upper() if zone else ("local" if g["local"] else None),
                    utc_offsets=_offsets(zone, published) if zone else (),
                    approximate=bool(approx) or not precise,
                    weekday=_weekday_beside(text, start, end),
                ),
                start,
                end,
            )
        )
    return out


def find_all_times(text: str, published: date | None = None) -> list[tuple[ClockTime, int, int]]:
    """Clock times, and parts of a day where no clock time overlaps them."""
    clock = find_times(text, published)
    parts = [p for p in find_day_parts(text) if not any(s < p[2] and p[1] < e for _, s, e in clock)]
    return sorted([*clock, *parts], key=lambda t: t[1])


def time_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of clock times, so their digits are not read as figures."""
    return [(s, e) for _, s, e in find_times(text)]
