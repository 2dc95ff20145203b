"""Findings of one group of aligned facts: which values are set against each other."""

from __future__ import annotations

from datetime import date

import numpy as np

from factcheck.facts.model import Attribute
from factcheck.judge.align import FactGroup
from factcheck.judge.confidence import Calibrator
from factcheck.judge.findings import group_findings

from .fact_support import figure


def test_two_figures_from_one_source_are_two_facts_not_a_conflict() -> None:
    """A source giving the quake's 7.8 and an aftershock's 6.6 tells them apart: 6.6 does not contradict 7.8."""
    what = Attribute(text="magnitude earthquake", noun="earthquake", measure="magnitude", lemmas=("earthquake",))
    facts = (
        figure(1, "a", "a magnitude 7.8 earthquake", what),
        figure(2, "b", "a magnitude 7.8 earthquake", what),
        figure(3, "b", "a magnitude 6.6 earthquake", what),
    )
    group = FactGroup(facts, 0.9)
    kinds = [f.kind for f in group_findings(group, Calibrator())]
    assert "contradiction" not in kinds and "discrepancy" not in kinds, kinds


def test_two_figures_one_source_gives_as_two_authorities_are_one_measure() -> None:
    """ "Taiwan's agency recorded 7.2 ... the USGS reported 7.4": one magnitude, measured twice, attributed."""
    what = Attribute(text="magnitude earthquake", noun="earthquake", measure="magnitude", lemmas=("earthquake",))
    facts = (
        figure(1, "a", "a magnitude 7.2 earthquake", what).model_copy(update={"source": "the weather agency"}),
        figure(2, "b", "a magnitude 7.2 earthquake", what).model_copy(update={"source": "the weather agency"}),
        figure(3, "b", "a magnitude 7.4 earthquake", what).model_copy(update={"source": "the USGS"}),
    )
    found = group_findings(FactGroup(facts, 0.9), Calibrator())
    assert [(f.kind, f.reason) for f in found] == [("discrepancy", "attributed")], [f.explanation for f in found]


def test_a_figure_another_source_gives_alone_is_still_compared() -> None:
    what = Attribute(text="magnitude earthquake", noun="earthquake", measure="magnitude", lemmas=("earthquake",))
    facts = (figure(1, "a", "a magnitude 7.8 earthquake", what), figure(2, "b", "a magnitude 6.6 earthquake", what))
    kinds = [f.kind for f in group_findings(FactGroup(facts, 0.9), Calibrator())]
    assert kinds == ["contradiction"], kinds


def test_a_running_count_from_named_authorities_is_an_update_before_it_is_attributed() -> None:
    """'Officials' say 44 dead, 'authorities' 48: a toll read at two moments, whoever gave it."""
    what = Attribute(text="people killed", noun="people", event="kill", concept="deaths", lemmas=("people", "kill"))
    a = figure(1, "a", "44 people", what).model_copy(update={"source": "officials"})
    b = figure(2, "b", "48 people", what).model_copy(update={"source": "authorities"})
    (found,) = group_findings(FactGroup((a, b), 0.9), Calibrator())
    assert (found.kind, found.reason) == ("discrepancy", "update"), found.explanation


def test_figures_of_a_measure_that_does_not_run_are_attributed_to_their_sources() -> None:
    what = Attribute(text="depth struck", event="strike", measure="depth", lemmas=("strike",))
    a = figure(1, "a", "10 kilometers", what).model_copy(update={"source": "USGS"})
    b = figure(2, "b", "16 kilometers", what).model_copy(update={"source": "the Japan Meteorological Agency"})
    (found,) = group_findings(FactGroup((a, b), 0.9), Calibrator())
    assert (found.kind, found.reason) == ("discrepancy", "attributed"), found.explanation


def test_an_update_lists_its_figures_in_time_order() -> None:
    """A count reported on four days reads in date order, whatever order the sources came in (here one
    report is lower than the day before's, so it is not a plain rise)."""
    from datetime import date

    what = Attribute(text="people killed", noun="people", event="kill", concept="deaths", lemmas=("people", "kill"))
    facts = (
        figure(1, "a", "0 people", what, as_of=date(2024, 1, 1)),
        figure(2, "b", "213 people", what, as_of=date(2024, 1, 10)),
        figure(3, "c", "about 40 people", what, as_of=date(2024, 1, 4)),
        figure(4, "d", "48 people", what, as_of=date(2024, 1, 2)),
    )
    (found,) = group_findings(FactGroup(facts, 0.9), Calibrator())
    assert (found.kind, found.reason) == ("time_scoped", "update"), found.explanation
    assert [v.value for v in found.values] == ["0", "48", "about 40", "213"], found.values


def test_a_date_bound_containing_a_date_is_not_reported_as_an_agreement() -> None:
    """ "Before the end of May" holds "last April" only as a bound: an editor would read two dates agreed."""
    from datetime import date

    from factcheck.facts.model import DateSlot, Fact
    from factcheck.schema import Span

    what = Attribute(text="announced", event="announce", lemmas=("announce",))

    def dated(n: int, article: str, value: DateSlot) -> Fact:
        span = Span(start=0, end=len(value.text))
        return Fact(id=f"f{n}", claim_id=f"c{n}", article_id=article, type="date", what=what, value=value,
                    text=value.text, span=span)  # fmt: skip

    april = DateSlot(text="last April", start=date(2019, 4, 1), end=date(2019, 4, 30), resolved=True)
    bound = DateSlot(text="before the end of May", start=date(2020, 5, 31), end=date(2020, 5, 31),
                     resolved=True, qualifier="before")  # fmt: skip
    kinds = [f.kind for f in group_findings(FactGroup((dated(1, "a", april), dated(2, "b", bound)), 0.9), Calibrator())]
    assert "agreement" not in kinds, kinds
    again = [f.kind for f in group_findings(FactGroup((dated(1, "a", april), dated(2, "b", april)), 0.9), Calibrator())]
    assert again == ["agreement"]
    # "Wednesday" and "recently" are compatible, but only one of them says when: no agreement to report
    wednesday = DateSlot(text="Wednesday", start=date(2019, 5, 1), end=date(2019, 5, 1), weekday=2, resolved=True,
                         relative=True, offset=(-6, 6))  # fmt: skip
    recently = DateSlot(text="recently", start=date(2018, 11, 2), end=date(2019, 5, 1), resolved=True,
                        relative=True, offset=(-180, 0))  # fmt: skip
    vague = group_findings(FactGroup((dated(1, "a", wednesday), dated(2, "b", recently)), 0.9), Calibrator())
    assert [f.kind for f in vague] == []


def test_a_figure_approached_from_below_reads_as_written() -> None:
    """ "Nearly 1,100" injured is shown as nearly 1,100, not as the middle of its range ("about 1,018")."""
    from factcheck.facts.quantities import find_quantities
    from factcheck.judge.findings import _quantity

    shown = {text: _quantity(find_quantities(text)[0][0]) for text in ("nearly 1,100", "almost 50", "about 40")}
    assert shown == {"nearly 1,100": "nearly 1,100", "almost 50": "nearly 50", "about 40": "about 40"}


def test_two_scores_of_a_match_are_a_running_figure_shown_as_the_score() -> None:
    """ "Made it 3-2" and "a 3-3 draw": the score moved during the match; the finding is about "score", not "it"."""
    what = Attribute(text="it", event="make", lemmas=("make",))
    facts = (figure(1, "a", "Messi made it 3-2", what), figure(2, "b", "following a 3-3 draw", what))
    (found,) = group_findings(FactGroup(facts, 0.9), Calibrator())
    assert (found.kind, found.reason, found.fact) == ("discrepancy", "update", "score")
    assert [v.value for v in found.values] == ["3-2", "3-3"]


def test_a_count_added_to_another_is_never_aligned() -> None:
    """ "At least 50 other people were injured" and "dozens more trapped" each add to a count the parse does not
    see: neither is compared with anything (a total or another source's addition)."""
    from factcheck.judge.align import bucket

    added = Attribute(text="people injured more", noun="people", event="injure", relation="more", lemmas=("people",))
    total = Attribute(text="people injured", noun="people", event="injure", lemmas=("people",))
    assert bucket(figure(1, "a", "at least 50 people", added)) is None
    assert bucket(figure(2, "b", "at least 50 people", total)) == "q:count"


def test_a_date_a_running_count_was_read_at_is_not_an_event_date() -> None:
    """ "The toll rose to 41 on Monday", "294 as of Sunday": when the count stood so, not the date of the crash."""
    from factcheck.facts.dates import extract_dates
    from factcheck.facts.model import Fact
    from factcheck.judge.align import bucket
    from factcheck.schema import Span

    def dated(text: str, what: Attribute) -> Fact:
        (slot,) = extract_dates(text, date(2023, 6, 4))
        return Fact(
            id="d", claim_id="c", article_id="a", type="date", what=what, value=slot, text=slot.text,
            span=Span(start=0, end=len(slot.text)),
        )  # fmt: skip

    toll = Attribute(text="death toll rose", noun="death toll", event="rise", concept="deaths")
    crash = Attribute(text="happened", event="happen")
    assert bucket(dated("on Monday", toll)) is None
    assert bucket(dated("as of Sunday", crash)) is None
    assert bucket(dated("on Friday", crash)) == "date"


def test_a_denied_figure_shows_as_denied() -> None:
    from factcheck.judge.findings import normalized

    what = Attribute(text="train reached", noun="train", event="reach")
    denied = figure(1, "a", "three trains", what).model_copy(update={"negated": True})
    assert normalized(denied) == "not 3"


def test_a_word_amount_shows_the_range_it_allows() -> None:
    from factcheck.judge.findings import normalized

    what = Attribute(text="people killed", noun="people", event="kill", concept="deaths")
    assert normalized(figure(1, "a", "hundreds of people", what)) == "200 to 999"


def test_a_source_contradicts_itself_only_about_one_event() -> None:
    """ "Closed all four runways" and "three of the four were reopened": two facts of one source, no
    inconsistency; "repairs will cost $4 million" and "will cost $9 million" are one."""
    closed = Attribute(text="runway closed", noun="runway", event="close", lemmas=("runway", "close"))
    reopened = Attribute(text="runway reopened", noun="runway", event="reopen", lemmas=("runway", "reopen"))
    cost = Attribute(text="repairs cost", noun="repair", event="cost", lemmas=("repair", "cost"))
    two_events = FactGroup((figure(1, "a", "all four runways", closed), figure(2, "a", "three runways", reopened)), 0.9)
    one_event = FactGroup((figure(1, "a", "$4 million", cost), figure(2, "a", "$9 million", cost)), 0.9)
    assert not group_findings(two_events, Calibrator())
    assert [f.reason for f in group_findings(one_event, Calibrator())] == ["within_source"]


def test_a_figure_is_not_excused_by_its_neighbour_in_the_claim() -> None:
    """A claim's second figure never makes its first agree with another source's ("assets of $209 billion
    and deposits of $175.4 billion" beside "deposits of $175.4 billion")."""
    from factcheck.judge.findings import Relater

    what = Attribute(text="deposit", noun="deposit", lemmas=("deposit",))
    assets = figure(1, "a", "$209 billion", what, claim="a:0")
    deposits = figure(2, "a", "$175.4 billion", what, claim="a:0")
    other = figure(3, "b", "$175.4 billion", what, claim="b:0")
    related = Relater((assets, other), {"a:0": (assets, deposits), "b:0": (other,)})
    assert related(assets, other).kind not in {"same", "compatible"}


def test_word_amounts_of_a_running_count_make_no_difference() -> None:
    """ "Several buildings" and "many buildings" damaged: no figure differs, nothing to check."""
    what = Attribute(text="buildings damaged", noun="building", event="damage", concept="buildings")
    group = FactGroup((figure(1, "a", "several buildings", what), figure(2, "b", "many buildings", what)), 0.9)
    assert all(f.kind == "agreement" for f in group_findings(group, Calibrator()))
    stated = FactGroup((figure(1, "a", "120 buildings", what), figure(2, "b", "125 buildings", what)), 0.9)
    assert [f.kind for f in group_findings(stated, Calibrator())] == ["discrepancy"]


def test_a_word_amount_then_a_figure_on_a_later_day_is_no_rise() -> None:
    """ "Deaths in the hundreds" (a doctor's fear on Monday), "at least 3,162 dead" on Thursday: no update shown."""
    what = Attribute(text="people killed", noun="people", event="kill", concept="deaths")
    early = figure(1, "a", "hundreds of people", what, as_of=date(2023, 2, 6))
    later = figure(2, "b", "at least 3,162 people", what, as_of=date(2023, 2, 9))
    assert "time_scoped" not in [f.kind for f in group_findings(FactGroup((early, later), 0.9), Calibrator())]
    counted = figure(3, "c", "at least 1,500 people", what, as_of=date(2023, 2, 7))
    kinds = [f.kind for f in group_findings(FactGroup((counted, later), 0.9), Calibrator())]
    assert kinds == ["time_scoped"]  # two figures on two days: the toll rose
    hurt = Attribute(text="injuries", noun="injury", concept="injured")
    none, some = figure(4, "a", "no injuries", hurt), figure(5, "b", "some minor injuries", hurt)
    assert [f.kind for f in group_findings(FactGroup((none, some), 0.9), Calibrator())] != []  # none against some


def test_a_finding_whose_values_an_earlier_one_shows_is_left_out() -> None:
    """ "All 379 passengers" read as a count and as the whole: one finding, not two with the same words."""
    from factcheck.judge import _ordered
    from factcheck.schema import FactValue, Finding, Span

    def value(article: str, start: int, text: str) -> FactValue:
        return FactValue(claim_id=f"{article}:0", article_id=article, value=text, span=Span(start=start, end=start + 3))

    wide = (value("a", 10, "379"), value("b", 20, "379"), value("c", 30, "367"))

    def finding(n: str, kind: str, values: tuple[FactValue, ...]) -> Finding:
        return Finding(id=n, kind=kind, claim_ids=("a:0",), confidence=0.9, explanation=n, values=values)  # type: ignore[arg-type]

    kept = _ordered([finding("F-2", "time_scoped", wide[1:]), finding("F-1", "discrepancy", wide)])
    assert [f.id for f in kept] == ["F-1"]


def test_the_date_of_an_occasion_of_speaking_is_not_compared() -> None:
    """ "Said in a Thursday briefing" and "during a Wednesday evening briefing": two briefings, no conflict."""
    from factcheck.facts.dates import extract_dates
    from factcheck.facts.model import Fact
    from factcheck.judge.align import bucket
    from factcheck.schema import Span

    (slot,) = extract_dates("on Thursday", date(2024, 10, 10))
    briefing = Attribute(text="Thursday briefing said in", noun="Thursday briefing", event="say", relation="in")
    told = Attribute(text="told", event="tell")  # "officials told reporters on Thursday": when they spoke
    landfall = Attribute(text="made landfall", event="make")
    for what, key in ((briefing, None), (told, None), (landfall, "date")):
        fact = Fact(id="d", claim_id="c", article_id="a", type="date", what=what, value=slot, text=slot.text,
                    span=Span(start=0, end=len(slot.text)))  # fmt: skip
        assert bucket(fact) == key


def test_two_approximations_of_one_running_figure_are_one_figure() -> None:
    """ "Nearly 9,000" and "approximately 9,000" killed: one figure stated loosely, not two readings."""
    what = Attribute(text="people killed", noun="people", event="kill", concept="deaths")
    loose = (figure(1, "a", "nearly 9,000 people", what), figure(2, "b", "approximately 9,000 people", what))
    assert all(f.kind == "agreement" for f in group_findings(FactGroup(loose, 0.9), Calibrator()))


def test_a_large_figure_reads_in_full() -> None:
    from factcheck.judge.findings import normalized

    what = Attribute(text="people killed", noun="people", event="kill", concept="deaths")
    assert normalized(figure(1, "a", "11,300 people", what)) == "11,300"


def test_a_denied_event_is_not_the_denial_of_another() -> None:
    """ "The five people aboard did not survive" and "five people dead": one toll, not a denial of it."""
    from factcheck.judge.values import relate

    survive = Attribute(text="people survive", noun="people", event="survive")
    dead = Attribute(text="people dead", noun="people", event="dead", concept="deaths")
    not_survived = figure(1, "a", "five people", survive).model_copy(update={"negated": True})
    assert relate(not_survived, figure(2, "b", "five people", dead)).kind != "conflict"
    assert relate(not_survived, figure(3, "c", "five people", survive)).kind == "conflict"  # the same event denied
    bare = Attribute(text="people", noun="people")  # "the five people": no event to deny
    assert relate(not_survived, figure(4, "d", "five people", bare)).kind != "conflict"


def test_a_running_count_lower_on_a_later_day_is_not_shown_as_an_update() -> None:
    """22 dead in Suzu on 2 January, 20 on 11 January: a toll does not fall as a story unfolds; an editor checks it."""
    what = Attribute(text="people killed in Suzu", noun="people", event="kill", concept="deaths", relation="in Suzu")
    early = figure(1, "a", "22 people", what, as_of=date(2024, 1, 2))
    later = figure(2, "b", "20 people", what, as_of=date(2024, 1, 11))
    (found,) = group_findings(FactGroup((early, later), 0.9), Calibrator())
    assert (found.kind, found.reason) == ("discrepancy", "update") and "lower in the later report" in found.explanation
    rose = figure(3, "c", "31 people", what, as_of=date(2024, 1, 11))
    assert [f.kind for f in group_findings(FactGroup((early, rose), 0.9), Calibrator())] == ["time_scoped"]


def test_pledged_money_is_a_running_figure() -> None:
    """ "More than $700 million received in pledges", then "$1 billion donated": the total grew, not agreed."""
    from factcheck.facts.lexicon import CONCEPT_OF

    assert CONCEPT_OF["pledge"] == CONCEPT_OF["donate"] == "donations"
    given = Attribute(text="donated", event="donate", concept="donations")
    pledged = Attribute(text="received in pledge", event="receive", relation="in pledge", concept="donations")
    group = FactGroup((figure(1, "a", "more than $700 million", pledged), figure(2, "b", "$1 billion", given)), 0.9)
    assert [(f.kind, f.reason) for f in group_findings(group, Calibrator())] == [("discrepancy", "update")]


def test_one_source_gives_two_measures_not_two_values_unless_one_event() -> None:
    """ "Up 22%" and "up 18%" in one earnings report are two measures; "will cost $4 million" and "will cost
    $9 million" in one article are one cost given twice."""
    rise = Attribute(text="increase", noun="increase")
    one = FactGroup((figure(1, "a", "22%", rise), figure(2, "a", "18%", Attribute(text="growth", noun="growth"))), 0.9)
    assert [f.kind for f in group_findings(one, Calibrator())] == []
    cost = Attribute(text="repairs cost", noun="repair", event="cost")
    twice = FactGroup((figure(3, "a", "$4 million", cost), figure(4, "a", "$9 million", cost)), 0.9)
    assert [(f.kind, f.reason) for f in group_findings(twice, Calibrator())] == [("discrepancy", "within_source")]


def test_a_source_giving_two_classified_measures_does_not_contradict_itself() -> None:
    """ "Operating income rose 37%, and net income rose 25%": two incomes, one report."""
    operating = Attribute(text="operating income rose", noun="operating income", event="rise")
    net = Attribute(text="net income rose", noun="net income", event="rise")
    group = FactGroup((figure(1, "a", "37%", operating), figure(2, "a", "25%", net)), 0.9)
    assert [f.kind for f in group_findings(group, Calibrator())] == []


def test_an_agreement_needs_facts_more_likely_one_than_not() -> None:
    """A loose group ("last month" a project was discussed, "Last June" an ambassador spoke) agrees on nothing."""
    what = Attribute(text="people killed", noun="people", event="kill", concept="deaths")
    facts = (figure(1, "a", "40 people", what), figure(2, "b", "40 people", what))
    assert [f.kind for f in group_findings(FactGroup(facts, 0.9), Calibrator())] == ["agreement"]
    assert group_findings(FactGroup(facts, 0.3), Calibrator()) == []


def test_two_titles_of_one_person_on_one_day_differ_and_one_person_is_one_bucket_under_two_spellings() -> None:
    """ "Microsoft head Phil Spencer" and "Phil Spenser, CEO of Microsoft's Xbox Gaming division", both of 13 October:
    the misspelt surname is one person's (one bucket), and two titles given the same day are a discrepancy, not a
    change of title over time (which titles given on different days may be)."""
    from factcheck.facts.model import Fact, Role
    from factcheck.judge.align import _one_person_one_bucket, bucket
    from factcheck.schema import Span

    def titled(n: int, article: str, person: str, title: str, day: date) -> Fact:
        return Fact(id=f"f{n}", claim_id=f"c{n}", article_id=article, type="title",
                    what=Attribute(text=f"title of {person}"), value=Role(person=person, title=title), text=title,
                    span=Span(start=0, end=len(title)), as_of=day)  # fmt: skip

    head = titled(1, "a", "Phil Spencer", "Microsoft head", date(2023, 10, 13))
    chief = titled(2, "b", "Phil Spenser", "CEO of Microsoft's Xbox Gaming division", date(2023, 10, 13))
    again = titled(3, "c", "Phil Spencer", "head of Microsoft Gaming", date(2023, 10, 13))
    buckets = _one_person_one_bucket({bucket(f) or "": [f] for f in (head, chief)} | {"title:spencer": [head, again]})
    assert {k: [f.id for f in v] for k, v in buckets.items()} == {"title:spencer": ["f1", "f3", "f2"]}
    (same_day,) = group_findings(FactGroup((head, chief), 0.9), Calibrator())
    assert (same_day.kind, same_day.reason) == ("discrepancy", "values")
    later = chief.model_copy(update={"as_of": date(2024, 1, 5)})
    (over_time,) = group_findings(FactGroup((head, later), 0.9), Calibrator())
    assert (over_time.kind, over_time.reason) == ("time_scoped", "title_change")


def test_an_ex_title_is_the_former_title_and_a_country_is_more_detail() -> None:
    """ "Ex-President", "former President" and "former United States President" are one title; "former
    President" and "President" are two (a rank word)."""
    from factcheck.judge.values import same_title

    assert same_title("ex-President", "former President")
    assert same_title("former United States President", "ex-President")
    assert not same_title("former President", "President")
    from factcheck.facts.entities import extract_roles

    assert {r.title for r in extract_roles("Ex-President Donald Trump spoke. Former President Donald Trump left.")} == {
        "president"
    }


def test_a_market_value_moves_with_the_shares_through_the_day() -> None:
    """ "A market value of nearly $3.32 trillion" and "closed at approximately $3.34 trillion": a company's worth
    moves like its share price, so two figures of one day are an update to check, not a contradiction; and a
    market value is never a share price (two running figures of a story never meet)."""
    from factcheck.facts.lexicon import CONCEPT_OF, RUNNING_CONCEPTS
    from factcheck.judge.features import bucket_pairs

    assert CONCEPT_OF["capitalization"] == CONCEPT_OF["cap"] == "market value" in RUNNING_CONCEPTS
    worth = Attribute(text="market value", noun="market value", concept="market value", lemmas=("market", "value"))
    day = date(2024, 6, 18)
    facts = (figure(1, "a", "$3.32 trillion", worth, as_of=day), figure(2, "b", "$3.34 trillion", worth, as_of=day))
    (found,) = group_findings(FactGroup(facts, 0.9), Calibrator())
    assert (found.kind, found.reason) == ("discrepancy", "update")
    price = Attribute(text="shares closed", noun="shares", event="close", concept="share price", lemmas=("share",))
    share = figure(3, "c", "$3.34", price, as_of=day)
    i, _, _ = bucket_pairs([facts[0], share], np.eye(2, dtype=np.float32), [0, 1])
    assert not len(i)


def test_a_projected_figure_is_not_held_against_a_counted_one() -> None:
    """ "The death toll could top 10,000" (a model's projection) beside "1,644 people died": what may be is no
    update or conflict of what was counted; two projections are still compared."""
    from factcheck.judge.values import relate

    toll = Attribute(text="death toll", noun="death toll", concept="deaths", lemmas=("death", "toll"))
    counted = figure(1, "a", "1,644 people", toll)
    projected = figure(2, "b", "10,000", toll).model_copy(update={"modality": "possible"})
    assert relate(counted, projected).kind == "incomparable"
    assert not group_findings(FactGroup((counted, projected), 0.9), Calibrator())
    other = figure(3, "c", "3,000", toll).model_copy(update={"modality": "possible"})
    assert relate(projected, other).kind == "conflict"


def test_values_left_apart_from_a_group_are_judged_as_a_fact_of_their_own() -> None:
    """A group holding two sources' "89-year-old woman" and "a 27-year-old mother" / "a 28-year-old mother": the
    mothers' ages are weakly linked to the woman's, so they stand apart, and among themselves they still conflict."""
    mother = Attribute(text="age mother", noun="mother", concept="age", measure="age", lemmas=("mother", "age"))
    woman = Attribute(text="age woman", noun="woman", concept="age", measure="age", lemmas=("woman", "age"))
    facts = (
        figure(1, "a", "a 27-year-old mother", mother), figure(2, "a", "an 89-year-old woman", woman),
        figure(3, "b", "an 89-year-old woman", woman), figure(4, "c", "a 28-year-old mother", mother),
    )  # fmt: skip
    links = {frozenset(("f1", "f4")): 0.95, frozenset(("f2", "f3")): 0.97}
    links |= {frozenset((a, b)): 0.1 for a in ("f1", "f4") for b in ("f2", "f3")}
    found = group_findings(FactGroup(facts, 0.57, links), Calibrator())
    assert sorted((f.kind, tuple(v.value for v in f.values)) for f in found) == [
        ("agreement", ("89-year", "89-year")), ("contradiction", ("27-year", "28-year"))
    ]
