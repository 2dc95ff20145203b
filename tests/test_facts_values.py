"""Values read without a parse: dates, quantities, clock times, groups, bodies, roles, negation, modality."""

from __future__ import annotations

import math
from datetime import date

import pytest

from factcheck.facts.dates import extract_dates, resolve_dates_at
from factcheck.facts.model import ClockTime, Place, Quantity, Role, Slots
from factcheck.facts.quantities import extract_quantities
from factcheck.facts.slots import SlotExtractor, extract_fast
from factcheck.schema import Claim, Span

from .fact_support import parsed_facts


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
def test_facts_dates_resolve_against_publication(text: str, published: date | None, start: date, end: date) -> None:
    (slot,) = extract_dates(text, published)
    assert (slot.start, slot.end) == (start, end)
    assert slot.resolved


def test_facts_relative_date_without_publication_stays_unresolved() -> None:
    (slot,) = extract_dates("A crew arrived earlier this week.", None)
    assert slot.relative and not slot.resolved and slot.start is None
    assert slot.offset == (-6, 0)


def test_facts_calendar_weeks_are_disjoint_for_every_weekday() -> None:
    for day in range(7):
        anchor = date(2023, 3, 6 + day)  # Monday 6 March to Sunday 12 March
        (this,) = resolve_dates_at("It landed earlier this week.", anchor)
        (last,) = resolve_dates_at("It landed last week.", anchor)
        assert this.start is not None and last.end is not None
        assert last.end < this.start <= anchor


def test_facts_bare_weekday_and_month_keep_both_readings() -> None:
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
def test_facts_dates_know_what_they_count_from(text: str, reference: str) -> None:
    (slot,) = extract_dates(text, None)
    assert slot.reference == reference


def test_facts_vague_windows_grow_with_their_unit() -> None:
    anchor = date(2023, 6, 30)
    (days,) = resolve_dates_at("Prices rose in recent days.", anchor)
    (months,) = resolve_dates_at("Prices rose in recent months.", anchor)
    assert days.end == months.end == anchor
    assert days.start is not None and months.start is not None and months.start < days.start


def test_facts_threats_are_asserted_not_planned() -> None:
    assert extract_fast("The government threatened to cut the funding.").modality == "asserted"
    assert extract_fast("When fines began to be imposed, the firm issued threats to leave.").modality == "asserted"
    assert extract_fast("The firm plans to leave the market.").modality == "planned"


def test_facts_may_the_verb_is_not_a_month() -> None:
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
        ("the Moon is 384,400 km away", 384_400_000.0, 384_400_000.0, "meter"),
        ("altering nearly 200 ballots", 170.0, 200.0, "ballot"),
        ("there were 1,234 confirmed cases", 1234.0, 1234.0, "case"),
        ("several hundred people filed past", 200.0, 900.0, "people"),  # one vague amount, not "several" and 100
        ("a few thousand protesters", 2000.0, 5000.0, "protester"),
        ("more than two dozen ships", 24.0, math.inf, "ship"),
    ],
)
def test_facts_quantities_are_ranges(text: str, low: float, high: float, unit: str) -> None:
    (q,) = extract_quantities(text)
    assert math.isclose(q.low, low, rel_tol=1e-6) and math.isclose(q.high, high, rel_tol=1e-6)
    assert q.unit == unit


def test_facts_an_amount_without_its_noun_is_still_one_amount() -> None:
    (q,) = extract_quantities("Tens of thousands were injured.")
    assert (q.low, q.high, q.vague) == (20_000, 99_999, True)
    (h,) = extract_quantities("dozens of ships")
    assert h.unit == "ship" and h.low == 24


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("It carries hundreds of containers bound for Rotterdam.", "container"),
        ("It is stuck with hundreds of other ships bearing goods.", "ship"),
        ("There are three meeting rooms.", "room"),
    ],
)
def test_facts_a_counted_noun_ends_before_the_words_that_follow_it(text: str, unit: str) -> None:
    (q,) = extract_quantities(text)
    assert q.unit == unit


@pytest.mark.parametrize(
    ("text", "zeros"),
    [
        ("No one was killed in the blast.", ["No one"]),
        ("Nobody died.", ["Nobody"]),
        ("There were no injuries, police said.", ["no injuries"]),
        ("No reported casualties so far.", ["No reported casualties"]),
        ("No serious injuries were reported.", []),  # a qualified zero says nothing of the whole count
        ("No one was seriously hurt.", []),
        ("There were no plans to reopen the road.", []),  # only casualty counts read as zero
        ("It landed with no fatalities nor any reports of injuries.", ["no fatalities", "nor any reports of injuries"]),
        ("No passenger or crew members received any injury.", ["No passenger or crew members"]),
        ("No passengers were injured.", ["No passengers"]),
        ("No other details were released.", []),
        ("There were no casualties, apart from an injured fireman.", []),  # an exception: not a zero
        ("No one was killed except the driver.", []),
        ("No passengers were allowed on board.", []),
    ],
)
def test_facts_a_casualty_count_of_zero_is_a_figure(text: str, zeros: list[str]) -> None:
    found = [q for q in extract_quantities(text) if q.high == 0]
    assert [q.text for q in found] == zeros


@pytest.mark.parametrize(
    ("text", "some"),
    [
        ("The airline said there were only some minor injuries.", ["some minor injuries"]),
        ("Some 300 people died.", []),  # an approximate figure, not "at least one"
        ("Some passengers said they heard a bang.", []),  # only casualty nouns
    ],
)
def test_facts_some_injuries_is_at_least_one(text: str, some: list[str]) -> None:
    found = [q for q in extract_quantities(text) if q.low == 1 and q.high == float("inf")]
    assert [q.text for q in found] == some


def test_facts_open_ranges_and_years() -> None:
    (q,) = extract_quantities("The channel has more than 50 subscribers.")
    assert q.low > 50 and q.high == math.inf and q.vague
    assert extract_quantities("It opened in 2014.") == ()
    (r,) = extract_quantities("She placed 42nd in the race.")
    assert r.dimension == "ordinal" and r.value == 42


def test_facts_in_is_not_inches() -> None:
    quantities = extract_quantities("there are 92 cases, 33 in the north")
    assert [q.unit for q in quantities] == ["case", None]


def test_facts_groups_bodies_roles() -> None:
    s = extract_fast("A crew of European and American astronauts arrived at the station.")
    assert s.groups == ("American astronauts", "European astronauts")
    assert extract_fast("NASA plans a human expedition to the earth.").bodies == ("Earth",)
    assert extract_fast("a lunar base and a Martian colony").bodies == ("Mars", "Moon")
    roles = extract_fast("Russian Deputy Prime Minister Dmitry Rogozin said so.").roles
    assert [(r.person, r.title) for r in roles] == [("Dmitry Rogozin", "deputy prime minister")]
    roles = extract_fast("Dmitry Rogozin, the chief executive of Roscosmos, said so.").roles
    assert [(r.person, r.title) for r in roles] == [("Dmitry Rogozin", "chief executive of roscosmos")]


def test_facts_negation_parity() -> None:
    assert extract_fast("The launch did not happen.").negated
    assert not extract_fast("The launch happened.").negated


def test_facts_extractor_batches_and_caches() -> None:
    ex = SlotExtractor(None)
    out = ex.extract(["It rained 3 days.", "It rained 3 days."], [None, None])
    assert out[0] is out[1]
    assert isinstance(out[0], Slots)
    with pytest.raises(ValueError, match="publication dates"):
        ex.extract(["a"], [])


@pytest.mark.slow
def test_facts_spacy_adds_entities_but_not_bodies() -> None:
    from factcheck.nlp import load_spacy

    (s,) = SlotExtractor(load_spacy()).extract(["NASA hopes to send Dmitry Rogozin to the Moon."], [None])
    assert "Dmitry Rogozin" in s.people
    assert "NASA" in s.organisations
    assert s.bodies == ("Moon",)
    assert "Moon" not in s.people


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "dimension"),
    [
        ("a 400-metre-long ship", 400.0, 400.0, "meter", "length"),
        ("the bridge is 3 miles long", 4828.032, 4828.032, "meter", "length"),
        ("a 200,000-ton vessel", 200_000 * 907.18474, 200_000 * 1016.0469088, "kilogram", "mass"),
        ("winds of 46 mph", 46 * 0.44704, 46 * 0.44704, "meter / second", "speed"),
        ("a magnitude 7.8 earthquake", 7.8, 7.8, "magnitude", "magnitude"),
        ("a 7.8-magnitude quake", 7.8, 7.8, "magnitude", "magnitude"),
        ("all four lanes were closed", 4.0, 4.0, "lane", "count"),
        ("two of the lanes", 2.0, 2.0, "lane", "count"),
        ("a 20-minute call", 1200.0, 1200.0, "second", "time"),
        ("the talks lasted hours", 7200.0, 82800.0, "second", "time"),
        ("it cost £3 million", 3e6, 3e6, "GBP", "money"),
        ("it took two decades", 20 * 31_557_600, 20 * 31_557_600, "second", "time"),  # not pint's log decade
        ("eight centuries old", 800 * 31_557_600, 800 * 31_557_600, "second", "time"),
    ],
)
def test_facts_quantities_convert_with_pint_and_keep_what_they_count(
    text: str, low: float, high: float, unit: str, dimension: str
) -> None:
    (q,) = extract_quantities(text)
    assert math.isclose(q.low, low, rel_tol=1e-6) and math.isclose(q.high, high, rel_tol=1e-6)
    assert (q.unit, q.dimension) == (unit, dimension)


def test_facts_bounds_are_hard_and_approximations_fuzzy() -> None:
    (fewer,) = extract_quantities("fewer than 110 people")
    (about,) = extract_quantities("about 110 people")
    assert fewer.high < 110 and fewer.vague and not fewer.approximate
    assert about.low < 110 < about.high and about.approximate


@pytest.mark.parametrize(
    "text",
    ["COVID-19 spread fast.", "Traffic on Route 66 slowed.", "Update 3: rescuers arrived.", "Flight 1282 landed.",
     "Chandrayaan-3 landed.", "Boeing 737 MAX 9 jets were grounded.", "Flight 1282, a 737 MAX 9, landed."],
)  # fmt: skip
def test_facts_numbers_in_labels_and_names_are_not_figures(text: str) -> None:
    assert extract_quantities(text) == ()


def test_facts_a_hyphenated_magnitude_is_a_reading_not_a_label() -> None:
    """AP style writes "a magnitude-7.6 temblor": the hyphen joins the scale, not a name ("Chandrayaan-3")."""
    (q,) = extract_quantities("A magnitude-7.6 temblor slammed the area.")
    assert (q.text, q.value, q.dimension) == ("7.6", 7.6, "magnitude")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("It has blocked the canal for nearly a week.", 0.85 * 604_800, 604_800),
        ("The talks lasted an hour.", 3600, 3600),
    ],
)
def test_facts_one_unit_of_time_written_with_an_article(text: str, low: float, high: float) -> None:
    (q,) = extract_quantities(text)
    assert (q.dimension, q.low, q.high) == ("time", pytest.approx(low), pytest.approx(high))


def test_facts_an_article_before_a_unit_is_not_always_a_duration() -> None:
    assert all(q.high != 31_557_600 for q in extract_quantities("They stayed for a year and a half."))
    assert extract_quantities("He went for a walk.") == ()


def test_facts_a_measure_after_a_name_is_a_figure_not_a_label() -> None:
    (q,) = extract_quantities("It landed back in Portland 20 minutes after taking off.")
    assert (q.text, q.low, q.dimension) == ("20 minutes", 1200, "time")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Thousands also sustained injuries.", 2_000, 99_999),
        ("Hundreds were killed.", 200, 999),
        ("There were no casualties, apart from an injured fireman.", 1, 1),
        ("A wounded soldier was taken to hospital.", 1, 1),
    ],
)
def test_facts_casualty_amounts_without_digits(text: str, low: float, high: float) -> None:
    (q,) = extract_quantities(text)
    assert (q.low, q.high) == (low, high)
    assert q.unit is None or q.unit != "also"


def test_facts_clock_times_are_not_counts() -> None:
    from factcheck.facts.times import find_all_times, time_spans

    text = "The 7:45 a.m. train carried 300 people."
    (q,) = extract_quantities(text, time_spans(text))
    assert q.value == 300
    ((t, _, _),) = find_all_times(text)
    assert t.minutes == (465, 465)


def test_facts_time_zones_give_utc_offsets_with_daylight_saving() -> None:
    from factcheck.facts.times import find_times

    summer, winter = date(2022, 7, 1), date(2022, 11, 16)
    ((pt, _, _), (et, _, _)) = find_times("at 9:02 a.m. PT, or 12:02 p.m. ET", summer)
    assert pt.utc_offsets == (-420,) and et.utc_offsets == (-240,)
    ((pt_w, _, _),) = find_times("at 9:02 a.m. PT", winter)
    assert pt_w.utc_offsets == (-480,)
    ((unknown, _, _),) = find_times("at 9:02 a.m. PT", None)
    assert unknown.utc_offsets == (-480, -420)
    # "Eastern time", "Pacific Daylight Time": the zone's own words, not a noun the time is of
    ((eastern, _, _),) = find_times("a little after 11:20 p.m. Eastern time.", date(2024, 9, 26))
    assert (eastern.text, eastern.utc_offsets) == ("11:20 p.m. Eastern time", (-240,))
    ((pdt, _, _),) = find_times("at 9:02 a.m. Pacific Daylight Time on Wednesday", summer)
    assert (pdt.text, pdt.utc_offsets) == ("9:02 a.m. Pacific Daylight Time", (-420,))


def test_facts_a_bare_hour_covers_what_rounds_to_it() -> None:
    from factcheck.facts.times import find_times

    ((four, _, _),) = find_times("at 4pm local time")
    assert four.minutes == (15 * 60 + 30, 16 * 60 + 29)  # 4:30 rounds to 5, so it is not "4pm"


def test_facts_local_time_takes_the_zone_of_the_places_an_article_names() -> None:
    from factcheck.facts.extract import FactExtractor
    from factcheck.parse import parse_texts
    from factcheck.schema import Claim, Span

    texts = [
        "Paris firefighters were honoured in Paris on Thursday.",
        "The ceremony at Paris City Hall starts at 4pm local time.",
    ]
    claims = [
        Claim(id=f"a:{i}", article_id="a", text=t, span=Span(start=100 * i, end=100 * i + len(t)))
        for i, t in enumerate(texts)
    ]
    facts = FactExtractor().extract(claims, parse_texts(texts, None), [date(2019, 4, 18)] * 2)
    (local,) = [f.value for f in facts[1] if f.type == "time"]
    assert local.utc_offsets == (120,)  # Paris in April: summer time
    from factcheck.facts.zones import article_zone, zone_of

    assert zone_of("Turkey") == "Europe/Istanbul" and zone_of("Nowhere-upon-Sea") is None
    assert article_zone([*facts[0], *facts[1]]) == "Europe/Paris" and article_zone(facts[1]) is None


def test_facts_a_zone_inside_a_clock_time_is_not_a_name() -> None:
    from factcheck.facts.extract import FactExtractor
    from factcheck.parse import parse_texts
    from factcheck.schema import Claim, Span

    text = "Anne Hidalgo will honour the firefighters in a ceremony from 2.30pm GMT outside the city hall."
    claim = Claim(id="a:0", article_id="a", text=text, span=Span(start=0, end=len(text)))
    (facts,) = FactExtractor().extract([claim], parse_texts([text], None), [date(2019, 4, 18)])
    assert {f.text for f in facts if f.type == "time"} == {"2.30pm GMT"}
    assert "GMT" not in {f.text for f in facts if f.type == "name"}


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Two police officers and a firefighter were injured in the fire.", 3.0),
        ("Three soldiers and two civilians were killed, officials said.", 5.0),
        ("Two officers and firefighters were hurt.", None),  # one part has no count: no sum
        ("The company sold 3 ships and 40 trucks last year.", None),  # unlike things: no sum
    ],
)
def test_facts_conjoined_counts_of_people_add_up(text: str, total: float | None) -> None:
    from factcheck.facts.extract import FactExtractor
    from factcheck.nlp import load_spacy
    from factcheck.parse import parse_texts

    claim = Claim(id="a:0", article_id="a", text=text, span=Span(start=0, end=len(text)))
    (facts,) = FactExtractor().extract([claim], parse_texts([text], load_spacy()), [date(2019, 4, 18)])
    sums = [f.value.low for f in facts if f.what.text.endswith("(total)")]
    assert sums == ([] if total is None else [total])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Microsoft did not agree to buy 10 studios.", True),  # the governor's negation reaches its infinitive
        ("The team did not find 12 bodies.", True),
        # a clause hung on a negated verb across a comma, or one it reports, is not denied
        ("The team found two bodies, however, these identifications have not been formally confirmed.", False),
        ("Officials did not say that 12 people died.", False),
        # a figure in a phrase inside another is not what the verb denies
        ("Cranes tried to lift the last coach rescuers have not reached among the wreckage of three trains.", False),
        ("Rescuers did not find the bodies of 12 people.", True),
    ],
)
def test_facts_negation_reaches_only_the_verb_it_belongs_to(text: str, negated: bool) -> None:
    from factcheck.facts.extract import FactExtractor
    from factcheck.nlp import load_spacy
    from factcheck.parse import parse_texts

    claim = Claim(id="a:0", article_id="a", text=text, span=Span(start=0, end=len(text)))
    (facts,) = FactExtractor().extract([claim], parse_texts([text], load_spacy()), [date(2024, 4, 6)])
    assert [f.negated for f in facts if f.type == "quantity"] == [negated]


@pytest.mark.slow
def test_facts_a_figure_of_an_earlier_event_named_with_its_year_holds_as_of_that_year() -> None:
    """ "The 1999 quake, which killed 17,000" is not this quake's toll: it holds as of 1999."""
    from factcheck.facts.extract import FactExtractor
    from factcheck.nlp import load_spacy
    from factcheck.parse import parse_texts

    texts = [
        "The 1999 quake, which killed 17,000 people, was worse.",
        "The toll has surpassed that in a 2011 quake off Japan that caused a tsunami, killing more than 18,400 people.",
        "It is the deadliest quake since 2016 when a 7.3 magnitude one struck in Kumamoto, killing more than 220.",
        "The quake killed 17,000 people.",
    ]
    claims = [Claim(id=f"a:{i}", article_id="a", text=t, span=Span(start=0, end=len(t))) for i, t in enumerate(texts)]
    earlier, fukushima, kumamoto, this = FactExtractor().extract(
        claims, parse_texts(texts, load_spacy()), [date(2023, 2, 9)] * 4
    )
    assert [f.as_of for f in kumamoto if f.type == "quantity"] == [date(2016, 12, 31)] * 2
    assert [f.as_of for f in earlier if f.type == "quantity"] == [date(1999, 12, 31)]
    assert [f.as_of for f in fukushima if f.type == "quantity"] == [date(2011, 12, 31)]
    assert [f.as_of for f in this if f.type == "quantity"] == [date(2023, 2, 9)]


def test_facts_a_time_keeps_the_weekday_written_with_it() -> None:
    """ "Tuesday afternoon" and "Wednesday afternoon" are not one time; "4:10 p.m. on Monday" is Monday's."""
    from factcheck.facts.times import find_all_times
    from factcheck.judge.values import compare_times

    def one(text: str) -> ClockTime:
        ((t, _, _),) = find_all_times(text)
        return t

    tuesday, wednesday = one("the Coast Guard said Tuesday afternoon"), one("it said Wednesday afternoon")
    assert (tuesday.weekday, wednesday.weekday) == (1, 2)
    assert compare_times(tuesday, wednesday).kind == "conflict"
    assert compare_times(tuesday, one("it said Tuesday afternoon")).kind == "same"
    assert one("It struck at 4:10 p.m. on Monday.").weekday == 0
    assert one("About 7:45 a.m. Tuesday, winds raged").weekday == 1
    assert one("at 9 a.m. local time").weekday is None
    assert compare_times(one("at 4:10 p.m."), one("It struck at 4:10 p.m. on Monday.")).kind == "same"


def test_facts_local_time_against_gmt_compares_in_utc() -> None:
    from factcheck.facts.times import find_times, zone_offsets
    from factcheck.judge.values import compare_times

    ((gmt, _, _),) = find_times("a ceremony from 2.30pm GMT")
    ((local, _, _),) = find_times("at 4pm local time")
    paris = local.model_copy(update={"utc_offsets": zone_offsets("Europe/Paris", date(2019, 4, 18))})
    assert compare_times(gmt, local).kind != "same"  # unknown zone: compared as wall clocks, an hour and more apart
    assert compare_times(gmt, paris).kind == "differs"  # 14:30 UTC is 4:30pm in Paris, not 4pm
    assert compare_times(gmt, paris.model_copy(update={"utc_offsets": (60,)})).kind == "same"  # in winter it would be


def test_facts_parts_of_a_day_are_fuzzy_local_ranges() -> None:
    from factcheck.facts.times import find_all_times

    ((late, _, _),) = find_all_times("The ship ran aground late Tuesday.")
    assert late.approximate and late.minutes[0] >= 17 * 60
    texts = [t.text for t, _, _ in find_all_times("It struck early Tuesday, at 1:28 a.m.")]
    assert texts == ["early Tuesday", "1:28 a.m."]


def test_facts_bare_weekday_is_kept() -> None:
    (d,) = extract_dates("The fire broke out on Tuesday.", date(2024, 3, 27))
    assert d.weekday == 1 and d.start == date(2024, 3, 26)


def test_facts_a_bound_at_the_other_figure_is_a_discrepancy_and_past_it_a_conflict() -> None:
    from factcheck.judge.values import compare_quantities

    (four_hundred,) = extract_quantities("400 firefighters")
    (more,) = extract_quantities("more than 400 firefighters")
    (fewer,) = extract_quantities("fewer than 110 people")
    (many,) = extract_quantities("112 people")
    assert compare_quantities(four_hundred, more).kind == "differs"  # the bound's own edge: an editor looks
    assert compare_quantities(fewer, many).kind == "conflict"  # past the bound: both cannot be true


def test_facts_figures_in_one_ambiguous_unit_share_its_size() -> None:
    """A ton is a short ton or a tonne, but "200,000-ton" and "220,000 tons" are in the same ton: they clash.
    Against "200,000 tonnes" a ton figure may be either ton; feet written two ways are still feet."""
    from factcheck.judge.values import compare_quantities

    (two,) = extract_quantities("the 200,000-ton ship")
    (two_twenty,) = extract_quantities("it weighs 220,000 tons")
    (tonnes,) = extract_quantities("it weighs 200,000 tonnes")
    (feet,) = extract_quantities("a 1,312 feet long ship")
    (foot,) = extract_quantities("the 430-foot ship")
    assert compare_quantities(two, two_twenty).kind == "conflict"
    assert compare_quantities(extract_quantities("200,000 tons")[0], tonnes).kind == "compatible"
    assert compare_quantities(feet, foot).kind == "conflict"


def test_facts_a_lower_bound_far_below_the_figure_is_a_discrepancy_near_it_compatible() -> None:
    from factcheck.judge.values import compare_quantities

    (least,) = extract_quantities("at least 150 ships")
    (count,) = extract_quantities("422 ships")
    (over,) = extract_quantities("more than 60,000 people")
    (near,) = extract_quantities("more than 62,900 people")
    assert compare_quantities(least, count).kind == "differs"
    assert compare_quantities(count, least).kind == "differs"
    assert compare_quantities(over, near).kind == "compatible"


@pytest.mark.parametrize(
    ("bound", "figure", "kind"),
    [
        ("more than 400 firefighters", "some 600 firefighters", "differs"),  # past the next hundred
        ("more than 400 firefighters", "around 450 firefighters", "compatible"),
        ("more than 2,000 people", "2,122 people", "compatible"),
        ("at least 261 people", "288 people", "compatible"),  # a precise bound sets no ceiling
    ],
)
def test_facts_a_round_bound_passed_by_a_step_of_its_roundness_differs(bound: str, figure: str, kind: str) -> None:
    """A writer who knew of 600 firefighters would not write "more than 400": an editor looks."""
    from factcheck.judge.values import compare_quantities

    (a,) = extract_quantities(bound)
    (b,) = extract_quantities(figure)
    assert compare_quantities(a, b).kind == kind


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "value", "measure", "relation"),
    [
        ("The 220,000-ton ship moved on Sunday.", "220,000-ton", "weight", None),
        ("Evergreen, which leases the 430-foot Ever Given, said so.", "430-foot", "length", None),
        ("They spoke in a 20-minute call.", "20-minute", "duration", None),
        ("It landed about twenty minutes after takeoff.", "about twenty minutes", None, "after takeoff"),
        ("It was centered about 60 miles from the Syrian border.", "about 60 miles", None, "from syrian border"),
        # a compass point says which way, not what from: both are the distance from the entrance
        ("It stuck six kilometers north of the south entrance.", "six kilometers", None, "from south entrance"),
    ],
)
def test_facts_attribute_of_a_measure_before_its_noun_or_an_offset(
    sentence: str, value: str, measure: str | None, relation: str | None
) -> None:
    from factcheck.facts.attribute import attribute_of
    from factcheck.nlp import load_spacy

    start = sentence.index(value)
    what = attribute_of(load_spacy()(sentence), start, start + len(value))
    assert what.text, "a figure with nothing it is about cannot be aligned"
    assert what.measure == measure
    assert what.relation == relation
    assert what.event is None or measure is None  # a ship's weight is not a figure of its moving


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Luckily, there were no injuries on the flight.", "no injuries"),
        ("It landed with nor any reports of injuries.", "nor any reports of injuries"),
        ("The airline said there were only some minor injuries among passengers.", "some minor injuries"),
    ],
)
def test_facts_a_count_that_names_its_noun_is_about_that_noun(sentence: str, value: str) -> None:
    """ "No injuries" counts injuries whatever verb or subject the sentence has, so it meets "30 injured"."""
    from factcheck.facts.attribute import attribute_of
    from factcheck.nlp import load_spacy

    start = sentence.index(value)
    what = attribute_of(load_spacy()(sentence), start, start + len(value))
    assert what.concept == "injured"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "value", "noun", "part"),
    [
        # one number over two nouns counts both: not a count of passengers, so never held against "171 passengers"
        ("There were 177 passengers and crew on the flight.", "177", "passenger", "counted together"),
        ("The bus carried 40 adults and children.", "40", "adult", "counted together"),
        # a conjunct with a number or an article of its own is counted on its own
        ("All 171 passengers and 6 crew were safe.", "171", "passenger", None),
        ("Two police officers and a firefighter were hurt.", "Two", "police officer", None),
        # "hundreds of containers": the noun after "of" is what the vague amount counts
        ("It is carrying hundreds of containers bound for Rotterdam.", "hundreds of", "container", None),
        # the same after a word of the figure the parser reads as a preposition ("around 250")
        ("Macron told around 250 of the firefighters at the palace.", "around 250", "firefighter", None),
        # shares worth an amount are a deal's stock part; the price the shares reach is not a part at all
        ("Harborline shares worth $900 million will go to the sellers.", "$900 million", "harborline share", "stock"),
        ("Shares of Activision were up nearly 38% to $65.39 before trading was halted.", "$65.39", "share", None),
    ],
)
def test_facts_what_a_count_counts(sentence: str, value: str, noun: str, part: str | None) -> None:
    from factcheck.facts.attribute import attribute_of
    from factcheck.facts.model import Fact
    from factcheck.facts.quantities import find_quantities
    from factcheck.judge.align import part_of
    from factcheck.nlp import load_spacy
    from factcheck.schema import Span

    start = sentence.index(value)
    what = attribute_of(load_spacy()(sentence), start, start + len(value))
    assert what.noun == noun
    ((q, _, _),) = [x for x in find_quantities(sentence) if x[1] <= start < x[2]]
    fact = Fact(
        id="f", claim_id="c", article_id="a", type="quantity", what=what, value=q, text=q.text,
        span=Span(start=start, end=start + len(value)),
    )  # fmt: skip
    assert part_of(fact) == part


@pytest.mark.slow
def test_facts_a_clock_time_before_its_weekday_stays_in_the_sentence_tree() -> None:
    """The small parser ends a sentence at "a.m."; the time would then be about nothing."""
    from factcheck.facts.attribute import attribute_of
    from factcheck.nlp import load_spacy

    nlp = load_spacy()
    sentence = "About 7:45 a.m. Tuesday, as strong winds raged, the ship plowed into the bank."
    doc = nlp(sentence)
    assert len(list(doc.sents)) == 1
    assert attribute_of(doc, 0, len("About 7:45 a.m.")).text
    assert len(list(nlp("It happened at 9 a.m. The police came later.").sents)) == 2


def test_facts_context_window_is_the_words_around_the_value_in_the_claim() -> None:
    """The aligner embeds a fact's context from its claim's own pass: the window must name exactly those words."""
    from factcheck._text import window_text
    from factcheck.facts.extract import FactExtractor
    from factcheck.nlp import load_spacy
    from factcheck.parse import parse_texts

    text = (
        "Officials said on Tuesday that the container ship, which weighs 220,000 tons, had been moved "
        "about 30 degrees by tugboats working through the night near the southern end of the canal."
    )
    claim = Claim(id="a:0", article_id="a", text=text, span=Span(start=0, end=len(text)))
    (facts,) = FactExtractor().extract([claim], parse_texts([text], load_spacy()), [date(2021, 3, 28)])
    weight = next(f for f in facts if f.text.startswith("220,000"))
    (left_start, left_end), (right_start, right_end) = weight.what.window
    assert text[left_end:right_start] == weight.text  # the value itself is left out
    assert (left_start == 0 or text[left_start - 1] == " ") and text[right_end] == " "  # whole words only
    assert all(window_text(text, f.what.window) == f.what.context for f in facts)


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Paris", "France", "compatible"),  # a city and its country
        ("Yekaterinburg", "Russia", "compatible"),
        ("Portland", "Oregon", "compatible"),  # a US city and its state
        ("Ontario", "California", "compatible"),
        ("Portland", "California", "incomparable"),  # two places of one country: the gazetteer cannot tell
        ("Paris", "Russia", "differs"),
        ("Kennedy Space Center", "Kennedy Space Center Florida", "compatible"),
    ],
)
def test_facts_places_agree_only_where_one_holds_the_other(a: str, b: str, kind: str) -> None:
    """ "Portland" is not "California" though both lie in the US (a flight's origin and destination)."""
    from factcheck.facts.model import Place
    from factcheck.judge.values import compare_places

    assert compare_places(Place(name=a, key=a.lower()), Place(name=b, key=b.lower())).kind == kind


@pytest.mark.slow
def test_attribute_a_counted_noun_keeps_its_own_event_and_the_place_it_is_narrowed_to() -> None:
    """ "12,873 people killed in Turkey" counts deaths in Turkey, whatever the sentence's verb; "31 people died in
    Wajima, 22 in Suzu" gives each town's toll; "killed in the quake" names no place; "22 others" adds to a count."""
    from factcheck.facts.attribute import attribute_of
    from factcheck.nlp import load_spacy

    nlp = load_spacy()

    def of(text: str, value: str) -> tuple[str | None, str | None, str | None]:
        doc = nlp(text)
        start = text.index(value)
        what = attribute_of(doc, start, start + len(value))
        return what.event, what.concept, what.relation

    addition = "In addition to 12,873 people killed in Turkey, the agency said more than 62,900 were injured."
    assert of(addition, "12,873") == ("kill", "deaths", "in Turkey")
    assert of("In addition to the thousands killed in Turkey, the agency said more.", "thousands")[:2] == (
        "kill",
        "deaths",
    )
    towns = "According to the city governments, 31 people died in Wajima, 22 in Suzu."
    assert of(towns, "31")[2] == "in Wajima"
    assert of(towns, "22")[2] == "in Suzu"
    assert of("At least 41 people were killed in the quake.", "41")[2] is None
    # a count on top of another is not a total: "22 others", "five more"; "more than 400" is a bound
    assert of("Twenty-two others have been identified.", "Twenty-two")[2] == "more"
    assert of("Five more people were rescued on Friday.", "Five")[2] == "more"
    assert of("More than 400 firefighters battled the blaze.", "400")[2] is None


def test_facts_a_namesake_of_a_moon_is_a_place_only_in_a_claim_about_space() -> None:
    """ "OceanGate, which owns the Titan" names a submersible; "the probe flew past Titan" names Saturn's moon."""
    from factcheck.facts.extract import FactExtractor
    from factcheck.parse import parse_texts

    texts = ["OceanGate, which owns the Titan, said the crew had been lost.", "The probe flew past Titan in 2005."]
    claims = [Claim(id=f"a:{i}", article_id="a", text=t, span=Span(start=0, end=len(t))) for i, t in enumerate(texts)]
    sub, moon = FactExtractor().extract(claims, parse_texts(texts, None), [date(2023, 6, 22)] * 2)
    bodies = [[f.text for f in facts if isinstance(f.value, Place) and f.value.body] for facts in (sub, moon)]
    assert bodies == [[], ["Titan"]]


def test_facts_a_score_or_a_tally_is_its_own_value() -> None:
    """ "Made it 3-2" and "a 3-3 draw" are scores, "voted 52-48" a tally: never the count 3 or 52; two scores
    agree only when both numbers do; ranges rise."""
    from factcheck.judge.values import compare_quantities

    two, minutes = extract_quantities("Messi made it 3-2 after 108 minutes")
    (three,) = extract_quantities("following a 3-3 draw")
    assert (two.dimension, two.tally, minutes.dimension) == ("score", (3, 2), "time")
    assert compare_quantities(two, three).kind == "conflict"
    assert compare_quantities(three, extract_quantities("it finished 3-3")[0]).kind == "same"
    assert compare_quantities(three, extract_quantities("3 goals")[0]).kind == "incomparable"
    (aged,) = extract_quantities("people aged 18-25")
    assert (aged.low, aged.high, aged.dimension) == (18, 25, "count")
    from factcheck.judge.findings import _quantity

    assert _quantity(two) == "3-2"


def test_facts_a_line_of_set_scores_is_one_score_of_the_match() -> None:
    """ "Beat Djokovic 1-6, 7-6 (8-6), 6-1, 3-6, 6-4" is the match's score, not five figures: "3-6" is no range
    that "in five sets" falls in, and one set's "6-4" is neither that line's agreement nor its conflict; a
    line of rising pairs is still ranges ("aged 18-25, 30-40")."""
    from factcheck.judge.findings import _quantity
    from factcheck.judge.values import compare_quantities

    (line,) = extract_quantities("Alcaraz beat Djokovic 1-6, 7-6 (8-6), 6-1, 3-6, 6-4 on Sunday.")
    assert (line.dimension, line.tally) == ("score", (1, 6, 7, 6, 6, 1, 3, 6, 6, 4))
    assert _quantity(line) == "1-6, 7-6, 6-1, 3-6, 6-4"
    (spaced,) = extract_quantities("She won 4-6 6-3 6-2 in the final.")
    assert spaced.tally == (4, 6, 6, 3, 6, 2)
    (one_set, _hours) = extract_quantities("Alcaraz won the final set 6-4 after almost five hours")
    assert compare_quantities(line, one_set).kind == "incomparable"
    assert compare_quantities(line, extract_quantities("in five sets")[0]).kind == "incomparable"
    (other,) = extract_quantities("Alcaraz beat Djokovic 1-6, 7-6, 6-1, 3-6, 6-3.")
    assert compare_quantities(line, other).kind == "conflict"
    assert compare_quantities(line, extract_quantities("won 1-6, 7-6 (6), 6-1, 3-6, 6-4")[0]).kind == "same"
    assert [q.dimension for q in extract_quantities("people aged 18-25, 30-40")] == ["count", "count"]


def test_facts_a_figure_restated_in_another_unit_is_one_figure() -> None:
    """ "About six kilometers (3.7 miles)" and "a 1,312-foot (400-meter) ship" are one figure each, written twice;
    a restatement that is no conversion ("3 miles (10 km)") and two measures ("two degrees, or 100 feet") stay."""
    texts = {
        "It got stuck about six kilometers (3.7 miles) north of the entrance.": ["about six kilometers"],
        "the 1,312-foot (400-meter) ship": ["1,312-foot"],
        "winds of 46 mph (74 km/h)": ["46 mph"],
        "six kilometers, or 3.7 miles, from Suez": ["six kilometers"],
        "just two degrees, or about 100 feet": ["two", "about 100 feet"],
        "3 miles (10 km) away": ["3 miles", "10 km"],
        "400 meters (1,312 feet) long and 59 meters (193 feet) wide": ["400 meters", "59 meters"],
    }
    assert {t: [q.text for q in extract_quantities(t)] for t in texts} == texts


def test_facts_a_distance_with_its_conversion_is_still_from_its_place() -> None:
    """ "About six kilometers (3.7 miles) north of the southern entrance": the parser hangs "north" on the
    measure once a parenthesis stands between them; the figure is still the distance from the entrance, like
    "about 6 kilometers north of the southern entrance"; and "the 120-mile waterway" is the canal's length."""
    texts = [
        "It got stuck in a stretch of the canal, about six kilometers (3.7 miles) north of the southern entrance.",
        "The ship got wedged about 6 kilometers north of the southern entrance.",
        "It entered the Suez Canal, the 120-mile waterway that links the Red Sea to the Mediterranean.",
    ]
    (paren,), (plain,), (canal,) = ([f for f in facts if f.type == "quantity"] for facts in parsed_facts(texts, None))
    assert (paren.text, paren.what.noun) == ("about six kilometers", None)
    assert paren.what.relation == "from southern entrance"
    assert plain.what.relation == paren.what.relation and plain.what.concept == paren.what.concept == "distance"
    assert (canal.what.concept, canal.what.noun) == ("length", "waterway")


def test_facts_a_figure_of_another_one_of_a_kind_is_not_the_main_ones() -> None:
    """ "A second earthquake with a magnitude of 6.4" and "a separate 5.6 magnitude temblor" are other quakes'
    magnitudes (their own part, never set against the 7.7 of the main one); "a 6.4-magnitude aftershock" is a
    magnitude, not a count of aftershocks, and "a 20-minute rescue" a duration."""
    from factcheck.judge.align import bucket

    texts = [
        "Shortly after, a second earthquake with a magnitude of 6.4 hit the same region.",
        "A separate 5.6 magnitude temblor was also reported near the town.",
        "A magnitude 7.7 earthquake struck central Myanmar on Friday.",
        "A 6.4-magnitude aftershock hit the same area minutes later.",
        "Rescuers freed them after a 20-minute rescue.",
    ]
    second, separate, main, aftershock, rescue = (
        next(f for f in facts if f.type == "quantity") for facts in parsed_facts(texts, None)
    )
    assert bucket(second) == bucket(separate) == "q:magnitude:another" != bucket(main)
    assert (aftershock.what.concept, main.what.concept, rescue.what.concept) == ("magnitude", "magnitude", "duration")


def test_facts_a_bound_at_a_figure_in_words_is_no_word_amount() -> None:
    """ "Hundreds of ships" and "several hundred people" are amounts told in words; "over one million homes" is a
    floor at a figure that happens to be written in words, so beside "more than 50,000" it is a second floor,
    not a vague amount that agrees with anything inside it."""
    from factcheck.facts.quantities import word_amount
    from factcheck.judge.values import compare_quantities

    told = {t: word_amount(extract_quantities(t)[0]) for t in ("hundreds of ships", "several hundred people",
            "Tens of thousands", "Over one million homes", "about a dozen", "more than two dozen")}  # fmt: skip
    in_words = ["hundreds of ships", "several hundred people", "Tens of thousands"]
    assert [t for t, words in told.items() if words] == in_words
    million, fifty = extract_quantities("Over one million homes")[0], extract_quantities("more than 50,000 homes")[0]
    assert compare_quantities(million, fifty).kind == "differs"


def test_values_a_number_written_as_a_word_is_rounded_like_its_digits() -> None:
    """ "Two goals in two minutes" and "97 seconds later": two minutes, rounded, is 97 seconds."""
    from factcheck.judge.values import compare_quantities

    (seconds,) = extract_quantities("97 seconds later")
    (minutes,) = extract_quantities("two goals in two minutes")[1:]
    assert compare_quantities(seconds, minutes).kind == "same"


@pytest.mark.slow
def test_facts_a_title_is_an_appositions_head_up_to_the_next_person() -> None:
    """ "Ned Segal, chief financial officer, and Vijaya Gadde, head of legal policy" gives each their own title;
    "Bankman-Fried: key moments leading up to the founder's trial" gives none; "U.S. District Judge" is "Judge"."""
    from factcheck.facts.extract import FactExtractor
    from factcheck.judge.values import same_title
    from factcheck.nlp import load_spacy
    from factcheck.parse import parse_texts

    texts = [
        "Musk fired Ned Segal, chief financial officer, and Vijaya Gadde, head of legal policy, trust, and safety.",
        "Sam Bankman-Fried: key moments leading up to FTX founder's trial",
        "It will play a key role, said Satya Nadella, chairman and CEO of Microsoft.",
    ]
    claims = [Claim(id=f"a:{i}", article_id="a", text=t, span=Span(start=0, end=len(t))) for i, t in enumerate(texts)]
    fired, moments, said = FactExtractor().extract(claims, parse_texts(texts, load_spacy()), [date(2022, 10, 28)] * 3)
    assert [f.value.title for f in said if isinstance(f.value, Role)] == ["chairman and ceo of microsoft"]
    titles = {f.value.person: f.value.title for f in fired if isinstance(f.value, Role)}
    assert titles == {"Ned Segal": "chief financial officer", "Vijaya Gadde": "head of legal policy, trust, and safety"}
    assert [f for f in moments if f.type == "title"] == []
    assert same_title("Judge", "U.S. District Judge") and same_title("US District Judge", "U.S. District Judge")
    assert same_title("our CEO", "CEO of OceanGate")  # a quote's possessive is not part of the title


@pytest.mark.slow
def test_facts_two_forecasts_differ_but_never_contradict() -> None:
    """Analysts polled by one firm for one quarter ("expecting revenue of $7.15 billion") and another's poll
    ("analysts had expected $6.5 billion"): a difference to look at, not a contradiction; two reported
    figures that far apart are one."""
    from factcheck.judge.values import relate

    texts = [
        "Analysts polled by Refinitiv are expecting revenue of $7.15 billion.",
        "Analysts were forecasting a weaker quarter, expecting $6.5 billion.",
        "Revenue was $7.15 billion in the quarter.",
        "Revenue was $6.5 billion in the quarter.",
    ]
    poll, other, actual, low = (next(f for f in fs if f.type == "quantity") for fs in parsed_facts(texts, None))
    assert relate(poll, other).kind == "differs"
    assert relate(actual, low).kind == "conflict"


@pytest.mark.slow
def test_facts_a_value_asked_for_is_never_held_against_what_happened() -> None:
    """ "Prosecutors had sought 40 to 50 years" and "sentenced to 25 years": a request, not a contradiction."""
    from factcheck.facts.extract import FactExtractor
    from factcheck.judge.values import relate
    from factcheck.nlp import load_spacy
    from factcheck.parse import parse_texts

    texts = ["Prosecutors had sought a sentence of 40 to 50 years.", "The judge imposed a sentence of 25 years."]
    claims = [Claim(id=f"c{n}", article_id=f"{n}", text=t, span=Span(start=0, end=len(t))) for n, t in enumerate(texts)]
    sought, imposed = (
        [f for f in facts if f.type == "quantity"]
        for facts in FactExtractor().extract(claims, parse_texts(texts, load_spacy()), [date(2024, 3, 28)] * 2)
    )
    assert [f.modality for f in (*sought, *imposed)] == ["requested", "asserted"]
    assert relate(sought[0], imposed[0]).kind == "incomparable"
    # an attempt is not what happened either: "tried to withdraw his offer" against "the deal closed"
    texts = ["Musk tried to withdraw his offer over the summer.", "The deal closed on Thursday."]
    claims = [Claim(id=f"c{n}", article_id=f"{n}", text=t, span=Span(start=0, end=len(t))) for n, t in enumerate(texts)]
    tried, closed = (
        [f for f in facts if f.type == "status"]
        for facts in FactExtractor().extract(claims, parse_texts(texts, load_spacy()), [date(2022, 10, 28)] * 2)
    )
    assert relate(tried[0], closed[0]).kind == "incomparable"


@pytest.mark.slow
def test_facts_a_stage_holds_as_of_the_date_of_its_own_verb() -> None:
    """ "Twitter accepted his offer in April" is the deal's stage in April, not on the day of publication, so the
    deal's stages read as its history; a weekday told in the past is never after publication."""
    from factcheck.facts.extract import FactExtractor
    from factcheck.nlp import load_spacy
    from factcheck.parse import parse_texts

    texts = ["He tried to back out after Twitter accepted his offer in April.", "Musk completed the deal on Thursday."]
    claims = [Claim(id=f"c{n}", article_id="a", text=t, span=Span(start=0, end=len(t))) for n, t in enumerate(texts)]
    published = date(2022, 10, 28)
    accepted, completed = FactExtractor().extract(claims, parse_texts(texts, load_spacy()), [published] * 2)
    assert [f.as_of for f in accepted if f.type == "status"] == [date(2022, 4, 30)]
    assert all(f.as_of is not None and f.as_of <= published for f in completed if f.type == "status")


@pytest.mark.parametrize(
    ("text", "shown", "low", "high"),
    [
        ("Experts say people could survive for a week or more.", "a week or more", 604_800, math.inf),
        ("Twenty people or more were hurt.", "Twenty", 20, math.inf),
        ("The call lasted 10 minutes or so.", "10 minutes or so", 510, 690),
        ("The crack is 5 km or less from the town.", "5 km or less", 0, 5000),
    ],
)
def test_facts_or_more_after_a_figure_makes_it_a_bound(text: str, shown: str, low: float, high: float) -> None:
    """ "A week or more" is not "a week": set against "a 72-hour window" it is no contradiction."""
    (q,) = extract_quantities(text)
    assert (q.text, q.low, q.high, q.vague) == (shown, pytest.approx(low), pytest.approx(high), True)


def test_facts_up_to_after_a_verb_of_change_is_where_the_figure_got() -> None:
    """ "The toll climbed up to 288" is 288; "a surge of up to 15 feet" stays a ceiling."""
    (toll,) = extract_quantities("The death toll climbed up to 288 on Saturday.")
    (surge,) = extract_quantities("They warned of a storm surge of up to 15 feet.")
    assert (toll.text, toll.low, toll.high) == ("288", 288, 288)
    assert surge.low == 0 and surge.vague


@pytest.mark.slow
def test_facts_some_of_a_count_given_before_is_never_compared() -> None:
    """ "Injured 672, 205 of them seriously": the 205 are some of the injured, not another count of them."""
    from factcheck.facts.attribute import attribute_of
    from factcheck.facts.lexicon import PART_RELATIONS
    from factcheck.nlp import load_spacy

    sentence = "The quake killed 820 people and injured 672, 205 of them seriously, the ministry said."
    start = sentence.index("205")
    what = attribute_of(load_spacy()(sentence), start, start + 3)
    assert what.relation == "of them" and PART_RELATIONS["of them"] == "added"


def test_facts_a_word_amount_bounds_nothing() -> None:
    """ "Many injured" beside "hundreds": a word amount says there were some, not how far below the rest."""
    from factcheck.judge.values import compare_quantities

    (many,) = extract_quantities("Many people were injured.")
    (hundreds,) = extract_quantities("Hundreds of people were injured.")
    assert compare_quantities(many, hundreds).kind == "compatible"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "value", "concept"),
    [
        ("The town of Nurdagi is home to more than 12,000 people.", "more than 12,000", None),
        ("The tornado destroyed 120 homes.", "120", "buildings"),
    ],
)
def test_facts_a_count_of_buildings_counts_buildings(sentence: str, value: str, concept: str | None) -> None:
    """ "Is home to 12,000 people" counts people, not homes: it never meets "thousands of buildings"."""
    from factcheck.facts.attribute import attribute_of
    from factcheck.nlp import load_spacy

    start = sentence.index(value)
    assert attribute_of(load_spacy()(sentence), start, start + len(value)).concept == concept


def test_facts_a_possessive_date_is_the_day_of_its_noun() -> None:
    """ "Missing after Tuesday's collapse": the collapse was on Tuesday, not after it."""
    from factcheck.facts.dates import find_dates

    text = "Six workers are missing after Tuesday’s collapse."
    ((slot, start, end),) = find_dates(text, date(2024, 3, 27))
    assert (slot.text, slot.qualifier, text[start:end]) == ("Tuesday", None, "Tuesday")
    ((after, _, _),) = find_dates("The bridge reopened after Tuesday.", date(2024, 3, 27))
    assert after.qualifier == "after"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "sources"),
    [
        # one sentence, two bodies' figures: each figure is its own body's
        (
            "The USGS measured the quake at 5.9, while Turkey's AFAD put it at 6.1, officials said.",
            ["USGS", "AFAD"],
        ),
        (
            "The quake was later downgraded to 5.7 by the German Research Centre for Geosciences and 5.6 by the"
            " US Geological Survey.",
            ["German Research Centre for Geosciences", "US Geological Survey"],
        ),
        # a figure no body gives in its own phrase keeps the claim's speaker; a verb that gives no figure
        # ("killed by") credits no one
        ("At least 12 people were killed by the storm, the Red Cross said.", ["the Red Cross"]),
        ("Officials said the town was destroyed by Hurricane Ian after 3 days.", ["Officials"]),
    ],
)
def test_facts_a_figure_given_by_a_body_in_its_own_phrase_is_that_bodys(text: str, sources: list[str]) -> None:
    from factcheck.facts.extract import FactExtractor
    from factcheck.nlp import load_spacy
    from factcheck.parse import parse_texts
    from factcheck.segment import _speaker

    nlp = load_spacy()
    speaker = _speaker(nlp(text), {})  # the claim's speaker, as segmentation finds it
    claim = Claim(id="a:0", article_id="a", text=text, span=Span(start=0, end=len(text)), speaker=speaker)
    (facts,) = FactExtractor().extract([claim], parse_texts([text], nlp), [date(2023, 2, 6)])
    assert [f.source for f in facts if f.type == "quantity"] == sources


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # the state a verb leaves the counted in says what the count is
        ("A total of 64 people were confirmed dead in the prefecture.", "deaths"),
        ("A total of 52 people remained unaccounted for in the prefecture.", "missing"),
        ("Five people were reported missing.", "missing"),
        ("Over 150 people remained isolated in Suzu.", None),
        ("Officials said 139 people have been accounted for.", "accounted for"),  # a count that grows
    ],
)
def test_facts_a_count_is_what_its_verb_leaves_the_counted(text: str, concept: str | None) -> None:

    (facts,) = parsed_facts([text], date(2024, 1, 2))
    (count,) = [f for f in facts if f.type == "quantity"]
    assert count.what.concept == concept
    assert count.what.noun == "people" and count.what.relation is None  # "a total of" only holds the count


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "surface", "low"),
    [
        # "over" as the preposition of a span of time is the span, not "more than"
        ("Argentina won after an enthralling 3-3 draw over 120 minutes.", "120 minutes", 7200.0),
        ("The storm dumped rain over three days.", "three days", 259_200.0),
        # "over" modifying the figure is a lower bound
        ("The talks lasted over 3 hours.", "over 3 hours", 10_800.0),
    ],
)
def test_facts_over_a_span_of_time_is_the_span(text: str, surface: str, low: float) -> None:

    (facts,) = parsed_facts([text], date(2022, 12, 18))
    (span,) = [f for f in facts if f.type == "quantity" and f.value.dimension == "time"]
    assert span.text == surface and span.value.low == pytest.approx(low, rel=1e-6)


@pytest.mark.slow
def test_facts_a_name_is_no_light_verbs_event_and_an_age_epithet_is_not_compared() -> None:
    """ "Putting Argentina in the lead for 10 minutes" is not about Argentina as an event; "the 23-year-old
    took the first kick" gives the age of someone named elsewhere, so it is never set against another age."""
    from factcheck.judge.align import bucket

    texts = [
        "Messi scored at the 109th minute, putting Argentina in the lead for 10 minutes.",
        "The 23-year-old took the first kick of the shootout.",
        "A 31-year-old man was arrested on Sunday.",
    ]
    lead, epithet, man = parsed_facts(texts, date(2022, 12, 18))
    assert [f.what.event for f in lead if f.text == "10 minutes"] == ["put"]
    assert [bucket(f) for f in epithet if f.type == "quantity"] == [None]
    assert [bucket(f) for f in man if f.type == "quantity"] == ["q:time"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "titles"),
    [
        # each title before a name in a list is that name's, not the first person's
        (
            "Musk sacked chief executive Parag Agrawal, chief financial officer Ned Segal and general counsel"
            " Vijaya Gadde.",
            {("Parag Agrawal", "chief executive"), ("Ned Segal", "chief financial officer")},
        ),
        # a title inside what the tagger read as the name, and an apposition the parse hung on the person before
        (
            "Musk fired CEO Parag Agrawal, CFO Ned Segal and Vijaya Gadde, head of legal policy, trust, and safety.",
            {
                ("Parag Agrawal", "ceo"),
                ("Ned Segal", "cfo"),
                ("Vijaya Gadde", "head of legal policy, trust, and safety"),
            },
        ),
        ("Labour leader Sir Keir Starmer won the election.", {("Keir Starmer", "labour leader")}),
        ("Prime Minister Pushpa Kamal Dahal ‘Prachanda’ left.", {("Pushpa Kamal Dahal", "prime minister")}),
    ],
)
def test_facts_titles_in_a_list_of_people_are_each_ones_own(text: str, titles: set[tuple[str, str]]) -> None:
    from factcheck.facts.model import Role

    (facts,) = parsed_facts([text], date(2022, 10, 28))
    assert {(f.value.person, f.value.title) for f in facts if isinstance(f.value, Role)} == titles


@pytest.mark.slow
def test_facts_a_measure_of_two_things_together_is_their_whole() -> None:
    """ "Starship and Super Heavy together are 394 feet tall" is the stack, not either stage's height."""
    from factcheck.judge.align import bucket

    texts = ["Starship and Super Heavy together are 394 feet tall.", "Starship is 394 feet tall."]
    stack, stage = parsed_facts(texts, date(2023, 4, 20))
    assert [bucket(f) for f in stack if f.type == "quantity"] == ["q:length:counted together"]
    assert [bucket(f) for f in stage if f.type == "quantity"] == ["q:length"]


@pytest.mark.slow
def test_facts_one_night_told_from_either_side_and_a_part_of_day_is_part_of_the_date() -> None:
    """ "Inundated late Sunday" and "engulfed in the early hours of Monday": the night between, not a conflict;
    "arrived in the early hours of Saturday" is about the arriving, not about hours."""
    from factcheck.judge.values import relate

    texts = [
        "The port was inundated late Sunday when heavy rains caused two dams to burst.",
        "The city was engulfed by water in the early hours of Monday after the storm.",
        "The storm arrived on the coast in the early hours of Saturday.",
        "The port was inundated on Sunday.",
    ]
    late, early, arrived, plain = (
        next(f for f in facts if f.type == "date")
        for facts in parsed_facts(texts, None)
    )
    assert relate(late, early).kind == "compatible" and relate(early, late).kind == "compatible"
    assert relate(plain, arrived).kind == "conflict"  # Saturday and Sunday, neither at the night's edge
    assert relate(plain, early).kind == "differs"  # one edge alone: maybe the same night, maybe not
    assert (arrived.what.noun, arrived.what.event, arrived.what.relation) == (None, "arrive", None)


def test_facts_different_parts_of_a_day_are_not_one_time() -> None:
    """ "Friday morning" and "Friday afternoon" touch at noon but are not the same time; evening and night are."""
    from factcheck.facts.times import find_all_times
    from factcheck.judge.values import compare_times

    def at(text: str) -> ClockTime:
        return find_all_times(text, date(2024, 7, 19))[0][0]

    assert compare_times(at("fixed Friday morning"), at("fixed Friday afternoon")).kind == "differs"
    assert compare_times(at("crashed Friday evening"), at("crashed Friday night")).kind in {"same", "compatible"}


@pytest.mark.slow
def test_facts_a_clock_time_in_military_form_is_no_year() -> None:
    """ "At 11:47 p.m. (1802 GMT) on Friday": 1802 is the time in GMT, not a date in 1802."""

    text = "The quake occurred at 11:47 p.m. (1802 GMT) on Friday."
    (facts,) = parsed_facts([text], date(2023, 11, 4))
    assert [f.text for f in facts if f.type == "date"] == ["on Friday"]
    assert "1802 GMT" in [f.text for f in facts if f.type == "time"]


def test_facts_two_different_ceilings_or_floors_differ() -> None:
    """ "Up to 10 feet" and "up to 15 feet" of surge both allow 8 feet, but they disagree on how high it went."""
    from factcheck.judge.values import compare_quantities

    def q(text: str) -> Quantity:
        (found,) = extract_quantities(text)
        return found

    assert compare_quantities(q("up to 10 feet"), q("up to 15 feet")).kind == "differs"
    assert compare_quantities(q("more than 400 firefighters"), q("more than 600 firefighters")).kind == "differs"
    assert compare_quantities(q("more than 400 firefighters"), q("over 400 firefighters")).kind == "same"
    assert compare_quantities(q("under 5%"), q("3.2%")).kind == "compatible"


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("revenue of $7.19 billion", "revenue of $7.192 billion", "same"),
        ("revenue of $7.2 billion", "revenue of $7.19 billion", "same"),
        ("a $69 billion deal", "a $68.7 billion deal", "same"),
        ("net income rose 26%", "net income rose 25.8%", "same"),
        ("revenue of $7.3 billion", "revenue of $7.19 billion", "conflict"),
        ("a $100 billion deal", "a $120 billion deal", "conflict"),
        ("net income rose 25%", "net income rose 26%", "conflict"),
        ("shares rose 24%", "shares rose 24.7%", "conflict"),
        ("400 firefighters", "412 firefighters", "conflict"),
    ],
)
def test_facts_a_figure_rounded_at_its_own_last_digit_is_the_same(a: str, b: str, kind: str) -> None:
    """Outlets print a company's figures at different precision: "$7.2 billion" is "$7.192 billion" rounded,
    "$7.3 billion" is not, and a whole count ("400 firefighters") is no rounding of 412."""
    from factcheck.judge.values import compare_quantities

    (qa,), (qb,) = extract_quantities(a), extract_quantities(b)
    assert compare_quantities(qa, qb).kind == kind
    assert compare_quantities(qb, qa).kind == kind


def test_facts_a_span_in_whole_units_allows_more_than_that_many() -> None:
    """ "Reigned for 70 years" and "more than 70 years" are both true (70 years and 7 months); "400 firefighters"
    and "more than 400" are not one count, and "fewer than 70 years" is not "70 years"."""
    from factcheck.judge.values import compare_quantities

    (years,), (more,), (fewer,) = (extract_quantities(t) for t in ("70 years", "more than 70 years", "under 70 years"))
    assert compare_quantities(years, more).kind == "compatible" and compare_quantities(more, years).kind == "compatible"
    assert compare_quantities(years, fewer).kind == "differs"
    (count,), (over,) = extract_quantities("400 firefighters"), extract_quantities("more than 400 firefighters")
    assert compare_quantities(count, over).kind == "differs"


def test_facts_a_clock_time_without_am_or_pm_may_be_either() -> None:
    """ "Touched down at 6:04" beside "at 6:04 pm": the same time; "06:04" (24-hour) beside "6:04 pm" is not."""
    from factcheck.facts.times import find_all_times
    from factcheck.judge.values import compare_times

    def at(text: str) -> ClockTime:
        return find_all_times(text, date(2023, 8, 23))[0][0]

    assert compare_times(at("landed at 6:04 pm"), at("landed at 6:04")).kind == "same"
    assert compare_times(at("landed at 06:04"), at("landed at 6:04 pm")).kind == "conflict"


@pytest.mark.slow
def test_facts_a_classifying_adjective_is_part_of_what_is_measured() -> None:
    """ "Operating income" and "net income" are two measures; "the strong earthquake" is the earthquake."""

    texts = ["Operating income rose 37% from the last quarter.", "Net income rose 25%.", "The strong quake killed 40."]
    facts = parsed_facts(texts, date(2023, 5, 25))
    nouns = [next(f.what.noun for f in group if f.type == "quantity") for group in facts]
    assert nouns[:2] == ["operating income", "net income"] and "strong" not in (nouns[2] or "")


@pytest.mark.slow
def test_facts_accounted_for_in_the_active_is_no_count_of_the_found() -> None:
    """ "The company accounted for 40% of sales" is a share, not people found."""
    (facts,) = parsed_facts(["The company accounted for 40% of sales."], date(2021, 6, 30))
    assert [f.what.concept for f in facts if f.type == "quantity"] == [None]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # a bare "the party" points back at the party named before it in the sentence
        ("The Tories lost ground, with the party projected to win 121 seats.", "Tories"),
        ("Microsoft announced the deal, and the company expects to pay $68.7 billion.", "Microsoft"),
        # a noun that says which body it is, or with no body named before it, stays itself
        ("Labour said the ruling party expects to win 200 seats.", "party"),
        ("The party expects to win 200 seats.", "party"),
    ],
)
def test_facts_a_bare_the_party_is_the_body_named_before_it(text: str, subject: str) -> None:

    (facts,) = parsed_facts([text], date(2024, 7, 5))
    (figure,) = [f for f in facts if f.type == "quantity"]
    assert figure.what.subject == subject


def test_facts_a_weekday_beside_a_day_of_no_known_year_may_be_that_day() -> None:
    """ "Blasted off Thursday" and "on April 20" from two undated articles: some April 20 is a Thursday, so they
    may agree; two days of the month still differ, and two weekdays still clash."""
    from factcheck.judge.values import compare_dates

    (thursday,) = extract_dates("The rocket blasted off Thursday.", None)
    (monday,) = extract_dates("The rocket blasted off Monday.", None)
    (twentieth,) = extract_dates("On April 20, the rocket launched.", None)
    (twenty_first,) = extract_dates("On April 21, the rocket launched.", None)
    assert compare_dates(thursday, None, twentieth, None).kind == "compatible"
    assert compare_dates(twentieth, None, thursday, None).kind == "compatible"
    assert compare_dates(twentieth, None, twenty_first, None).kind == "differs"
    assert compare_dates(thursday, None, monday, None).kind == "conflict"
