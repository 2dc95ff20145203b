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
