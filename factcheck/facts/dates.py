"""Date expressions -> day ranges, read against the article's publication date.

Absolute dates ("20 July 2016", "2014") carry their year; publication-relative
ones ("last week", "Wednesday", "in February") are read from the publication
date with calendar weeks and months, so "earlier this week" and "last week"
never overlap; narrative ones ("the next day") count from another event of the
story and are never compared with the others. When the publication date is
unknown, a relative expression keeps its offset and the judge reads both sides
at the same hypothetical dates (:func:`resolve_dates_at`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from factcheck.facts.lexicon import MONTHS, WORD_NUMBERS
from factcheck.facts.model import DateSlot, DayRange

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
    weekday: int | None = None
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
        weekday = list(calendar.day_name).index(g["wday"].capitalize())
        if published is not None:
            readings = _weekday_ranges(pre, weekday, published)
    else:
        return None
    start, end = _hull(readings) if readings else _resolve_relative(offset, published)
    return DateSlot(
        text=surface,
        start=start,
        end=end,
        weekday=weekday,
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
    found = find_dates(text, published)
    return tuple(d for d, _, _ in found), [(s, e) for _, s, e in found]


def find_dates(text: str, published: date | None = None) -> list[tuple[DateSlot, int, int]]:
    """Every date expression of ``text`` with its character span (surrounding blanks trimmed)."""
    out: list[tuple[DateSlot, int, int]] = []
    for m in DATE_RE.finditer(text):
        slot = _parse_date_match(m, text, published)
        if slot is not None:
            raw = m.group(0)
            start = m.start() + len(raw) - len(raw.lstrip())
            end = m.start() + len(raw.rstrip())
            if m.group("qual") and _POSSESSIVE.match(text, end):
                # "after Tuesday's collapse": the collapse was on Tuesday; "after" is about what followed it
                start = m.end("qual") + len(text[m.end("qual") :]) - len(text[m.end("qual") :].lstrip())
                slot = slot.model_copy(update={"qualifier": None, "text": text[start:end]})
            out.append((slot, start, end))
    return out


_POSSESSIVE = re.compile(r"['’]s\b")


def extract_dates(text: str, published: date | None = None) -> tuple[DateSlot, ...]:
    """Every date expression of ``text``, resolved against ``published`` where it can be."""
    return _scan_dates(text, published)[0]


def date_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of date expressions, so their digits are not read as quantities."""
    return _scan_dates(text, None)[1]
