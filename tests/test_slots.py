"""Slot extraction: dates, quantities, groups, bodies, roles, negation, modality (model-free path)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from factcheck.facts.dates import extract_dates, resolve_dates_at
from factcheck.facts.model import Slots
from factcheck.facts.quantities import extract_quantities
from factcheck.facts.slots import SlotExtractor, extract_fast


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("They met on Jul 20, 2016 in Moscow.", None, date(2016, 7, 20), date(2016, 7, 20)),
        ("They met on 20 July 2016.", None, date(2016, 7, 20), date(2016, 7, 20)),
        ("Talks are due before the end of May.", date(2022, 5, 3), date(2022, 5, 21), date(2022, 5, 31)),
        ("Plans were announced last April.", date(2017, 6, 1), date(2017, 4, 1), date(2017, 4, 30)),
        ("plans were announced last april", date(2017, 3, 1), date(2016, 4, 1), date(2016, 4, 30)),
        ("The crew arrived last week.", date(2022, 5, 10), date(2022, 5, 2), date(2022, 5, 8)),
        ("The crew arrived earlier this week.", date(2022, 5, 10), date(2022, 5, 9), date(2022, 5, 10)),
        ("The deal was signed last month.", date(2022, 3, 1), date(2022, 2, 1), date(2022, 2, 28)),
        ("The deal was signed last year.", date(2022, 3, 1), date(2021, 1, 1), date(2021, 12, 31)),
        ("It happened in 2014.", None, date(2014, 1, 1), date(2014, 12, 31)),
    ],
)
def test_slots_dates_resolve_against_publication(text: str, published: date | None, start: date, end: date) -> None:
    (slot,) = extract_dates(text, published)
    assert (slot.start, slot.end) == (start, end)
    assert slot.resolved


def test_slots_relative_date_without_publication_stays_unresolved() -> None:
    (slot,) = extract_dates("A crew arrived earlier this week.", None)
    assert slot.relative and not slot.resolved and slot.start is None
    assert slot.offset == (-6, 0)


def test_slots_calendar_weeks_are_disjoint_for_every_weekday() -> None:
    for day in range(7):
        anchor = date(2023, 3, 6 + day)  # Monday 6 March to Sunday 12 March
        (this,) = resolve_dates_at("It landed earlier this week.", anchor)
        (last,) = resolve_dates_at("It landed last week.", anchor)
        assert this.start is not None and last.end is not None
        assert last.end < this.start <= anchor


def test_slots_bare_weekday_and_month_keep_both_readings() -> None:
    (wd,) = extract_dates("The council met on Friday.", date(2023, 3, 8))  # a Wednesday
    assert wd.ranges == ((date(2023, 3, 3), date(2023, 3, 3)), (date(2023, 3, 10), date(2023, 3, 10)))
    (month,) = extract_dates("The council met in October.", date(2023, 3, 8))
    assert [r[0].year for r in month.ranges] == [2022, 2023]


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("The mayor resigned one year later.", "narrative"),
        ("The bridge reopened the next day.", "narrative"),
        ("Talks resumed two weeks after the vote.", "narrative"),
        ("Talks resumed days later.", "narrative"),
        ("Talks resumed last week.", "publication"),
        ("Talks resumed in recent months.", "publication"),
        ("Talks resumed on 3 May 2021.", "absolute"),
    ],
)
def test_slots_dates_know_what_they_count_from(text: str, reference: str) -> None:
    (slot,) = extract_dates(text, None)
    assert slot.reference == reference


def test_slots_vague_windows_grow_with_their_unit() -> None:
    anchor = date(2023, 6, 30)
    (days,) = resolve_dates_at("Prices rose in recent days.", anchor)
    (months,) = resolve_dates_at("Prices rose in recent months.", anchor)
    assert days.end == months.end == anchor
    assert days.start is not None and months.start is not None and months.start < days.start


def test_slots_threats_are_asserted_not_planned() -> None:
    assert extract_fast("The government threatened to cut the funding.").modality == "asserted"
    assert extract_fast("When fines began to be imposed, the firm issued threats to leave.").modality == "asserted"
    assert extract_fast("The firm plans to leave the market.").modality == "planned"


def test_slots_may_the_verb_is_not_a_month() -> None:
    assert extract_dates("The station may crash back to Earth.", None) == ()
    assert extract_fast("The station may crash back to Earth.").modality == "possible"
    assert extract_fast("Talks will be held before the end of May.").modality == "planned"


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("a spacewalk lasting 7 hours and 42 minutes", 27720.0, 27720.0, "second"),
        ("a spacewalk lasting several hours", 7200.0, 32400.0, "second"),
        ("they met for three and a half hours", 12600.0, 12600.0, "second"),
        ("it cost $1.2 billion", 1.2e9, 1.2e9, "USD"),
        ("unemployment rose to 4.5 percent", 4.5, 4.5, "percent"),
        ("the Moon is 384,400 km away", 384_400_000.0, 384_400_000.0, "metre"),
        ("altering nearly 200 ballots", 170.0, 200.0, "ballot"),
        ("there were 1,234 confirmed cases", 1234.0, 1234.0, "case"),
    ],
)
def test_slots_quantities_are_ranges(text: str, low: float, high: float, unit: str) -> None:
    (q,) = extract_quantities(text)
    assert math.isclose(q.low, low) and math.isclose(q.high, high)
    assert q.unit == unit


def test_slots_open_ranges_and_years() -> None:
    (q,) = extract_quantities("The channel has more than 50 subscribers.")
    assert q.low > 50 and q.high == math.inf and q.vague
    assert extract_quantities("It opened in 2014.") == ()
    (r,) = extract_quantities("She placed 42nd in the race.")
    assert r.dimension == "ordinal" and r.value == 42


def test_slots_in_is_not_inches() -> None:
    quantities = extract_quantities("there are 92 cases, 33 in the north")
    assert [q.unit for q in quantities] == ["case", None]


def test_slots_groups_bodies_roles() -> None:
    s = extract_fast("A crew of European and American astronauts arrived at the station.")
    assert s.groups == ("American astronauts", "European astronauts")
    assert extract_fast("NASA plans a human expedition to the earth.").bodies == ("Earth",)
    assert extract_fast("a lunar base and a Martian colony").bodies == ("Mars", "Moon")
    roles = extract_fast("Russian Deputy Prime Minister Dmitry Rogozin said so.").roles
    assert [(r.person, r.title) for r in roles] == [("Dmitry Rogozin", "deputy prime minister")]
    roles = extract_fast("Dmitry Rogozin, the chief executive of Roscosmos, said so.").roles
    assert [(r.person, r.title) for r in roles] == [("Dmitry Rogozin", "chief executive of roscosmos")]


def test_slots_negation_parity() -> None:
    assert extract_fast("The launch did not happen.").negated
    assert not extract_fast("The launch happened.").negated


def test_slots_extractor_batches_and_caches() -> None:
    ex = SlotExtractor(None)
    out = ex.extract(["It rained 3 days.", "It rained 3 days."], [None, None])
    assert out[0] is out[1]
    assert isinstance(out[0], Slots)
    with pytest.raises(ValueError, match="publication dates"):
        ex.extract(["a"], [])


@pytest.mark.slow
def test_slots_spacy_adds_entities_but_not_bodies() -> None:
    from factcheck.nlp import load_spacy

    (s,) = SlotExtractor(load_spacy()).extract(["NASA hopes to send Dmitry Rogozin to the Moon."], [None])
    assert "Dmitry Rogozin" in s.people
    assert "NASA" in s.organisations
    assert s.bodies == ("Moon",)
    assert "Moon" not in s.people
