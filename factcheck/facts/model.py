"""What the fact stage hands on: a claim's checkable facts, each a value about something.

A :class:`Fact` is *what* (:class:`Attribute`: the event or entity and the
attribute measured, dated or named), a typed *value* (a quantity, a date, a
clock time, a place, a set of people, a name, a title, a status), *when* it
holds and *who says so*. Values are normalised so that the judge can compare
them by the rules of their type: quantities are ranges in base units, dates are
day ranges or readings against the publication date, names carry a key with
punctuation and case folded.

:class:`Slots` is the same content without the "what": the bag of values of one
text, which the sentence-pair comparator (``factcheck pairs``) and its learned
scorer read.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from factcheck.schema import Frozen, Span

Modality = Literal["asserted", "planned", "possible", "requested"]
Dimension = Literal[
    "count", "money", "percent", "time", "length", "mass", "area", "speed", "ordinal", "magnitude", "score", "other"
]
Reference = Literal["absolute", "publication", "narrative"]
FactType = Literal["quantity", "date", "time", "place", "people", "name", "title", "status"]

INF = float("inf")
DayRange = tuple[date, date]


class Quantity(Frozen):
    """A number as a range ``[low, high]`` in base units, with what it counts.

    ``unit`` is the base unit ("meter", "second", "percent"), a currency code
    ("USD") or, for plain counts, the noun counted ("people", "lane"). A vague
    or bounded figure ("more than 50", "about 400 m") is a wider range, so two
    figures are compatible when their ranges overlap. ``vague`` is any figure
    that is not a point; ``approximate`` one whose edges are fuzzy ("about",
    "several", "nearly") rather than hard bounds ("more than", "fewer than"):
    a figure just past a hard bound contradicts it, one just past a fuzzy edge
    only differs. A score or a vote ("3-2", "52-48") has dimension ``score``,
    its first number as the value and both in ``tally``; a line of set scores
    ("1-6, 7-6 (8-6), 6-4") is one score whose ``tally`` holds every set's pair in
    order (tie-breaks left out, since outlets often omit them).
    """

    kind: Literal["quantity"] = "quantity"
    text: str
    low: float
    high: float
    value: float
    unit: str | None = None
    dimension: Dimension = "count"
    vague: bool = False
    approximate: bool = False
    tally: tuple[float, ...] | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Quantity:
        if not self.low <= self.high:
            raise ValueError(f"quantity range [{self.low}, {self.high}] is reversed")
        return self


class DateSlot(Frozen):
    """One date expression.

    ``start``/``end`` is the resolved day range when it can be known. A relative
    expression with no publication date keeps ``offset`` (days from publication,
    as a range) and stays unresolved, so the judge can say it cannot tell.

    ``reference`` says what the expression is counted from: ``absolute`` dates
    carry their year; ``publication`` ones ("last week", "Wednesday", "in
    February") are read from the article's date; ``narrative`` ones ("one year
    later", "the next day") from another event of the story, so they are never
    compared with publication-relative ones. ``ranges`` lists the readings a
    resolved expression allows (calendar weeks and months; a bare weekday or
    month may be the last one or the next one); empty means ``(start, end)``.
    ``weekday`` is set for a bare weekday ("on Tuesday"), which agrees with any
    calendar date that falls on it.
    """

    kind: Literal["date"] = "date"
    text: str
    start: date | None = None
    end: date | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relative: bool = False
    resolved: bool = False
    offset: tuple[int, int] | None = None
    qualifier: Literal["before", "by", "after", "since"] | None = None
    reference: Reference = "absolute"
    ranges: tuple[DayRange, ...] = ()


class ClockTime(Frozen):
    """A time of day: minutes after local midnight, as a range, and its zone.

    ``utc_offsets`` lists the zone's possible offsets in minutes (two when daylight
    saving is unknown); empty when no zone is given, so only local times compare.
    ``approximate`` marks a part of a day ("late Tuesday"), whose edges are fuzzy.
    ``weekday`` (0 = Monday) is the day the time names with it ("Tuesday afternoon",
    "7:45 a.m. Tuesday"): the same hour of another day is another time.
    """

    kind: Literal["time"] = "time"
    text: str
    minutes: tuple[int, int]
    zone: str | None = None
    utc_offsets: tuple[int, ...] = ()
    approximate: bool = False
    weekday: int | None = None


class Place(Frozen):
    """A place name, with the countries it may lie in (a city is compatible with its country)."""

    kind: Literal["place"] = "place"
    name: str
    key: str
    countries: tuple[str, ...] = ()
    body: bool = False


class People(Frozen):
    """A group of participants ("American astronauts", "Russian cosmonauts")."""

    kind: Literal["people"] = "people"
    members: tuple[str, ...]


class Name(Frozen):
    """A name as written and its key (case, punctuation and apostrophes folded)."""

    kind: Literal["name"] = "name"
    form: str
    key: str
    label: str | None = None


class Role(Frozen):
    """A title attached to a person in the claim ("deputy prime minister")."""

    kind: Literal["title"] = "title"
    person: str
    title: str


class Status(Frozen):
    """Where a process stands (proposed, agreed, pending, approved, completed, blocked, abandoned)."""

    kind: Literal["status"] = "status"
    stage: str
    lemma: str


Value = Annotated[Quantity | DateSlot | ClockTime | Place | People | Name | Role | Status, Field(discriminator="kind")]


class Attribute(Frozen):
    """What a fact is about, read from the dependency parse.

    ``noun`` is what is counted, measured, dated or named (a lemma: "people",
    "toll", "bridge"); ``event`` the verb or event noun governing it ("kill",
    "collapse", "spacewalk"); ``relation`` a preposition phrase that narrows it
    ("from ankara", "in cash", "per share"); ``subject`` who does the event;
    ``concept`` a general news measure the lemmas map to ("deaths" for "killed",
    "dead", "death toll"); ``measure`` what a quantity's adjective says it
    measures ("long" -> length). ``text`` is the few words a reader sees.
    """

    text: str
    noun: str | None = None
    event: str | None = None
    relation: str | None = None
    subject: str | None = None
    concept: str | None = None
    measure: str | None = None
    lemmas: tuple[str, ...] = ()
    context: str = ""
    window: tuple[tuple[int, int], ...] = ()


class Fact(Frozen):
    """One checkable fact of one claim, with the span of its value in the article file."""

    id: str
    claim_id: str
    article_id: str
    type: FactType
    what: Attribute
    value: Value
    text: str
    span: Span
    as_of: date | None = None
    as_of_text: str | None = None
    source: str | None = None
    negated: bool = False
    modality: Modality = "asserted"


class Slots(Frozen):
    """The typed, normalised values of one text, without what they are about (sentence pairs)."""

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
