"""Two values of one fact -> how they relate, by the rules of their type.

Only values already aligned as the same attribute of the same thing reach
here; the question is whether both can be true. Each rule answers with a
:class:`Relation`:

* ``same``: they say the same thing (also "3 miles" and "4.8 km", "Tuesday" and
  the date that fell on a Tuesday, "9:02 a.m. PT" and "12:02 p.m. ET");
* ``compatible``: both can be true, one is less precise ("more than 300" and 369);
* ``differs``: they differ in a way an editor must look at, though both may be
  true (a vague figure just outside the other, places that may both be right,
  a group that leaves someone out, two relative dates whose publication dates
  are unknown, two clock times minutes apart);
* ``conflict``: both cannot be true of the same thing at the same time;
* ``incomparable``: nothing to compare (two currencies, a narrative date).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from factcheck.facts.dates import find_dates
from factcheck.facts.entities import country_names, place_index, us_states_of
from factcheck.facts.lexicon import (
    AMBIGUOUS_UNITS,
    DEMONYMS,
    SCALES,
    STATUS_EXCLUSIVE,
    STATUS_STAGES,
    UNIT_WORDS,
    WORD_NUMBERS,
)
from factcheck.facts.model import ClockTime, DateSlot, DayRange, Fact, People, Place, Quantity, Role, Status
from factcheck.facts.quantities import find_quantities, word_amount

RelationKind = Literal["same", "compatible", "differs", "conflict", "incomparable"]
#: How far apart two relations are, for picking the one a finding reports.
SEVERITY: dict[RelationKind, int] = {"incomparable": 0, "same": 0, "compatible": 1, "differs": 2, "conflict": 3}

#: Hypothetical publication dates for reading two publication-relative expressions when the real
#: dates are unknown: every weekday, month starts and ends, a year's turn, several months.
ANCHORS: tuple[date, ...] = (
    date(2022, 1, 3),  # Monday, first days of a year
    date(2022, 2, 15),  # Tuesday
    date(2022, 3, 31),  # Thursday, a month's last day
    date(2022, 4, 6),  # Wednesday
    date(2022, 5, 13),  # Friday
    date(2022, 6, 18),  # Saturday
    date(2022, 7, 31),  # Sunday, a month's last day
    date(2022, 8, 1),  # Monday, a month's first day
    date(2022, 9, 14),  # Wednesday
    date(2022, 10, 27),  # Thursday
    date(2022, 11, 4),  # Friday
    date(2022, 12, 31),  # Saturday, a year's last day
    date(2023, 1, 1),  # Sunday, a year's first day
)
#: Clock times this close (minutes) are one moment told at different precision.
CLOSE_MINUTES = 5


@dataclass(frozen=True)
class Relation:
    """How two values relate, and the few words that say why ("3 miles is 4.8 km")."""

    kind: RelationKind
    note: str = ""


# --------------------------------------------------------------------------- quantities


def _written_number(text: str) -> str | None:
    """The last number as written, in digits: "4.8 km" -> "4.8", "two minutes" -> "2"."""
    nums = re.findall(r"\d[\d,]*(?:\.\d+)?", text)
    if nums:
        return nums[-1].replace(",", "")
    words = [WORD_NUMBERS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in WORD_NUMBERS]
    return f"{words[-1]:g}" if words else None


def _written_tolerance(text: str) -> float:
    """Half a unit of the last significant digit written: "4.8" -> 0.05, "400" -> 50, "3" or "three" -> 0.5."""
    num = _written_number(text)
    if num is None:
        return 0.0
    if "." in num:
        return 0.5 * 10 ** -len(num.split(".")[1])
    trailing = len(num) - len(num.rstrip("0"))
    return 0.5 * 10 ** min(trailing, max(0, len(num) - 1))


def _scale(q: Quantity) -> float:
    """Base units per written unit (to turn a written tolerance into base units)."""
    num = _written_number(q.text)
    if num is None:
        return 1.0
    written = float(num)
    return q.value / written if written and q.low == q.high else 1.0


def _same_written_unit(a: Quantity, b: Quantity) -> bool:
    """Both written in one unit ("1,312 feet", "430-foot"), so neither was converted from the other."""

    def units(q: Quantity) -> list[str]:
        return [UNIT_WORDS[w] for w in re.findall(r"[a-z]+", q.text.lower()) if w in UNIT_WORDS]

    return units(a) == units(b)


def _in_one_meaning(a: Quantity, b: Quantity) -> tuple[Quantity, Quantity] | None:
    """Two figures written in one ambiguous unit, each read with the unit's first meaning (else None).

    A ton is read as the range of a short ton and a tonne, but two figures in
    tons are in the same ton: their ranges must not overlap for that alone.
    """
    def meanings(q: Quantity) -> set[tuple[str, ...]]:
        return {AMBIGUOUS_UNITS[w] for w in re.findall(r"[a-z]+", q.text.lower()) if w in AMBIGUOUS_UNITS}

    if not meanings(a) or meanings(a) != meanings(b):
        return None
    pinned = [find_quantities(q.text, one_meaning=True) for q in (a, b)]
    if not all(len(p) == 1 for p in pinned):
        return None
    return pinned[0][0][0], pinned[1][0][0]


def compare_quantities(a: Quantity, b: Quantity) -> Relation:
    """Figures as ranges: overlap is compatible; disjoint is a conflict unless an edge is fuzzy.

    Converted figures ("3 miles", "4.8 km") are compared at the precision they
    were written with, since a converted figure is rounded.
    """
    if a.dimension != b.dimension:
        return Relation("incomparable", f"{a.dimension} and {b.dimension}")
    if a.tally is not None and b.tally is not None:  # "3-2" and "3-3" are two scores, whatever they share
        if len(a.tally) != len(b.tally):  # "won the fifth set 6-4" and "won 1-6, 7-6, 6-4": a set and a match
            return Relation("incomparable", "a set's score and a match's")
        return Relation("same") if a.tally == b.tally else Relation("conflict")
    if a.tally is not None or b.tally is not None:
        return Relation("incomparable", "a score and a figure")
    if a.dimension == "money" and a.unit != b.unit:
        return Relation("incomparable", f"amounts in {a.unit} and {b.unit}: no exchange rate is applied")
    if (pinned := _in_one_meaning(a, b)) is not None:
        a, b = pinned  # "200,000-ton" and "220,000-ton": one ton, whichever it is
    lo_a, hi_a, lo_b, hi_b = a.low, a.high, b.low, b.high
    converted = not _same_written_unit(a, b) and a.dimension not in {"count", "money", "percent", "ordinal"}
    if converted:
        ta, tb = _written_tolerance(a.text) * _scale(a), _written_tolerance(b.text) * _scale(b)
        lo_a, hi_a, lo_b, hi_b = lo_a - ta, hi_a + ta, lo_b - tb, hi_b + tb
    if lo_a <= hi_b and lo_b <= hi_a:
        if a.low == b.low and a.high == b.high:
            return Relation("same")
        if converted and not (a.vague or b.vague):
            return Relation("same", f"{a.text} is {b.text}, rounded")
        if _far_below(a, b) or _far_below(b, a):
            return Relation("differs", "a bound far from the other figure")
        if (limits := _two_limits(a, b)) is not None:
            return Relation("differs", limits)
        return Relation("compatible", f"{_less_precise(a, b).text} allows {_more_precise(a, b).text}")
    if (rounded := _rounded(a, b)) is not None:
        return rounded
    if a.approximate or b.approximate:
        return Relation("differs", "an approximate figure and one outside it")
    gap = min(abs(lo_a - hi_b), abs(lo_b - hi_a)) / max(abs(a.value), abs(b.value), 1e-9)
    if gap < 0.01 and (whole := _whole_span_floored(a, b)) is not None:
        return Relation("compatible", f"a span is told in whole units: {whole.text} may be a little more")
    if gap < 0.01:  # "three days" and "more than three days": the bound's own edge, not a clash
        why = "a figure at the edge of a bound" if a.vague or b.vague else "figures less than 1% apart"
        return Relation("differs", why)
    return Relation("conflict")


def _whole_span_floored(a: Quantity, b: Quantity) -> Quantity | None:
    """A span of time in whole units beside "more than" that many ("reigned for 70 years", "more than 70
    years"): a span is told in the whole units it has completed, so the plain figure (returned) covers the bound."""
    if a.dimension != "time":
        return None
    for point, bound in ((a, b), (b, a)):
        num = _written_number(point.text)
        whole = point.low == point.high and not point.vague and num is not None and "." not in num
        opens_at = math.isclose(bound.low, point.value, rel_tol=1e-6)  # "more than" opens its bound by a hair
        if whole and opens_at and not math.isfinite(bound.high) and not bound.approximate:
            return point
    return None


def _fraction_written(q: Quantity) -> bool:
    """Whether a figure is written as a fraction of its unit: a decimal ("7.19"), a scale word ("$7 billion")
    or a percentage. Such a figure is rounded at its last digit; a plain count ("400 people") may be exact."""
    num = _written_number(q.text)
    if num is None:
        return False
    words = set(re.findall(r"[a-z]+", q.text.lower()))
    return "." in num or bool(words & SCALES.keys()) or q.dimension == "percent"


def _last_digit(q: Quantity) -> float:
    """Half a unit of the last digit written, a whole figure's zeros included ("7.19" -> 0.005, "100" -> 0.5)."""
    num = _written_number(q.text) or ""
    return 0.5 * 10 ** -len(num.split(".")[1]) if "." in num else 0.5


def _rounded(a: Quantity, b: Quantity) -> Relation | None:
    """One figure the other rounded at its own last digit ("$7.2 billion", "$7.192 billion"; "26%", "25.8%").

    Outlets round a company's figures to the precision they print, so the
    coarser figure covers half a unit of its last digit either side; both must
    be points (a bound or an "about" has its own rules) in one written unit.
    """
    if a.vague or b.vague or a.low != a.high or b.low != b.high or not _same_written_unit(a, b):
        return None
    if not (_fraction_written(a) and _fraction_written(b)):
        return None
    ta, tb = _last_digit(a) * _scale(a), _last_digit(b) * _scale(b)
    if ta == tb:
        return None
    coarse, fine, tol = (a, b, ta) if ta > tb else (b, a, tb)
    if abs(fine.value - coarse.value) <= tol * (1 + 1e-9):
        return Relation("same", f"{coarse.text} is {fine.text}, rounded")
    return None


def _two_limits(a: Quantity, b: Quantity) -> str | None:
    """Two ceilings ("up to 10 feet", "up to 15 feet") or two floors ("more than 400", "more than 600") more than
    a tenth apart: both may hold, but they say different things about how far it went."""
    if a.low == 0 and b.low == 0 and math.isfinite(a.high) and math.isfinite(b.high) and a.high != b.high:
        return "two different ceilings" if abs(a.high - b.high) > 0.1 * max(a.high, b.high) else None
    open_a, open_b = not math.isfinite(a.high), not math.isfinite(b.high)
    if open_a and open_b and a.low > 0 and b.low > 0 and not (word_amount(a) or word_amount(b)):
        return "two different floors" if abs(a.low - b.low) > 0.1 * max(a.low, b.low) else None
    return None


def _far_below(bound: Quantity, other: Quantity) -> bool:
    """An open bound under half the other figure: "at least 150 ships" beside "422 ships" is true, but tells
    another story (an earlier count, another source): an editor looks, though neither is wrong. So does a
    round bound the other figure passes by a step of its own roundness: a writer who knew of 600 firefighters
    would not write "more than 400" (a precise bound, "at least 261", sets no such ceiling)."""
    if math.isfinite(bound.high) or not math.isfinite(other.high) or bound.low <= 0:
        return False
    if word_amount(bound):
        return False  # "many" bounds nothing: it says there were some, not how far below the rest
    step = _round_step(bound.low)
    return other.high >= 2 * bound.low or (step >= 10 and other.low >= bound.low + step)


def _round_step(x: float) -> float:
    """The place value of a whole figure's last non-zero digit (400 -> 100, 150 -> 10, 261 -> 1)."""
    n = round(x)
    if n <= 0 or abs(x - n) > 1e-6 * max(1.0, x):  # "more than" opens its bound by a hair
        return 0.0
    step = 1
    while n % (step * 10) == 0:
        step *= 10
    return float(step)


def _width(q: Quantity) -> float:
    return q.high - q.low if math.isfinite(q.high - q.low) else math.inf


def _less_precise(a: Quantity, b: Quantity) -> Quantity:
    return a if _width(a) >= _width(b) else b


def _more_precise(a: Quantity, b: Quantity) -> Quantity:
    return b if _width(a) >= _width(b) else a


# --------------------------------------------------------------------------- dates


def qualified(r: DayRange, qualifier: str | None) -> DayRange:
    """A day range opened by "before", "by", "after", "since" ("before 1998" ends on 31 December 1997)."""
    if qualifier == "before":
        return date.min, max(date.min, r[0] - timedelta(days=1))
    if qualifier == "by":
        return date.min, r[1]
    if qualifier == "after":
        return min(date.max, r[1] + timedelta(days=1)), date.max
    if qualifier == "since":
        return r[0], date.max
    return r


def readings(d: DateSlot) -> list[DayRange]:
    """The day ranges a resolved date allows (one, or several for "Wednesday" / "in February")."""
    if d.start is None or d.end is None:
        return []
    return [qualified(r, d.qualifier) for r in (d.ranges or ((d.start, d.end),))]


def overlap(ra: Sequence[DayRange], rb: Sequence[DayRange]) -> bool:
    """Whether any reading of one overlaps any reading of the other."""
    return any(x[0] <= y[1] and y[0] <= x[1] for x in ra for y in rb)


def _at(d: DateSlot, published: date | None, anchor: date) -> DateSlot | None:
    """``d`` read as if its article had been published on ``anchor`` (when the real date is unknown)."""
    if published is not None:
        return d
    found = find_dates(d.text, anchor)
    return found[0][0] if found else None


def _weekday_fits(weekday: int, d: DateSlot) -> bool | None:
    """Whether a calendar date falls on ``weekday`` (None when the date is not one day)."""
    if d.start is not None and d.start == d.end and d.weekday is None:
        return d.start.weekday() == weekday
    return None


def _weekday_and_day(a: DateSlot, b: DateSlot) -> bool:
    """A bare weekday beside a month's day ("Thursday", "April 20"), one of each."""
    def bare(d: DateSlot) -> bool:
        return d.weekday is not None and d.month is None and d.day is None and not d.qualifier

    def dated(d: DateSlot) -> bool:
        return d.weekday is None and d.day is not None and d.month is not None

    return (bare(a) and dated(b)) or (bare(b) and dated(a))


_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def compare_dates(a: DateSlot, pa: date | None, b: DateSlot, pb: date | None) -> Relation:
    """Day ranges overlap or not; a weekday agrees with the date it fell on; unknown anchors are read alike."""
    if a.reference == "narrative" or b.reference == "narrative":
        return Relation("incomparable", "counted from another event")
    for wd, other in ((a, b), (b, a)):
        if wd.weekday is not None and other.weekday is None:
            fits = _weekday_fits(wd.weekday, other)
            if fits is not None:
                day = other.start
                assert day is not None
                return (
                    Relation("same", f"{day:%-d %B %Y} was a {_DAY_NAMES[wd.weekday]}")
                    if fits
                    else Relation("conflict", f"{day:%-d %B %Y} was a {_DAY_NAMES[day.weekday()]}")
                )
    if a.weekday is not None and b.weekday is not None and not (a.qualifier or b.qualifier):
        # a bare weekday names the one nearest its article's date: the same name is the same day, and
        # two names are two days unless the articles appeared a week or more apart
        if a.weekday == b.weekday and a.text.split()[0].lower() not in {"last", "next"}:
            return Relation("same")
        apart = pa is not None and pb is not None and abs((pa - pb).days) >= 6
        if a.weekday != b.weekday:
            return Relation("differs" if apart else "conflict", "different days of the week")
    if a.resolved and b.resolved:
        ra, rb = readings(a), readings(b)
        if overlap(ra, rb):
            same = (a.start, a.end, a.qualifier) == (b.start, b.end, b.qualifier)
            return Relation("same" if same else "compatible")
        return Relation("conflict")
    if a.reference == "publication" and b.reference == "publication":
        known = pa or pb
        if known is None and _weekday_and_day(a, b):
            # "Thursday" and "April 20" with no year or publication date: any April 20 may be a Thursday
            return Relation("compatible", "a weekday and a date of an unknown year may be the same day")
        seen = False
        for anchor in ANCHORS if known is None else (known,):
            da, db = _at(a, pa, anchor), _at(b, pb, anchor)
            if da is None or db is None or not da.resolved or not db.resolved:
                continue
            seen = True
            if overlap(readings(da), readings(db)):
                return Relation("compatible", "they may be the same day")
        if seen:
            return Relation("differs", "they conflict if the articles were published at about the same time")
        return Relation("incomparable")
    if a.month and b.month and a.month != b.month and not a.qualifier and not b.qualifier:
        return Relation("conflict", "different months")
    if a.month and a.day and b.month and b.day:
        return Relation("same" if (a.month, a.day) == (b.month, b.day) else "conflict")
    return Relation("incomparable")


# --------------------------------------------------------------------------- clock times


def _utc_ranges(t: ClockTime) -> list[tuple[int, int]]:
    return [(lo - off, hi - off) for lo, hi in _wall_ranges(t) for off in t.utc_offsets]


_TWELVE_HOUR = re.compile(r"\d{1,2}[:.]\d{2}")


def _wall_ranges(t: ClockTime) -> list[tuple[int, int]]:
    """The times of day a clock time may be: "6:04" with no a.m. or p.m. is 6:04 or 18:04."""
    lo, hi = t.minutes
    bare = _TWELVE_HOUR.fullmatch(re.sub(r"\s*[A-Z]{2,5}$", "", t.text.strip())) is not None
    if bare and 60 <= lo < 13 * 60 and not t.text.strip().startswith("0"):
        return [(lo, hi), (lo + 720, hi + 720)]
    return [(lo, hi)]


def _gap(ra: Iterable[tuple[int, int]], rb: Iterable[tuple[int, int]]) -> int:
    best = 24 * 60
    for a0, a1 in ra:
        for b0, b1 in rb:
            for shift in (-1440, 0, 1440):
                lo, hi = b0 + shift, b1 + shift
                gap = 0 if a0 <= hi and lo <= a1 else min(abs(a0 - hi), abs(lo - a1))
                best = min(best, gap)
    return best


def days_apart(a: ClockTime, b: ClockTime) -> int:
    """Days between the weekdays two times name (0 when either names none): Monday to Sunday is one."""
    if a.weekday is None or b.weekday is None:
        return 0
    d = abs(a.weekday - b.weekday) % 7
    return min(d, 7 - d)


def clock_gap(a: ClockTime, b: ClockTime) -> int:
    """Minutes between two times of day: in UTC when both zones are known, else as wall clocks; a day
    for each day between the weekdays they name ("Tuesday afternoon", "Wednesday afternoon")."""
    days = days_apart(a, b)
    if days:
        return days * 24 * 60
    if a.utc_offsets and b.utc_offsets:
        return _gap(_utc_ranges(a), _utc_ranges(b))
    return _gap(_wall_ranges(a), _wall_ranges(b))


_PART_OF_DAY = re.compile(r"\b(morning|afternoon|evening|night|overnight|midday|noon|midnight)\b", re.IGNORECASE)


#: Parts of the day that sources use for one another ("Friday evening", "Friday night").
_NEIGHBOUR_PARTS = (
    frozenset({"evening", "night"}),
    frozenset({"night", "overnight", "midnight"}),
    frozenset({"midday", "noon"}),
)


def _part_of_day(text: str) -> str | None:
    m = _PART_OF_DAY.search(text)
    return m.group(1).lower() if m else None


def compare_times(a: ClockTime, b: ClockTime) -> Relation:
    """Clock times in UTC when both zones are known, else as local times; times of different days conflict."""
    if days_apart(a, b):
        return Relation("conflict", "on different days")
    pa, pb = _part_of_day(a.text), _part_of_day(b.text)
    if pa and pb and pa != pb and not any({pa, pb} <= words for words in _NEIGHBOUR_PARTS):
        return Relation("differs", f"{pa} and {pb}")  # "Friday morning", "Friday afternoon": the ranges touch
    gap = clock_gap(a, b)
    if a.utc_offsets and b.utc_offsets:
        note = f"{a.text} and {b.text}"
    else:
        note = "one gives no time zone" if bool(a.utc_offsets) != bool(b.utc_offsets) else ""
        if note and gap % 60 in (0,) and gap:
            return Relation("differs", "a whole number of hours apart: perhaps another time zone")
    if gap == 0:
        return Relation("same", note if a.zone != b.zone and a.utc_offsets and b.utc_offsets else "")
    if a.approximate or b.approximate:
        return Relation("differs", "a rounded time or part of the day, and a time outside it")
    if gap <= CLOSE_MINUTES:
        return Relation("differs", f"{gap} minute{'s' if gap > 1 else ''} apart")
    if note == "one gives no time zone":
        return Relation("differs", note)
    return Relation("conflict")


# --------------------------------------------------------------------------- places, people, titles, status


def compare_places(a: Place, b: Place) -> Relation:
    """Celestial bodies are never interchangeable; a city is compatible with its country."""
    if a.key == b.key:
        return Relation("same")
    if not (a.body or b.body) and _spelt_alike(a.key, b.key):
        return Relation("same", "one name spelt two ways")
    if a.body or b.body:
        return (
            Relation("conflict", f"{a.name} and {b.name} are different bodies")
            if a.body and b.body
            else Relation("incomparable")
        )
    index = place_index()
    ca = set(a.countries) or set(index.get(a.name.lower(), ()))
    cb = set(b.countries) or set(index.get(b.name.lower(), ()))
    if a.key in b.key or b.key in a.key:
        return Relation("compatible")
    if ca & cb:
        if a.name.lower() in country_names() or b.name.lower() in country_names():
            return Relation("compatible", "one place lies in the other's country")
        states = us_states_of()
        if states.get(a.name.lower(), frozenset()) & states.get(b.name.lower(), frozenset()):
            return Relation("compatible", "one place lies in the other's state")
        # two places of one country ("Portland" and "California", "Hatay" and "Antakya"): the gazetteer
        # cannot say whether one holds the other, so they neither agree nor differ
        return Relation("incomparable", "two places of one country")
    return Relation("differs", "different places")


def _spelt_alike(a: str, b: str) -> bool:
    """ "kennedy space center" and "kennedy space centre": one place, spelt the American and the British way."""
    from rapidfuzz import fuzz

    return min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= 90


def _group_kind(group: str) -> str:
    noun = group.split()[-1].lower()
    return "crew" if noun in {"astronauts", "cosmonauts", "taikonauts", "crew"} else noun


def compare_people(a: People, b: People) -> Relation:
    """Groups of participants: the same set agrees; a subset leaves someone out; others differ."""
    sa, sb = set(a.members), set(b.members)
    if sa == sb:
        return Relation("same")
    if {_group_kind(g) for g in sa}.isdisjoint({_group_kind(g) for g in sb}):
        return Relation("incomparable")
    if sa < sb or sb < sa:
        return Relation("differs", "one leaves out " + ", ".join(sorted(sa ^ sb)))
    return Relation("differs", "the groups involved differ")


#: Words for the one who leads an organisation: "head", "chairman" and "chief" of one body are one title.
_HEAD_WORDS = frozenset({"head", "chief", "chairman", "chairwoman", "chair", "chairperson", "leader", "boss"})


#: Words that make a different rank of the same office ("deputy prime minister" is not "prime minister").
_RANK_WORDS = frozenset(
    {"deputy", "vice", "assistant", "associate", "acting", "former", "interim", "junior", "under", "lieutenant", "co"}
)
#: Words that are not part of a title: articles, and possessives a quote puts before it ("our CEO").
_TITLE_FILLERS = frozenset({"the", "a", "an", "of", "and", "its", "our", "their", "his", "her", "my", "your"})
_ABBREVIATIONS = {"ceo": "chief executive officer", "cfo": "chief financial officer", "coo": "chief operating officer"}


def _title_words(title: str) -> list[str]:
    title = re.sub(r"\b([A-Za-z])\.(?=[A-Za-z]\.)", r"\1", title)  # "U.S. District Judge" is "US District Judge"
    text = re.sub(r"[^\w\s-]", " ", title.lower()).replace("-", " ")
    words = [w for raw in text.split() for w in _ABBREVIATIONS.get(raw, raw).split()]
    words = ["former" if w == "ex" else w for w in words]  # "ex-President" is "former President"
    words = [w for w in words if w not in _TITLE_FILLERS and w not in DEMONYMS]
    words = ["head" if w in _HEAD_WORDS else w for w in words]
    words = [w for w in words if w != "officer"]
    return [w for i, w in enumerate(words) if not (w == "head" and i + 1 < len(words) and words[i + 1] == "executive")]


def same_title(ta: str, tb: str) -> bool:
    """ "chief executive of the space agency" and "chief executive of the space agency Roscosmos" are one title.

    One title is the other with more detail ("CEO" and "chairman and CEO of
    Microsoft"; "chair" and "chairman of the Suez Canal Authority"), unless the
    detail is a rank: "prime minister" and "deputy prime minister" differ.
    """
    wa, wb = _title_words(ta), _title_words(tb)
    short, long = sorted((wa, wb), key=len)
    if long[: len(short)] == short:
        return True
    extra = set(long) - set(short)
    return bool(short) and set(short) <= set(long) and not extra & _RANK_WORDS


def compare_titles(a: Role, b: Role) -> Relation:
    """A person's titles: one title worded twice is the same; two titles may both have been true at their time."""
    if same_title(a.title, b.title):
        return Relation("same")
    return Relation("differs", "titles change over time")


_STAGE_ORDER = {stage: i for i, stage in enumerate(STATUS_STAGES)}


def compare_status(a: Status, b: Status) -> Relation:
    """A process at two stages: excluding stages conflict (at one time); neighbouring ones differ."""
    if a.stage == b.stage:
        return Relation("same")
    if frozenset((a.stage, b.stage)) in STATUS_EXCLUSIVE:
        return Relation("conflict", f"{a.stage} and {b.stage}")
    return Relation("differs", f"{a.stage} and {b.stage}")


def stage_rank(stage: str) -> int:
    """Position of a stage in a process (proposed first), for ordering updates."""
    return _STAGE_ORDER.get(stage, 0)


# --------------------------------------------------------------------------- dispatch


_LATE = re.compile(r"(?:\blate|\bovernight)\s+(?:on\s+)?…|…\s+(?:night|evening)\b", re.IGNORECASE)
_EARLY = re.compile(r"(?:\bearly|\bearly hours of|\bbefore dawn(?: on)?|\bovernight)\s+(?:on\s+)?…", re.IGNORECASE)


def _night_edges(earlier: Fact, later: Fact) -> int:
    """ "Inundated late Sunday" and "engulfed in the early hours of Monday": one night, told from either side.

    When ``earlier`` is one day before ``later``, how many of them sit at the night's edge ("late", "night",
    "evening" on the first day; "early", "overnight", "before dawn" on the second); 0 otherwise. Both is
    one moment; one edge alone ("until early on Thursday" against "on Wednesday") may be another.
    """
    va, vb = earlier.value, later.value
    assert isinstance(va, DateSlot) and isinstance(vb, DateSlot)
    if va.weekday is not None and vb.weekday is not None:
        next_day = (vb.weekday - va.weekday) % 7 == 1
    elif va.start is not None and vb.start is not None and va.start == va.end and vb.start == vb.end:
        next_day = (vb.start - va.start).days == 1
    else:
        return 0
    if not next_day:
        return 0
    return bool(_LATE.search(earlier.what.context)) + bool(_EARLY.search(later.what.context))


#: Words of a figure someone forecasts rather than reports ("analysts expected $6.5 billion").
_FORECAST_WORDS = frozenset(
    {"expect", "forecast", "estimate", "anticipate", "predict", "project", "projection", "consensus", "guidance",
     "expectation", "outlook"}
)  # fmt: skip


def _forecast(fact: Fact) -> bool:
    """A forecast figure: analysts polled by one firm for one quarter are not wrong beside another's poll."""
    return bool(_FORECAST_WORDS & {fact.what.event, fact.what.noun, *fact.what.lemmas})


def relate(a: Fact, b: Fact) -> Relation:
    """How two aligned facts' values relate; negation of the same value is a conflict; what someone asked
    for ("prosecutors sought 50 years") is never held against what happened ("sentenced to 25 years")."""
    if (a.modality == "requested") != (b.modality == "requested"):
        return Relation("incomparable", "one is what someone asked for")
    va, vb = a.value, b.value
    rel: Relation
    if isinstance(va, Quantity) and isinstance(vb, Quantity):
        if (a.modality == "possible") != (b.modality == "possible"):  # "the toll could top 10,000": a projection
            return Relation("incomparable", "one is what may be, the other what was counted")
        rel = compare_quantities(va, vb)
        if rel.kind == "conflict" and _forecast(a) and _forecast(b):
            return Relation("differs", "two forecasts, which differ with who made them and when")
    elif isinstance(va, DateSlot) and isinstance(vb, DateSlot):
        rel = compare_dates(va, a.as_of, vb, b.as_of)
        if rel.kind in {"conflict", "differs"}:
            edges = max(_night_edges(a, b), _night_edges(b, a))
            if edges == 2:
                return Relation("compatible", "the night between the two days")
            if edges == 1 and rel.kind == "conflict":  # "caused flooding Sunday", "the early hours of Monday"
                return Relation("differs", "a day apart, one at the night's edge")
    elif isinstance(va, ClockTime) and isinstance(vb, ClockTime):
        rel = compare_times(va, vb)
    elif isinstance(va, Place) and isinstance(vb, Place):
        rel = compare_places(va, vb)
    elif isinstance(va, People) and isinstance(vb, People):
        rel = compare_people(va, vb)
    elif isinstance(va, Role) and isinstance(vb, Role):
        rel = compare_titles(va, vb)
    elif isinstance(va, Status) and isinstance(vb, Status):
        rel = compare_status(va, vb)
        if rel.kind in {"conflict", "differs"} and (a.modality != "asserted" or b.modality != "asserted"):
            ahead, now = (va, vb) if a.modality != "asserted" else (vb, va)
            if stage_rank(ahead.stage) >= stage_rank(now.stage):
                return Relation("compatible", f"{ahead.stage} is expected, {now.stage} is now")
    else:
        return Relation("incomparable")
    if a.negated != b.negated and rel.kind in {"same", "compatible"}:
        if a.what.event != b.what.event:
            # a denial of another event says nothing against it: "did not survive" is "died", not its denial
            return Relation("incomparable", "one source denies another event")
        return Relation("conflict", "one source denies what the other states")
    return rel
