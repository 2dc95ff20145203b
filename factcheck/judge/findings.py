"""Groups of aligned facts -> findings: one per fact, listing every source's value.

The values of a group are first partitioned into classes that can all be true
together ("about 10 minutes" with "10 minutes"); one class is an agreement,
several are a difference. What kind of difference is an editorial rule about
the fact's type and its sources, not about the pair of sentences:

* a running figure (deaths, injured, homes destroyed) reported at different
  times is an *update* (``time_scoped``), shown in time order (41 → 96 → 212);
* figures that different sources are quoted for differ by nature
  (``discrepancy``, attributed);
* a person's two titles may both have been true when written (``time_scoped``);
* values that cannot both be true are a ``contradiction``; values that differ
  in a way an editor must see, though both may be true, a ``discrepancy``.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from factcheck.facts.lexicon import RUNNING_CONCEPTS
from factcheck.facts.model import ClockTime, DateSlot, Fact, People, Place, Quantity, Role, Status, Value
from factcheck.facts.quantities import word_amount
from factcheck.judge.align import FactGroup, bucket, part_of
from factcheck.judge.confidence import Calibrator
from factcheck.judge.values import SEVERITY, Relation, relate
from factcheck.schema import DiffType, FactValue, Finding, Kind, Reason

#: Concepts that are a property of a thing: named "<property> of the <thing>".
PROPERTY_CONCEPTS = frozenset(
    {"length", "width", "height", "depth", "weight", "speed", "age", "duration", "distance", "magnitude"}
)
_TYPE: dict[str, DiffType] = {
    "quantity": "number",
    "date": "date",
    "time": "date",
    "place": "location",
    "people": "participants",
    "title": "role",
    "status": "other",
    "name": "entity",
}


def diff_type(fact_type: str) -> DiffType:
    """The report's ``type`` for a fact's value type (what differs: a number, a date, a place ...)."""
    return _TYPE.get(fact_type, "other")


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:12]


# --------------------------------------------------------------------------- how values read


def _number(x: float) -> str:
    if x >= 1e9:
        return f"{x / 1e9:.3g} billion"
    if x >= 1e6:
        return f"{x / 1e6:.3g} million"
    return f"{x:,.0f}" if x >= 1000 else f"{x:.4g}"  # 11,300, not "1.13e+04"


_DISPLAY = {  # base unit -> (threshold, divisor, shown unit)
    "meter": ((1000.0, 1000.0, "km"), (0.0, 1.0, "m")),
    "kilogram": ((1000.0, 1000.0, "t"), (0.0, 1.0, "kg")),
    "second": ((86400.0, 86400.0, "days"), (3600.0, 3600.0, "h"), (60.0, 60.0, "min"), (0.0, 1.0, "s")),
    "meter / second": ((0.0, 1 / 3.6, "km/h"),),
    "meter ** 2": ((1e6, 1e6, "km²"), (0.0, 1.0, "m²")),
}


_NEARLY = re.compile(r"(?i)\s*(?:nearly|almost|just under|close to)\b")


def _quantity(q: Quantity) -> str:
    def one(x: float) -> str:
        if q.unit in _DISPLAY:
            for threshold, divisor, shown in _DISPLAY[q.unit]:
                if abs(x) >= threshold:
                    return f"{_number(x / divisor)} {shown}"
        if q.dimension == "percent":
            return f"{_number(x)}%"
        if q.dimension == "money":
            return f"{q.unit} {_number(x)}"
        return _number(x)  # a count's noun is in the wording beside it

    if q.tally is not None:
        pairs = zip(q.tally[::2], q.tally[1::2], strict=True)
        return ", ".join(f"{_number(x)}-{_number(y)}" for x, y in pairs)  # a match's sets: "1-6, 7-6, 6-4"
    if math.isinf(q.high):
        return f"more than {one(q.low)}" if q.low else "any"
    if q.low == 0 and q.high != q.value:
        return f"up to {one(q.high)}"
    if q.low == q.high:
        return one(q.value)
    if word_amount(q):
        return f"{one(q.low)} to {one(q.high)}"  # "hundreds": the range the word allows, not its middle
    if q.approximate and _NEARLY.match(q.text) and q.high > q.value:
        return f"nearly {one(q.high)}"  # "nearly 1,100" reaches up to its figure: not "about 1,018"
    if q.approximate and " to " not in q.text and "-" not in q.text:
        return f"about {one(q.value)}"  # "about 230": the range is the rule's, not the source's words
    return f"{one(q.low)} to {one(q.high)}"


def normalized(fact: Fact) -> str | None:
    """The value as the judge read it, in common units ("4.83 km", "2024-03-26", "05:28 UTC"); "not ..." where
    the source denies it (so a denial set against the same figure reads as one)."""
    shown = _normalized(fact)
    return f"not {shown or fact.text}" if fact.negated else shown


def _normalized(fact: Fact) -> str | None:
    v = fact.value
    if isinstance(v, Quantity):
        return _quantity(v)
    if isinstance(v, DateSlot):
        if v.start and v.end:
            return v.start.isoformat() if v.start == v.end else f"{v.start.isoformat()} to {v.end.isoformat()}"
        return None
    if isinstance(v, ClockTime):
        lo = v.minutes[0] - (v.utc_offsets[0] if v.utc_offsets else 0)
        clock = f"{(lo // 60) % 24:02d}:{lo % 60:02d}"
        return f"{clock} UTC" if v.utc_offsets else f"{clock} local"
    if isinstance(v, Place):
        return v.name
    if isinstance(v, People):
        return ", ".join(v.members)
    if isinstance(v, Role):
        return v.title
    if isinstance(v, Status):
        return v.stage
    return None


def describe(group: Sequence[Fact]) -> str:
    """What a group of facts is about, in a few words ("deaths", "date of the spacewalk")."""
    first = group[0]
    if isinstance(first.value, Role):
        return f"title of {first.value.person}"
    if isinstance(first.value, Status):
        return next((f.what.text for f in group if f.what.text), "status")
    if isinstance(first.value, Quantity) and first.value.tally is not None:
        return "score"  # "made it 3-2": the score, whatever "it" is
    texts = [f.what for f in group if f.what.text]
    concept = next((w.concept for w in texts if w.concept), None)
    nouns = [" ".join(x for x in w.noun.split() if x != concept) for w in texts if w.noun and w.noun != concept]
    nouns = [n for n in nouns if n]  # "magnitude of the temblor", not "of the magnitude temblor"
    if concept in PROPERTY_CONCEPTS and nouns:  # "length of the ship", not "length ship"
        noun = max(nouns, key=lambda n: (nouns.count(n), -len(n), n))
        return f"{concept} of the {noun}"
    words = max((w.text for w in texts), key=lambda t: (sum(1 for w in texts if w.text == t), -len(t)), default="")
    what = f"{concept} ({words})" if concept and words and concept not in words else words or concept or ""
    part = part_of(first)
    if part and part not in what:
        what = f"{what} ({part})" if what else part
    prefix = {"date": "when", "time": "time", "place": "where", "people": "who"}.get(first.type)
    if prefix:
        return f"{prefix}: {what}" if what else prefix
    return what or "figure"


# --------------------------------------------------------------------------- value classes


Siblings = Mapping[str, Sequence[Fact]]


class Relater:
    """``relate`` between the facts of one group, except that a value the other claim also states is no
    difference; each pair is related once.

    "The exploration of the Moon, Mars" in one source and "of Mars and the Moon"
    in another each name both bodies: set against each other one by one they
    would look like a conflict.
    """

    def __init__(self, facts: Sequence[Fact], siblings: Siblings | None = None) -> None:
        siblings = siblings or {}
        self._partners: dict[str, tuple[Fact, ...]] = {}
        for f in facts:
            key = bucket(f)
            self._partners[f.id] = tuple(
                s for s in siblings.get(f.claim_id, ()) if s.id != f.id and bucket(s) == key and _conjuncts(s, f)
            )
        self._seen: dict[tuple[str, str], Relation] = {}

    def __call__(self, x: Fact, y: Fact) -> Relation:
        key = (x.id, y.id)
        if key not in self._seen:
            self._seen[key] = self._relate(x, y)
        return self._seen[key]

    def _relate(self, x: Fact, y: Fact) -> Relation:
        rel = relate(x, y)
        if rel.kind in {"same", "compatible"}:
            return rel
        for a, b in ((x, y), (y, x)):
            for sib in self._partners.get(a.id, ()):
                if relate(sib, b).kind in {"same", "compatible"}:
                    return Relation("compatible", "the claim states both")
        return rel


def _conjuncts(a: Fact, b: Fact) -> bool:
    """Two values of one claim listed side by side for one attribute ("the Moon, Mars"), not a part and its whole.

    Two figures of one claim are two facts even where the parse gives them one attribute ("total assets of
    $209 billion and total deposits of $175.4 billion"): a figure is not excused by its neighbour."""
    if isinstance(a.value, Quantity) or isinstance(b.value, Quantity):
        return False
    return a.what.relation == b.what.relation and a.what.noun == b.what.noun and a.what.event == b.what.event


def value_classes(facts: Sequence[Fact], related: Relater) -> list[list[Fact]]:
    """Facts partitioned into classes whose values can all be true together (first mentions first)."""
    classes: list[list[Fact]] = []
    for fact in facts:
        for cls in classes:
            if all(related(fact, other).kind in {"same", "compatible"} for other in cls):
                cls.append(fact)
                break
        else:
            classes.append([fact])
    return classes


@dataclass(frozen=True)
class _Difference:
    kind: Kind
    reason: Reason
    relation: Relation


def _labels(facts: Sequence[Fact]) -> str:
    return ", ".join(dict.fromkeys(f.article_id for f in facts))


def _running(group: Sequence[Fact]) -> bool:
    """A figure that grows as a story unfolds (deaths, injured..., a match's score): only counts can run."""
    if not all(isinstance(f.value, Quantity) for f in group):
        return False
    return any(f.what.concept in RUNNING_CONCEPTS or f.value.dimension == "score" for f in group)  # type: ignore[union-attr]


def _as_of(cls: Sequence[Fact]) -> date | None:
    days = [f.as_of for f in cls if f.as_of is not None]
    return min(days) if days else None


def _grows(classes: Sequence[Sequence[Fact]]) -> bool:
    """Whether a count given on several days ends no lower than it began (22 on 2 Jan, 20 on 11 Jan: it fell;
    0, 48, about 40, 213: it grew, one report of the way being loose)."""
    ordered = sorted(classes, key=lambda c: _as_of(c) or date.max)
    tops = [max(f.value.value for f in c if isinstance(f.value, Quantity)) for c in ordered]
    return tops[-1] >= tops[0]


def _rising(group: FactGroup) -> list[list[Fact]] | None:
    """A count reported higher on later days: the classes by day, when that is what the values show.

    A death toll, the tugboats at work, the ships waiting: a count that grows
    as a story unfolds, reported on different days, is an update even when the
    values could be read as compatible ("at least 150", then "more than 300").
    """
    facts = group.facts
    if not all(isinstance(f.value, Quantity) and f.value.dimension == "count" for f in facts):
        return None
    by_day: dict[date, list[Fact]] = {}
    for f in facts:
        if f.as_of is None:
            return None
        by_day.setdefault(f.as_of, []).append(f)
    if sum(any(_stated(f) for f in day) for day in by_day.values()) < 2:
        return None  # a word amount ("hundreds") on one day and a figure on another say no rise
    days = sorted(by_day)
    lows = [min(f.value.low for f in by_day[d] if isinstance(f.value, Quantity)) for d in days]
    highs = [max(f.value.value for f in by_day[d] if isinstance(f.value, Quantity)) for d in days]
    rising = all(b >= a for a, b in itertools.pairwise(lows)) and lows[-1] > lows[0]
    one_value_a_day = all(
        len({(f.value.low, f.value.high) for f in by_day[d] if isinstance(f.value, Quantity)}) == 1 for d in days
    )
    if rising and one_value_a_day and highs[-1] > highs[0]:
        return [by_day[d] for d in days]
    return None


def _attributed(classes: Sequence[Sequence[Fact]]) -> bool:
    """Values that sources attribute to different authorities: two or more classes each quoting its own one,
    none quoting another class's (a class that quotes nobody does not make them agree)."""
    sources = [{_source_key(f.source) for f in cls if f.source} for cls in classes]
    named = [s for s in sources if s]
    if len(named) < 2:
        return False
    return all(a.isdisjoint(b) for i, a in enumerate(named) for b in named[i + 1 :])


def _source_key(source: str) -> str:
    """One authority however its name is punctuated ("the U.S. Geological Survey", "US Geological Survey")."""
    return " ".join(re.sub(r"^the\s+", "", re.sub(r"[^\w\s]", "", source).lower().strip()).split())


def _none_against_some(classes: Sequence[Sequence[Fact]]) -> bool:
    """One source says there were none ("no one was injured"), another gives a number: a clash, not a toll read
    at two moments of one day."""
    zero = [all(isinstance(f.value, Quantity) and f.value.high == 0 for f in c) for c in classes]
    return any(zero) and not all(zero)


def _difference(group: FactGroup, classes: list[list[Fact]], related: Relater) -> _Difference | None:
    """The worst relation between classes, then the editorial rule for the fact's type and sources."""
    worst: Relation | None = None
    for i, a in enumerate(classes):
        for b in classes[i + 1 :]:
            for x in a:
                for y in b:
                    if x.article_id == y.article_id and len(group.articles) > 1:
                        continue
                    rel = related(x, y)
                    if worst is None or SEVERITY[rel.kind] > SEVERITY[worst.kind]:
                        worst = rel
    if worst is None or worst.kind in {"same", "compatible", "incomparable"}:
        return None
    first = group.facts[0]
    if isinstance(first.value, Role):
        dated = [_as_of(c) for c in classes]
        if len(group.articles) > 1 and all(d is not None for d in dated) and len(set(dated)) == 1:
            return _Difference("discrepancy", "values", worst)  # two titles on one day: no change over time
        return _Difference("time_scoped", "title_change", worst)
    if len(group.articles) == 1:
        # a source counting one thing twice counts it for one event: "closed all four runways" and "three of
        # the four were reopened" are two counts, not a source contradicting itself (a place's verb varies
        # with the wording: "set its sights on the Lunar surface", "an expedition to the earth")
        # ("up 22%" and "up 18%" of one earnings report: two measures, unless both name the event or read alike)
        events = {f.what.event for f in group.facts}
        alike = None not in events or len({f.what.text for f in group.facts}) == 1
        one_thing = len({f.what.noun for f in group.facts}) == 1  # "operating income" and "net income" are two
        one_event = (len(events) == 1 and alike and one_thing) or not isinstance(first.value, Quantity)
        if worst.kind != "conflict" or not one_event:
            return None
        # one source's two figures or times of what reads as one thing are a discrepancy to check: most often two
        # things the parse cannot tell apart ("fired eight shots", "fired three shots ... at 6:11 p.m."; "a 6.7
        # temblor", "a separate 5.6 temblor"), seldom the source contradicting itself; two places it sends one
        # mission to ("the Lunar surface", "an expedition to the earth") cannot both be right
        counted = isinstance(first.value, Quantity | ClockTime | DateSlot)
        return _Difference("discrepancy" if counted else "contradiction", "within_source", worst)
    dated = [_as_of(c) for c in classes]
    running = _running(group.facts) or isinstance(first.value, Status)
    stated = sum(any(_stated(f) for f in c) for c in classes)
    if running and isinstance(first.value, Quantity) and stated < 2 and not _none_against_some(classes):
        return None  # a word amount ("deaths in the hundreds") beside one figure: no two figures of the count
    if running and all(d is not None for d in dated) and len(set(dated)) > 1:
        if not isinstance(first.value, Quantity) or _grows(classes):
            return _Difference("time_scoped", "update", worst)
        return _Difference("discrepancy", "update", Relation(worst.kind, "lower in the later report"))
    if running and isinstance(first.value, Quantity) and not _none_against_some(classes):
        # a count dated to the day (or not at all) may have moved between two reports of that day: a toll read
        # in the morning and at night, a share price at 10am and at the close
        return _Difference("discrepancy", "update", worst)
    if running and any(d is None for d in dated):
        return _Difference("discrepancy", "update", worst)
    if _attributed(classes):  # a running count's figures differ by time first, whoever gave them
        return _Difference("discrepancy", "attributed", worst)
    if worst.kind == "conflict":
        return _Difference("contradiction", "values", worst)
    return _Difference("discrepancy", "imprecise" if "approximate" in worst.note else "values", worst)


# --------------------------------------------------------------------------- findings


def _values(classes: Sequence[Sequence[Fact]]) -> tuple[FactValue, ...]:
    """One value per source and class (a headline and its body restating a figure count once)."""
    out: list[FactValue] = []
    for cls in classes:
        seen: set[str] = set()
        for f in cls:
            if f.article_id in seen:
                continue
            seen.add(f.article_id)
            out.append(
                FactValue(
                    claim_id=f.claim_id,
                    article_id=f.article_id,
                    value=f.text,
                    span=f.span,
                    normalized=normalized(f),
                    as_of=f.as_of,
                    source=f.source,
                )
            )
    return tuple(out)


def _listing(classes: Sequence[Sequence[Fact]], with_dates: bool = False) -> str:
    parts = []
    for cls in classes:
        shown = f"not {cls[0].text}" if cls[0].negated else cls[0].text
        day = _as_of(cls)
        when = f", {day:%-d %b}" if with_dates and day else ""
        parts.append(f"{shown} ({_labels(cls)}{when})")
    return "; ".join(parts)


def _explain(what: str, diff: _Difference | None, classes: list[list[Fact]], group: FactGroup) -> str:
    n = len(group.articles)
    if diff is None:
        values = "; ".join(dict.fromkeys(f.text for f in group.facts))
        return f"{n} sources agree on {what}: {values}."
    note = f" ({diff.relation.note})" if diff.relation.note else ""
    if diff.reason == "update":
        ordered = sorted(
            classes,
            key=lambda c: (
                _as_of(c) or date.max,
                min(f.value.value for f in c if isinstance(f.value, Quantity))
                if isinstance(c[0].value, Quantity)
                else 0,
            ),
        )
        arrow = " → ".join(f"{c[0].text} ({_labels(c)}{f', {_as_of(c):%-d %b}' if _as_of(c) else ''})" for c in ordered)
        if diff.kind == "time_scoped":
            return f"The figure for {what} changed as the story unfolded: {arrow}; an update, not a conflict."
        if diff.relation.note == "lower in the later report":
            return (
                f"The sources give {what} as {arrow}; a running figure that is lower in the later report: "
                "a correction, or a count of something else."
            )
        return (
            f"The sources give {what} as {arrow}; a running figure, so this may be an update "
            "(the sources do not say at what hour or on what day each holds)."
        )
    if diff.reason == "attributed":
        def quoted(c: Sequence[Fact]) -> str:
            said = next((f.source for f in c if f.source), None)
            return f"{c[0].text} ({f'according to {said}, ' if said else ''}{_labels(c)})"

        parts = "; ".join(quoted(c) for c in classes)
        return f"The figures for {what} come from different sources: {parts}."
    if diff.reason == "title_change":
        return (
            f"{what[:1].upper()}{what[1:]} differs: {_listing(classes)}; "
            "titles change over time, so both may have been true when written."
        )
    if diff.reason == "within_source":
        doubt = "; are they of one thing?" if diff.kind == "discrepancy" else "."
        return f"One source gives two values for {what}: {_listing(classes)}{note}{doubt}"
    if diff.kind == "contradiction":
        return f"The sources cannot all be right about {what}: {_listing(classes)}{note}."
    return f"The sources differ on {what}: {_listing(classes)}{note}."


def _informative(group: FactGroup) -> bool:
    """An agreement worth reporting: on a stated value (not only "years", "many") about something named.

    A bound agrees with a date only by containing it ("before the end of May" holds "last April"): that
    says little, so dates agree only when they are bounded alike.
    """
    facts = group.facts
    if isinstance(facts[0].value, Quantity) and all(
        f.value.approximate for f in facts if isinstance(f.value, Quantity)
    ):
        return False
    if len({f.value.qualifier for f in facts if isinstance(f.value, DateSlot)}) > 1:
        return False
    if isinstance(facts[0].value, DateSlot) and len({f.article_id for f in facts if not _vague_date(f.value)}) < 2:
        return False  # "Wednesday" and "recently" agree, but only one of them says when
    return any(f.what.text for f in facts) or not isinstance(facts[0].value, Quantity)


def _vague_date(value: object) -> bool:
    """A time that names no day, month or year and spans months ("recently", "in recent months")."""
    if not isinstance(value, DateSlot):
        return False
    if any(x is not None for x in (value.year, value.month, value.day, value.weekday)):
        return False
    return value.offset is not None and value.offset[1] - value.offset[0] > 60


def _one_figure(a: Value, b: Value) -> bool:
    """Two approximations of one figure ("nearly 9,000", "approximately 9,000"), or the same figure."""
    assert isinstance(a, Quantity) and isinstance(b, Quantity)
    if a.value == b.value:
        return True
    return a.approximate and b.approximate and a.low <= b.high and b.low <= a.high


def _stated(fact: Fact) -> bool:
    """A figure given as a number ("120", "a dozen"), not a word amount ("several", "many", "dozens")."""
    v = fact.value
    return not (isinstance(v, Quantity) and word_amount(v))


def _figures(group: FactGroup) -> list[list[Fact]] | None:
    """A running count that sources give as different figures: one class per figure, in time order.

    "At least 360" and "more than 600" deaths can both be true, but they are
    not one figure: a toll read at two moments. Shown as an agreement, an
    editor would read two numbers "agreed"; it is an update (or may be one,
    where the sources give no dates). Two figures of one source (a headline
    and its body) do not make a difference between sources.
    """
    facts = group.facts
    if len(group.articles) < 2 or not _running(facts):
        return None
    by_figure: dict[float, list[Fact]] = {}
    for f in facts:
        assert isinstance(f.value, Quantity)  # _running: every value is a quantity
        key = next((k for k, c in by_figure.items() if _one_figure(f.value, c[0].value)), f.value.value)
        by_figure.setdefault(key, []).append(f)
    stated = [[f for f in c if _stated(f)] for c in by_figure.values()]
    if not any(x.article_id != y.article_id for a, b in itertools.combinations(stated, 2) for x in a for y in b):
        return None  # one figure (word amounts beside it, "several", "many", say no other)
    return sorted(by_figure.values(), key=lambda c: (_as_of(c) or date.max, c[0].value.value))  # type: ignore[union-attr]


def _classes_and_difference(group: FactGroup, related: Relater) -> tuple[list[list[Fact]], _Difference | None]:
    classes = value_classes(group.facts, related)
    if len(group.articles) > 1:
        by_day = _rising(group)
        if by_day is not None:
            return by_day, _Difference("time_scoped", "update", Relation("differs", "a count that grew"))
    diff = _difference(group, classes, related)
    if diff is not None and diff.kind == "time_scoped":  # an update reads in time order: 0 -> 48 -> 78 -> 213
        classes = sorted(classes, key=lambda c: _as_of(c) or date.max)
    if diff is None and len(classes) == 1 and (figures := _figures(group)) is not None:
        days = [_as_of(c) for c in figures]
        grew = all(days) and len(set(days)) > 1 and all(
            a[0].value.value <= b[0].value.value for a, b in itertools.pairwise(figures)  # type: ignore[union-attr]
        )
        kind: Kind = "time_scoped" if grew else "discrepancy"
        return figures, _Difference(kind, "update", Relation("differs", "a running count given as different figures"))
    return classes, diff


#: Below this probability that its facts are one fact, a group's values are not set against each other:
#: the facts are then more likely about different things than about the same one.
SAME_FACT = 0.5


def _strength(group: FactGroup, a: Sequence[Fact], b: Sequence[Fact]) -> float:
    """How surely two classes of values are about one fact: their strongest cross-article link."""
    links = [group.link(x, y) for x in a for y in b if x.article_id != y.article_id]
    if not links:
        links = [group.link(x, y) for x in a for y in b]
    return max(links, default=0.0)


def _subgroup(group: FactGroup, facts: Sequence[Fact]) -> FactGroup:
    """The group of some of ``group``'s facts, with their links (in the group's order: pairs of its facts)."""
    at = {f.id: i for i, f in enumerate(group.facts)}
    ordered = sorted(facts, key=lambda f: at.get(f.id, len(at)))
    pairs = (frozenset((a.id, b.id)) for a, b in itertools.combinations(ordered, 2))
    links = {k: group.links[k] for k in pairs if k in group.links}  # the class's own pairs, not all of the group's
    article = {f.id: f.article_id for f in facts}
    cross = [v for k, v in links.items() if len({article[i] for i in k}) == 2]
    cohesion = float(sum(cross or links.values()) / max(1, len(cross or links.values()))) if links else group.cohesion
    return FactGroup(tuple(facts), round(cohesion, 4), links)


def _compared(group: FactGroup, classes: list[list[Fact]]) -> tuple[list[list[Fact]], list[list[Fact]]]:
    """The classes that are surely about one fact (linked at :data:`SAME_FACT` or more to the main class,
    directly or through each other), and the classes left apart."""
    if len(classes) < 2 or isinstance(group.facts[0].value, Role):
        return classes, []
    main = max(range(len(classes)), key=lambda i: (len({f.article_id for f in classes[i]}), -i))
    # one source giving two figures of a measure that does not run (a quake's 7.8 and an aftershock's 6.6)
    # tells two facts apart; a running count a source gives twice ("rose from 11 to 600") is its update
    figures = len(group.articles) > 1 and all(isinstance(f.value, Quantity) for f in group.facts)
    apart_by_source = figures and not _running(group.facts)
    kept, todo = {main}, [main]
    while todo:
        i = todo.pop()
        for j in range(len(classes)):
            if j in kept or _strength(group, classes[i], classes[j]) < SAME_FACT:
                continue
            mine = [f for k in kept for f in classes[k]]
            if apart_by_source and not _quoted_apart(mine, classes[j]):
                continue
            kept.add(j)
            todo.append(j)
    return [c for i, c in enumerate(classes) if i in kept], [c for i, c in enumerate(classes) if i not in kept]


def _quoted_apart(a: Sequence[Fact], b: Sequence[Fact]) -> bool:
    """Whether the values of ``a`` and ``b`` may be one measure although a source gives both: no source gives
    both, or one gives them as different authorities' ("Taiwan's agency recorded 7.2 ... the USGS reported
    7.4": one magnitude, two measurers) and none as one authority's. A source giving two figures otherwise
    gives two facts (a quake's 7.8 and its aftershock's 6.6)."""
    shared = {f.article_id for f in a} & {f.article_id for f in b}
    apart = not shared
    for article in shared:
        said_a = {f.source for f in a if f.article_id == article and f.source}
        said_b = {f.source for f in b if f.article_id == article and f.source}
        if said_a & said_b:
            return False
        apart = apart or bool(said_a and said_b)
    return apart


def group_findings(
    group: FactGroup,
    calibrator: Calibrator,
    cluster_of: Mapping[str, str] | None = None,
    siblings: Siblings | None = None,
) -> list[Finding]:
    """The findings about a group of aligned facts: one, or a few when some values stand apart.

    ``siblings`` maps claim ids to all their facts, so a value a claim lists
    beside another is not held against it. Two values are only set against
    each other when the facts holding them are more likely one fact than not
    (:data:`SAME_FACT`, the aligner's pair probability); a class of values
    linked to the rest only weakly stands apart, as an agreement of its own
    when several sources state it.
    """
    related = Relater(group.facts, siblings)
    classes, diff = _classes_and_difference(group, related)
    kept, apart = _compared(group, classes)
    whole = group
    if apart:
        group = _subgroup(whole, [f for c in kept for f in c])
        classes, diff = _classes_and_difference(group, related)
    out: list[Finding] = []
    found = _finding(group, diff, classes, calibrator, cluster_of)
    if found is not None:
        out.append(found)
    rest = _subgroup(whole, [f for cls in apart for f in cls]) if apart else None
    if rest is not None and len(rest.articles) >= 2:
        # the values left apart may be one fact of their own: "a 27-year-old mother" and "a 28-year-old mother",
        # left apart from two sources' "89-year-old woman" that the aligner put in one group with them
        out.extend(group_findings(rest, calibrator, cluster_of, siblings))
    return out


def _finding(
    group: FactGroup,
    diff: _Difference | None,
    classes: list[list[Fact]],
    calibrator: Calibrator,
    cluster_of: Mapping[str, str] | None,
) -> Finding | None:
    if diff is None and (len(classes) > 1 or len(group.articles) < 2 or not _informative(group)):
        return None
    if diff is None and group.cohesion < SAME_FACT:
        return None  # facts more likely about different things than one: no agreement to report either
    kind: Kind = "agreement" if diff is None else diff.kind
    reason: Reason | None = None if diff is None else diff.reason
    what = describe(group.facts)
    first = group.facts[0]
    dtype: DiffType | None = _TYPE.get(first.type)
    if diff is not None and "denies" in diff.relation.note:
        dtype = "negation"
    confidence = calibrator.confidence(kind, reason, group, len(classes))
    claim_ids = tuple(dict.fromkeys(f.claim_id for f in group.facts))
    clusters = {cluster_of.get(c) for c in claim_ids} if cluster_of else {None}
    return Finding(
        id=f"F-{_digest(kind, *(f.id for f in group.facts))}",
        kind=kind,
        type=dtype,
        claim_ids=claim_ids,
        confidence=round(confidence, 4),
        explanation=_explain(what, diff, classes, group),
        cluster_id=next(iter(clusters)) if len(clusters) == 1 else None,
        fact=what,
        values=_values(classes),
        reason=reason,
        note=diff.relation.note or None if diff is not None else None,
        level=calibrator.level(confidence),
        alignment=group.cohesion,
    )
