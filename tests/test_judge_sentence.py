"""The comparator: typed differences, editorial kinds, `pairs` rows, and the cross-encoder plug-in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from factcheck.embed import HashingEmbedder
from factcheck.errors import InputError, ModelError
from factcheck.facts.model import Slots
from factcheck.facts.slots import SlotExtractor, extract_fast
from factcheck.judge.sentence import (
    Comparator,
    Side,
    compare_pairs,
    diff_slots,
    direct_negation,
    evidence_sentences,
    focus_evidence,
    load_comparator,
)


class FixedScorer:
    """Always returns the same probabilities (agree, contradict, neutral)."""

    def __init__(self, agree: float, contradict: float, neutral: float) -> None:
        self.p = np.array([agree, contradict, neutral])

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return np.tile(self.p, (len(X), 1))


def side(text: str, published: date | None = None) -> Side:
    return Side(text=text, slots=extract_fast(text, published), published=published)


NEUTRAL = Comparator(FixedScorer(0.3, 0.2, 0.5))
AGREE = Comparator(FixedScorer(0.7, 0.1, 0.2))
CONTRA = Comparator(FixedScorer(0.1, 0.7, 0.2))


def test_judge_sentence_participants_differ_is_discrepancy_naming_groups() -> None:
    v = AGREE.compare(
        side("A crew of European and American astronauts arrived at the International Space Station."),
        side(
            "The International Space Station is currently home to a crew of American astronauts and Russian cosmonauts."
        ),
        0.7,
    )
    assert v.type == "participants" and v.kind in {"discrepancy", "contradiction"}
    assert "European astronauts" in v.explanation and "Russian cosmonauts" in v.explanation


def test_judge_sentence_moon_and_earth_are_a_location_contradiction() -> None:
    v = AGREE.compare(
        side("NASA hopes to send a human expedition to the earth."),
        side("NASA hopes to send a human expedition to the Moon."),
        0.9,
    )
    assert (v.label, v.kind, v.type) == ("contradict", "contradiction", "location")
    assert "Earth" in v.explanation and "Moon" in v.explanation


def test_judge_sentence_city_inside_its_country_is_not_a_conflict() -> None:
    def at(place: str) -> Side:
        return Side(text=f"Rogozin spoke in {place}.", slots=Slots(places=(place,)))

    assert diff_slots(at("Yekaterinburg"), at("Russia")).features["place_conflict"] == 0.0
    d = diff_slots(at("Paris"), at("Russia"))
    assert d.features["place_conflict"] == 1.0
    assert d.differences[0].type == "location"


def test_judge_sentence_misspelling_is_an_entity_discrepancy() -> None:
    v = CONTRA.compare(
        side("The space agency Roscomos agreed with the CNSA."),
        side("The space agency Roscosmos agreed with the CNSA."),
        0.9,
    )
    assert (v.kind, v.type) == ("discrepancy", "entity")
    assert "Roscomos" in v.explanation and "Roscosmos" in v.explanation


def test_judge_sentence_titles_in_different_years_are_time_scoped() -> None:
    v = CONTRA.compare(
        side("Russian Deputy Prime Minister Dmitry Rogozin met Chinese officials.", date(2016, 7, 20)),
        side("Dmitry Rogozin, the chief executive of Roscosmos, met Chinese officials.", date(2022, 5, 2)),
        0.8,
    )
    assert (v.kind, v.type) == ("time_scoped", "role")
    assert "deputy prime minister" in v.explanation and "2016" in v.explanation


def test_judge_sentence_relative_dates_with_unknown_publication_cannot_be_told() -> None:
    v = CONTRA.compare(
        side("Russian cosmonauts conducted a spacewalk earlier this week."),
        side("Russian cosmonauts conducted a spacewalk last week."),
        0.9,
    )
    assert (v.label, v.kind, v.type) == ("neutral", "discrepancy", "date")
    assert "earlier this week" in v.explanation and "unknown" in v.explanation
    assert "about the same time" in v.explanation


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The board met on Wednesday.", "The board met recently."),
        ("The board met in February.", "The board met last year."),
        ("The board met last month.", "The board met in recent months."),
        ("The board met one year later.", "The board met last June."),
        ("The board met the next day.", "The board met on Friday."),
    ],
)
def test_judge_sentence_publication_relative_dates_that_can_overlap_are_no_difference(first: str, second: str) -> None:
    for comparator in (NEUTRAL, AGREE):
        v = comparator.compare(side(first), side(second), 0.9)
        assert v.type != "date" and v.kind != "discrepancy"
    d = diff_slots(side(first), side(second))
    assert not [x for x in d.differences if x.type == "date"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The board met earlier this week.", "The board met last week."),
        ("The board met last month.", "The board met next month."),
        ("The board met yesterday.", "The board met tomorrow."),
        ("The board met on Tuesday.", "The board met on Thursday."),
    ],
)
def test_judge_sentence_publication_relative_dates_never_overlapping_are_a_discrepancy(first: str, second: str) -> None:
    v = NEUTRAL.compare(side(first), side(second), 0.9)
    assert (v.kind, v.type) == ("discrepancy", "date")
    assert "published at about the same time" in v.explanation


def test_judge_sentence_relative_dates_use_known_publication_dates() -> None:
    # both known: each is read against its own date, so these are the same week
    v = NEUTRAL.compare(
        side("The board met earlier this week.", date(2023, 3, 9)),
        side("The board met last week.", date(2023, 3, 14)),
        0.9,
    )
    assert v.type != "date"
    v = NEUTRAL.compare(
        side("The board met earlier this week.", date(2023, 3, 9)),
        side("The board met last week.", date(2023, 3, 9)),
        0.9,
    )
    assert (v.kind, v.type) == ("discrepancy", "date")


def test_judge_sentence_an_extra_body_is_not_a_discrepancy() -> None:
    v = AGREE.compare(
        side("The two agencies will explore the Moon."), side("The two agencies will explore the Moon and Mars."), 0.9
    )
    assert v.kind == "agreement"
    assert not diff_slots(side("a trip to the Moon"), side("a trip to the Moon and Mars")).differences


def test_judge_sentence_places_in_another_role_are_not_a_location_difference() -> None:
    d = diff_slots(side("Canada said the summit was a success."), side("Mexico said the summit was a success."))
    assert d.features["place_conflict"] == 1.0
    assert not [x for x in d.differences if x.type == "location"]
    d = diff_slots(side("The summit was held in Canada."), side("The summit was held in Mexico."))
    assert [x.type for x in d.differences] == ["location"]


def test_judge_sentence_participants_of_another_kind_are_not_compared() -> None:
    d = diff_slots(
        side("American astronauts and Russian cosmonauts live on the station."),
        side("The Russian government pays for the station."),
    )
    assert not [x for x in d.differences if x.type == "participants"]


def test_judge_sentence_demonym_is_not_a_misspelling_of_its_country() -> None:
    d = diff_slots(side("A Russian base may be built."), side("Russia may build a base."))
    assert not [x for x in d.differences if x.type == "entity"]


def test_judge_sentence_longer_form_of_a_title_is_the_same_title() -> None:
    d = diff_slots(
        side("Anna Petrova, the chief executive of the national rail company, said so."),
        side("Anna Petrova, chief executive of the national rail company Railco, said so."),
    )
    assert not [x for x in d.differences if x.type == "role"]
    d = diff_slots(side("Prime Minister Anna Petrova said so."), side("Deputy Prime Minister Anna Petrova said so."))
    assert [x.type for x in d.differences] == ["role"]


def test_judge_sentence_planned_against_possible_is_not_reported() -> None:
    a = side("The two firms plan to build a plant in the north.")
    b = side("The two firms may build a plant in the north.")
    assert not diff_slots(a, b).differences
    assert NEUTRAL.compare(a, b, 0.5).kind is None


def test_judge_sentence_done_against_planned_is_a_low_confidence_discrepancy() -> None:
    v = NEUTRAL.compare(
        side("The two firms built a plant in the north."),
        side("The two firms plan to build a plant in the north."),
        0.9,
    )
    assert (v.label, v.kind, v.type) == ("neutral", "discrepancy", "other")
    assert 0.5 <= v.confidence <= 0.6
    assert "planned" in v.explanation
    low_overlap = NEUTRAL.compare(
        side("The firms opened a plant."), side("Officials say a new road will be needed soon in the region."), 0.9
    )
    assert low_overlap.type != "other"


def test_judge_sentence_high_cosine_paraphrase_is_an_agreement() -> None:
    a = side("The minister said the plant will stay open until 2030.")
    b = side("According to the minister, the factory is to remain in operation until 2030.")
    assert NEUTRAL.compare(a, b, None).kind is None  # lexical scorer alone: does not settle
    v = NEUTRAL.compare(a, b, 0.9)
    assert (v.label, v.kind) == ("agree", "agreement") and v.confidence >= 0.6
    assert NEUTRAL.compare(a, b, NEUTRAL.agree_above - 0.05).kind is None
    assert CONTRA.compare(a, b, 0.9).kind != "agreement"  # the scorer believes they contradict
    fell = NEUTRAL.compare(side("Shares rose sharply on Monday."), side("Shares fell sharply on Monday."), 0.95)
    assert fell.kind != "agreement"  # antonyms


def test_judge_sentence_loosely_related_claims_do_not_report_slot_differences() -> None:
    a = side("The mayor told reporters on Tuesday that 40 buses were bought.")
    b = side("The mayor said he and the governor met to discuss 65 new schools.")
    assert NEUTRAL.compare(a, b, None).kind == "discrepancy"  # no cosine: no gate
    v = NEUTRAL.compare(a, b, 0.5)
    assert v.kind is None and "different events" in v.explanation
    assert NEUTRAL.compare(a, b, 0.8).kind is not None


def test_judge_sentence_shared_anchor_opens_the_gate_for_related_claims() -> None:
    a = Side(
        text="Acme hopes to land a probe on the earth.", slots=extract_fast("Acme hopes to land a probe on the earth.")
    )
    b = Side(
        text="Acme expects to land a rover on the Moon by 2030.",
        slots=extract_fast("Acme expects to land a rover on the Moon by 2030."),
    )
    v = AGREE.compare(a, b, 0.5)
    assert (v.label, v.kind, v.type) == ("contradict", "contradiction", "location")
    assert NEUTRAL.compare(a, b, 0.3).kind is None  # below the lower gate nothing opens it
    # a name shared only as the speaker pins nothing down
    c = Side(
        text="Petrova said a road was built on Tuesday.",
        slots=extract_fast("Petrova said a road was built on Tuesday."),
        speaker="Anna Petrova",
    )
    d = Side(
        text="Petrova said a bridge opened on Friday.",
        slots=extract_fast("Petrova said a bridge opened on Friday."),
        speaker="Anna Petrova",
    )
    assert NEUTRAL.compare(c, d, 0.5).kind is None
    assert NEUTRAL.compare(c, d, 0.8).kind == "discrepancy"


def test_judge_sentence_plan_and_fact_dates_are_not_compared() -> None:
    d = diff_slots(side("The ministers met last month."), side("The ministers will meet again this month."))
    assert not [x for x in d.differences if x.type == "date"]


def test_judge_sentence_untyped_contradiction_gets_no_lower_gate() -> None:
    confident = Comparator(FixedScorer(0.05, 0.9, 0.05))
    a, b = side("The talks went well for everyone."), side("Everyone was unhappy with how the talks went.")
    assert confident.compare(a, b, 0.5).kind is None
    assert confident.compare(a, b, 0.8).kind == "contradiction"


def test_judge_sentence_without_similarity_has_no_gate() -> None:
    v = CONTRA.compare(side("The bridge is 40 km long."), side("The bridge is 55 km long."), None)
    assert (v.kind, v.type) == ("contradiction", "number")


def test_judge_sentence_vague_duration_overlaps_exact_one() -> None:
    a, b = side("The spacewalk lasted 7 hours and 42 minutes."), side("The spacewalk lasted several hours.")
    d = diff_slots(a, b)
    assert d.features["q_conflict"] == 0.0 and d.features["q_match"] == 1.0
    assert NEUTRAL.compare(a, b, 0.9).kind == "agreement"
    d = diff_slots(side("The spacewalk lasted 7 hours."), side("The spacewalk lasted 12 hours."))
    assert d.features["q_conflict"] == 1.0


def test_judge_sentence_number_contradiction_names_both_values() -> None:
    v = CONTRA.compare(side("The clerk altered nearly 200 ballots."), side("The clerk altered 350 ballots."), 0.9)
    assert (v.label, v.kind, v.type) == ("contradict", "contradiction", "number")
    assert "nearly 200" in v.explanation and "350" in v.explanation


def test_judge_sentence_updated_toll_is_time_scoped() -> None:
    v = CONTRA.compare(
        side("The death toll rose to 12.", date(2023, 1, 1)), side("The death toll rose to 30.", date(2023, 1, 3)), 0.9
    )
    assert (v.kind, v.type) == ("time_scoped", "number")


def test_judge_sentence_unrelated_claims_do_not_bear() -> None:
    v = NEUTRAL.compare(side("Bananas are yellow."), side("The parliament met on Tuesday."), 0.05)
    assert v.label == "neutral" and v.kind is None


def test_judge_sentence_pairs_contract_rows() -> None:
    rows = [
        {"id": 1, "claim": "The bridge is 40 km long.", "evidence": "The bridge is 55 km long.", "src": "x"},
        {"id": "b", "claim": "It opened in 2014.", "evidence": "It opened in 2014."},
    ]
    out = compare_pairs(rows, CONTRA, SlotExtractor(None), HashingEmbedder())
    assert [o["id"] for o in out] == [1, "b"]
    assert out[0]["src"] == "x"
    for o in out:
        assert o["label"] in {"agree", "contradict", "neutral"}
        assert 0.0 <= o["confidence"] <= 1.0 and o["explanation"]
        assert (o["type"] is None) == (o["label"] != "contradict")
    assert out[0]["type"] == "number"


def test_judge_sentence_pairs_rejects_bad_rows() -> None:
    with pytest.raises(InputError, match="row 1"):
        compare_pairs([{"id": 1, "claim": 3}], CONTRA, SlotExtractor(None), None)


def test_judge_sentence_shipped_model_on_user_cases() -> None:
    comparator = load_comparator()
    rows = [
        {
            "id": "dur",
            "claim": "The spacewalk lasted 7 hours and 42 minutes.",
            "evidence": "The spacewalk lasted several hours.",
        },
        {
            "id": "num",
            "claim": "The agency launched 12 satellites in 2020.",
            "evidence": "The agency launched 31 satellites in 2020.",
        },
        {
            "id": "same",
            "claim": "The agency launched 12 satellites in 2020.",
            "evidence": "In 2020 the agency launched 12 satellites.",
        },
    ]
    out = {o["id"]: o for o in compare_pairs(rows, comparator, SlotExtractor(None), None)}
    assert out["dur"]["label"] != "contradict"
    assert out["num"]["label"] == "contradict" and out["num"]["type"] == "number"
    assert out["same"]["label"] == "agree"


def test_judge_sentence_load_comparator_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        load_comparator(tmp_path / "nope.safetensors")
    with pytest.raises(ModelError):
        load_comparator(cross_encoder=str(tmp_path / "no-folder"))


def _tiny_cross_encoder(folder: Path) -> None:
    """A randomly initialised two-layer BERT saved as a sentence-transformers CrossEncoder (no download)."""
    from sentence_transformers import CrossEncoder
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "moon", "earth", "crew", "arrived", "a", "to"]
    vocab = folder / "vocab.txt"
    folder.mkdir(parents=True)
    vocab.write_text("\n".join(words) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(vocab))
    config = BertConfig(
        vocab_size=len(words),
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=3,
        id2label={0: "contradiction", 1: "entailment", 2: "neutral"},
        label2id={"contradiction": 0, "entailment": 1, "neutral": 2},
    )
    model = BertForSequenceClassification(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    CrossEncoder(str(folder), device="cpu").save(str(folder))


@pytest.mark.slow
def test_judge_sentence_cross_encoder_plugs_in(tmp_path: Path) -> None:
    folder = tmp_path / "ce"
    _tiny_cross_encoder(folder)
    comparator = load_comparator(cross_encoder=str(folder))
    assert comparator.cross_encoder is not None
    proba = comparator.cross_encoder.predict_proba([("the crew arrived", "the crew arrived to the moon")])
    assert proba.shape == (1, 3) and np.isclose(proba.sum(), 1.0)
    rows = [{"id": 1, "claim": "the crew arrived to the moon", "evidence": "the crew arrived to the earth"}]
    (out,) = compare_pairs(rows, comparator, SlotExtractor(None), None)
    assert out["label"] in {"agree", "contradict", "neutral"} and 0.0 <= out["confidence"] <= 1.0


def test_judge_sentence_direct_negation_is_a_contradiction() -> None:
    v = NEUTRAL.compare(
        side("The council did not approve the budget."), side("The council approved the budget on Tuesday."), None
    )
    assert (v.label, v.kind, v.type) == ("contradict", "contradiction", "negation")
    assert v.confidence >= 0.6 and "denies exactly" in v.explanation


def test_judge_sentence_direct_negation_covers_refusals_and_irregular_verbs() -> None:
    assert direct_negation("The mayor refused to sign the order.", "The mayor signed the order.")
    assert direct_negation("He didn't say the plant would close.", "He said the plant would close.")


def test_judge_sentence_negation_of_something_else_is_not_a_contradiction() -> None:
    # "X did not say Y" against "X said Z": the denial is about another statement
    v = CONTRA.compare(
        side("The minister did not say the plant would close."), side("The minister said the plant would open."), None
    )
    assert v.label == "neutral" and v.type == "negation" and v.kind == "discrepancy"
    assert not direct_negation(
        "The council did not approve the budget.", "The council approved a plan to cut the budget."
    )
    assert not direct_negation(
        "The film is not a thriller.", "The film is a thriller set in Paris with a score by Ravel."
    )


def test_judge_sentence_direct_negation_with_another_difference_is_not_forced() -> None:
    v = NEUTRAL.compare(
        side("The council did not approve the budget on 3 March 2021."),
        side("The council approved the budget on 9 June 2021."),
        None,
    )
    assert v.type != "negation"


def test_judge_sentence_pairs_direct_negation_with_shipped_model() -> None:
    rows = [
        {
            "id": 1,
            "claim": "The council did not approve the budget.",
            "evidence": "The council approved the budget on Tuesday.",
        }
    ]
    (out,) = compare_pairs(rows, load_comparator(), SlotExtractor(None), None)
    assert (out["label"], out["type"]) == ("contradict", "negation")


def test_judge_sentence_focus_evidence_picks_the_sentences_about_the_claim() -> None:
    evidence = (
        "The bridge crosses the bay. Construction began in 2009. It is 55 km long. "
        "Tolls were dropped in 2019 after protests."
    )
    assert focus_evidence("The bridge is 40 km long.", evidence) == "The bridge crosses the bay. It is 55 km long."
    assert focus_evidence("Construction began in 2009.", evidence) == "Construction began in 2009."
    single = "The bridge, built by Acme Corp. in 2009, is 55 km long."
    assert focus_evidence("The bridge is 40 km long.", single) == single
    assert evidence_sentences("Ron was tired.<br>He slept.") == ("Ron was tired.", "He slept.")


def test_judge_sentence_pairs_reads_a_paragraph_through_its_relevant_sentence() -> None:
    rows = [
        {
            "id": 1,
            "claim": "The bridge is 40 km long.",
            "evidence": "The bridge crosses the bay. Construction began in 2009. It is 55 km long.",
        }
    ]
    (out,) = compare_pairs(rows, CONTRA, SlotExtractor(None), None)
    assert out["type"] == "number" and "55 km" in out["explanation"]


@pytest.mark.parametrize(
    ("word", "known", "expected"),
    [
        ("roscomos", ["roscosmos", "china"], "roscosmos"),
        ("rogozim", ["rogozin"], "rogozin"),
        ("administrator", ["administration"], None),  # two forms of one word
        ("russian", ["russia"], None),  # a demonym
        ("argentinians", ["argentina"], None),  # a place's people
        ("chinese", ["china"], None),
        ("tochuameni", ["tchouameni"], "tchouameni"),  # a player's name, letters swapped
        ("nasa", ["nasb"], None),  # too short to judge
    ],
)
def test_judge_sentence_near_miss_names(word: str, known: list[str], expected: str | None) -> None:
    from factcheck.judge.sentence import near_miss

    assert near_miss(word, known) == expected
