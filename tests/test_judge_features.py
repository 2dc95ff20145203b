"""The aligner's pair features, computed over a whole bucket at once, against the same rules pair by pair."""

from __future__ import annotations

import math
import random
from datetime import date

import numpy as np

from factcheck.facts.model import Attribute
from factcheck.judge.features import FEATURES, _cosines, _shared, bucket_pairs, value_distance

from .fact_support import figure

DEATHS = Attribute(text="people killed", noun="people", event="kill", concept="deaths", lemmas=("people", "kill"))
MOVED = Attribute(text="people evacuated", noun="people", event="evacuate", lemmas=("people", "evacuate"))
HURT = Attribute(text="people injured", noun="people", event="injure", concept="injured", lemmas=("people", "injure"))


def test_an_undated_fact_holds_as_of_the_story_date() -> None:
    """An undated page's 93 dead of a 2023 story is never set beside "the 2018 Camp Fire killed at least 85"."""
    facts = [
        figure(0, "a", "at least 85 people", DEATHS, as_of=date(2018, 12, 31)),  # an earlier fire, recalled
        figure(1, "b", "93 people", DEATHS),  # a page with no date
        figure(2, "c", "114 people", DEATHS, as_of=date(2023, 8, 14)),
    ]
    cosine = np.eye(3, dtype=np.float32)
    i, j, _ = bucket_pairs(facts, cosine, [0, 1, 2])
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 1), (1, 2)]  # no date: nothing known
    i, j, _ = bucket_pairs(facts, cosine, [0, 1, 2], undated=date(2023, 8, 12))
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(1, 2)]


def test_dates_more_than_a_year_apart_are_two_events() -> None:
    """ "Founded in 2005" is never the crash's "Sunday"; "2020" and "2021" (one source's slip) may be one fact."""
    from factcheck.facts.model import DateSlot, Fact
    from factcheck.schema import Span

    what = Attribute(text="founded", event="found", lemmas=("found",))

    def dated(n: int, text: str, start: date, end: date) -> Fact:
        value = DateSlot(text=text, start=start, end=end, resolved=True)
        return Fact(id=f"f{n}", claim_id=f"c{n}", article_id=f"a{n}", type="date", what=what, value=value,
                    text=text, span=Span(start=0, end=len(text)), as_of=date(2024, 12, 30))  # fmt: skip

    facts = [
        dated(0, "2005", date(2005, 1, 1), date(2005, 12, 31)),
        dated(1, "on Sunday", date(2024, 12, 29), date(2024, 12, 29)),
        dated(2, "2020", date(2020, 1, 1), date(2020, 12, 31)),
        dated(3, "2021", date(2021, 1, 1), date(2021, 12, 31)),
    ]
    i, j, _ = bucket_pairs(facts, np.eye(4, dtype=np.float32), [0, 1, 2, 3])
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(2, 3)]


def test_pairs_of_one_claim_or_of_years_apart_are_never_candidates() -> None:
    facts = [
        figure(0, "a", "41 people", DEATHS, claim="a:0", as_of=date(2024, 2, 21)),
        figure(1, "a", "200 people", MOVED, claim="a:0", as_of=date(2024, 2, 21)),  # same claim as 0
        figure(2, "b", "41 people", DEATHS, claim="b:0", as_of=date(2024, 2, 21)),
        figure(3, "c", "300 people", DEATHS, claim="c:0", as_of=date(2011, 6, 1)),  # an earlier quake
    ]
    cosine = np.eye(3, dtype=np.float32)
    i, j, x = bucket_pairs(facts, cosine, [0, 0, 1, 2])
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 2), (1, 2)]
    i, _, _ = bucket_pairs(facts, cosine, [0, 0, 1, 2], years_apart=True)
    assert len(i) == 5  # training also reads the pairs of different years
    row = dict(zip(FEATURES, x[0], strict=True))
    assert row["core_match"] == 1 and row["concept_match"] == 1 and row["close_value"] == 1
    other = dict(zip(FEATURES, x[1], strict=True))
    assert other["concept_match"] == 0 and other["value_distance"] == abs(math.log10(200 / 41))
    assert other["value_distance"] == value_distance(facts[1], facts[2])


def test_best_match_ties_go_to_the_pair_listed_first() -> None:
    facts = [
        figure(0, "a", "41 people", DEATHS, claim="a:0"),
        figure(1, "b", "41 people", DEATHS, claim="b:0"),
        figure(2, "b", "41 people", DEATHS, claim="b:1"),
    ]
    cosine = np.ones((3, 3), dtype=np.float32)  # b's two facts are equally close to a's
    _, _, x = bucket_pairs(facts, cosine, [0, 1, 2])
    mutual, one_way = FEATURES.index("mutual_best"), FEATURES.index("one_way_best")
    assert x[:, mutual].tolist() == [1.0, 0.0, 1.0]  # (0, 1) wins the tie over (0, 2); 1 and 2 are b's only pair
    assert x[:, one_way].tolist() == [1.0, 1.0, 1.0]  # a's 0 is 2's best in a, though 2 is not 0's best in b


def test_word_overlaps_in_blocks_match_set_arithmetic() -> None:
    rng = random.Random(7)
    words = [f"w{k}" for k in range(40)]
    sets = [frozenset(rng.sample(words, rng.randint(0, 5))) for _ in range(3000)]  # more rows than one block
    i, j = (np.asarray(t, dtype=np.int64) for t in np.triu_indices(len(sets), 1))
    pick = np.sort(np.asarray(rng.sample(range(len(i)), 5000)))
    i, j = i[pick], j[pick]
    shared, na, nb = _shared(sets, i, j)
    assert shared.tolist() == [len(sets[a] & sets[b]) for a, b in zip(i.tolist(), j.tolist(), strict=True)]
    assert na.tolist() == [len(sets[a]) for a in i.tolist()] and nb.tolist() == [len(sets[b]) for b in j.tolist()]


def test_cosines_are_the_same_float32_dot_as_one_pair() -> None:
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((50, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    listed = [v if k % 7 else None for k, v in enumerate(vectors)]  # some facts have no vector
    i, j = (np.asarray(t, dtype=np.int64) for t in np.triu_indices(50, 1))
    got = _cosines(listed, i, j)
    pairs = zip(i.tolist(), j.tolist(), strict=True)
    want = [0.0 if listed[a] is None or listed[b] is None else float(vectors[a] @ vectors[b]) for a, b in pairs]
    assert got.tolist() == [min(1.0, max(-1.0, w)) for w in want]


def test_two_events_with_nothing_else_in_common_clash() -> None:
    """ "Tugboats worked Friday" and "the ship ran aground on Tuesday": two events, not one date told twice."""
    worked = Attribute(text="worked", event="work", lemmas=("work",))
    ran = Attribute(text="ran", event="run", lemmas=("run",))
    killed = Attribute(text="people killed", noun="people", event="kill", lemmas=("people", "kill"))
    died = Attribute(text="people died", noun="people", event="die", lemmas=("people", "die"))
    facts = [
        figure(0, "a", "12 hours", worked), figure(1, "b", "12 hours", ran),
        figure(2, "c", "40 people", killed), figure(3, "d", "40 people", died),
    ]  # fmt: skip
    i, j, x = bucket_pairs(facts, np.eye(4, dtype=np.float32), [0, 1, 2, 3])
    clash = {(a, b): v for a, b, v in zip(i.tolist(), j.tolist(), x[:, FEATURES.index("event_clash")], strict=True)}
    assert clash[(0, 1)] == 1.0  # nothing shared but the type
    assert clash[(2, 3)] == 0.0  # the counted people are shared: another word for one event


def test_two_events_clash_only_as_far_as_their_meanings_differ() -> None:
    """ "Bought Bethesda in 2021" and "acquired Bethesda in 2020": two words for one event clash less than
    "worked" and "ran", by the cosine of the events' own embeddings; with no embedding the clash is whole."""
    bought = Attribute(text="bought in", event="buy", relation="in", lemmas=("buy",))
    acquired = Attribute(text="acquired in", event="acquire", relation="in", lemmas=("acquire",))
    worked = Attribute(text="worked", event="work", lemmas=("work",))
    facts = [figure(k, "abc"[k], "12 hours", what) for k, what in enumerate((bought, acquired, worked))]
    unit = {w: np.asarray(v, dtype=np.float32) / np.linalg.norm(v) for w, v in
            {"buy": [1.0, 0.2, 0.0], "acquire": [0.8, 0.6, 0.0], "work": [0.0, 0.0, 1.0]}.items()}  # fmt: skip
    column = FEATURES.index("event_clash")
    i, j, x = bucket_pairs(facts, np.eye(3, dtype=np.float32), [0, 1, 2], phrases=unit)
    clash = {(a, b): float(v) for a, b, v in zip(i.tolist(), j.tolist(), x[:, column], strict=True)}
    assert math.isclose(clash[(0, 1)], 1.0 - float(unit["buy"] @ unit["acquire"]), rel_tol=1e-6)
    assert clash[(0, 2)] == 1.0 and clash[(1, 2)] == 1.0  # orthogonal meanings: a whole clash
    _, _, bare = bucket_pairs(facts, np.eye(3, dtype=np.float32), [0, 1, 2])
    assert bare[:, column].tolist() == [1.0, 1.0, 1.0]


def test_two_tallies_are_never_a_candidate_pair() -> None:
    """ "No deaths reported" and "no injuries were reported": two tallies, whatever their words share."""
    facts = [
        figure(0, "a", "40 people", DEATHS), figure(1, "b", "40 people", HURT), figure(2, "c", "41 people", DEATHS)
    ]  # fmt: skip
    i, j, _ = bucket_pairs(facts, np.eye(3, dtype=np.float32), [0, 1, 2])
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 2)]


def test_distances_from_two_named_places_are_never_a_candidate_pair() -> None:
    """ "500 km west of the capital Kathmandu" and "felt as far as New Delhi, 600 km away": two distances."""
    kathmandu = Attribute(text="located from capital Kathmandu", relation="from capital Kathmandu", concept="distance")
    delhi = Attribute(text="distance New Delhi far", concept="distance", lemmas=("distance",))
    jajarkot = Attribute(text="Jajarkot from capital Kathmandu", relation="from capital Kathmandu", concept="distance")
    facts = [
        figure(0, "a", "500 kilometres", kathmandu), figure(1, "b", "600 km", delhi), figure(2, "c", "500 km", jajarkot)
    ]  # fmt: skip
    i, j, x = bucket_pairs(facts, np.eye(3, dtype=np.float32), [0, 1, 2])
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 2)]  # Kathmandu is named in both
    assert x[0, FEATURES.index("name_clash")] == 0.0


def test_figures_about_two_named_things_clash() -> None:
    """ "Deaths in Turkey" and "deaths in Syria": the names in what two figures are about tell them apart."""
    turkey = Attribute(text="people killed in Turkey", noun="people", event="kill", relation="in Turkey")
    syria = Attribute(text="people killed in Syria", noun="people", event="kill", relation="in Syria")
    facts = [
        figure(0, "a", "40 people", turkey), figure(1, "b", "41 people", syria), figure(2, "c", "40 people", DEATHS)
    ]  # fmt: skip
    i, j, x = bucket_pairs(facts, np.eye(3, dtype=np.float32), [0, 1, 2])
    clash = {(a, b): v for a, b, v in zip(i.tolist(), j.tolist(), x[:, FEATURES.index("name_clash")], strict=True)}
    assert clash == {(0, 1): 1.0, (0, 2): 0.0, (1, 2): 0.0}  # an unnamed attribute clashes with none


def test_changes_over_different_periods_are_never_one_fact() -> None:
    """A day's move ("rose 24%"), the year's ("up 108% for the year") and growth on a year earlier are three
    figures; "rose 19%" and "rose 19% from a year earlier" may be one (the year-on-year change is the usual one)."""
    from factcheck.facts.model import Fact
    from factcheck.facts.periods import change_period

    shares = Attribute(text="shares rose", noun="share", event="rise", concept="share price", lemmas=("share", "rise"))

    def change(n: int, left: str, value: str, right: str) -> Fact:
        fact = figure(n, f"a{n}", value, shares)
        return fact.model_copy(update={"what": shares.model_copy(update={"context": f"{left} … {right}"})})

    facts = [
        change(0, "Its shares rose", "24%", "on Thursday, to $380."),
        change(1, "The shares were already up", "108%", "for the year ahead of Thursday's session."),
        change(2, "The stock is up almost", "170%", "so far this year, ahead of other chipmakers."),
        change(3, "Revenue rose", "19%", "from a year earlier, and profit doubled."),
        change(4, "Revenue rose", "21%", "to $7.19 billion."),
    ]
    assert [change_period(f) for f in facts] == [None, "year to date", "year to date", "on a year earlier", None]
    i, j, _ = bucket_pairs(facts, np.eye(5, dtype=np.float32), [0, 1, 2, 3, 4])
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 3), (0, 4), (1, 2), (3, 4)]


def test_dates_and_times_of_two_named_doers_are_two_events() -> None:
    """ "Prince Harry arrived at 7.52 pm" and "Prince William arrived around 5 p.m." are two arrivals; "Harry
    arrived" and "Prince Harry arrived" are one, and so are the times of an unnamed and a named subject."""
    from factcheck.facts.model import ClockTime, Fact
    from factcheck.schema import Span

    def arrival(n: int, subject: str | None, minute: int) -> Fact:
        what = Attribute(text="arrived", event="arrive", subject=subject, lemmas=("arrive",))
        value = ClockTime(text="at 5 pm", minutes=(minute, minute))
        return Fact(id=f"f{n}", claim_id=f"c{n}", article_id=f"a{n}", type="time", what=what, value=value,
                    text="at 5 pm", span=Span(start=0, end=7))  # fmt: skip

    facts = [arrival(0, "Prince Harry", 1192), arrival(1, "Prince William", 1020), arrival(2, "Harry", 1192),
             arrival(3, "plane", 960)]  # fmt: skip
    i, j, _ = bucket_pairs(facts, np.eye(4, dtype=np.float32), [0, 1, 2, 3])
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 2), (0, 3), (1, 3), (2, 3)]


def test_counts_of_two_named_doers_are_two_facts_but_two_sources_readings_are_one() -> None:
    """ "The Tories secured 131 seats" and "the Liberal Democrats won 71 seats" count two parties' seats; "the
    USGS measured 5.9" and "AFAD measured 6.1" are two sources' readings of one quake, to be set side by side."""
    from factcheck.facts.model import Fact

    seats = Attribute(text="won seats", noun="seat", event="win", lemmas=("seat", "win"))
    measured = Attribute(text="measured the quake", noun="quake", event="measure", lemmas=("quake", "measure"))

    def count(n: int, text: str, what: Attribute, subject: str, source: str | None = None) -> Fact:
        fact = figure(n, f"a{n}", text, what.model_copy(update={"subject": subject}))
        return fact.model_copy(update={"source": source})

    facts = [
        count(0, "131 seats", seats, "Tories"),
        count(1, "71 seats", seats, "Liberal Democrats"),
        count(2, "121 seats", seats, "Tories"),
        count(3, "magnitude 5.9", measured, "USGS", source="USGS"),
        count(4, "magnitude 6.1", measured, "AFAD", source="AFAD"),
    ]
    i, j, _ = bucket_pairs(facts, np.eye(5, dtype=np.float32), [0, 1, 2, 3, 4])
    pairs = set(zip(i.tolist(), j.tolist(), strict=True))
    assert (0, 1) not in pairs and (1, 2) not in pairs and (0, 2) in pairs
    assert (3, 4) in pairs
