"""The comparator: typed differences, editorial kinds, `pairs` rows, and the cross-encoder plug-in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from factcheck.compare import Comparator, Side, compare_pairs, diff_slots, load_comparator
from factcheck.embed import HashingEmbedder
from factcheck.errors import InputError, ModelError
from factcheck.slots import SlotExtractor, Slots, extract_fast


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


def test_compare_participants_differ_is_discrepancy_naming_groups() -> None:
    v = AGREE.compare(
        side("A crew of European and American astronauts arrived at the International Space Station."),
        side(
            "The International Space Station is currently home to a crew of American astronauts and Russian cosmonauts."
        ),
        0.7,
    )
    assert v.type == "participants" and v.kind in {"discrepancy", "contradiction"}
    assert "European astronauts" in v.explanation and "Russian cosmonauts" in v.explanation


def test_compare_moon_and_earth_are_a_location_contradiction() -> None:
    v = AGREE.compare(
        side("NASA hopes to send a human expedition to the earth."),
        side("NASA hopes to send a human expedition to the Moon."),
        0.9,
    )
    assert (v.label, v.kind, v.type) == ("contradict", "contradiction", "location")
    assert "Earth" in v.explanation and "Moon" in v.explanation


def test_compare_city_inside_its_country_is_not_a_conflict() -> None:
    def at(place: str) -> Side:
        return Side(text=f"Rogozin spoke in {place}.", slots=Slots(places=(place,)))

    assert diff_slots(at("Yekaterinburg"), at("Russia")).features["place_conflict"] == 0.0
    d = diff_slots(at("Paris"), at("Russia"))
    assert d.features["place_conflict"] == 1.0
    assert d.differences[0].type == "location"


def test_compare_misspelling_is_an_entity_discrepancy() -> None:
    v = CONTRA.compare(
        side("The space agency Roscomos agreed with the CNSA."),
        side("The space agency Roscosmos agreed with the CNSA."),
        0.9,
    )
    assert (v.kind, v.type) == ("discrepancy", "entity")
    assert "Roscomos" in v.explanation and "Roscosmos" in v.explanation


def test_compare_titles_in_different_years_are_time_scoped() -> None:
    v = CONTRA.compare(
        side("Russian Deputy Prime Minister Dmitry Rogozin met Chinese officials.", date(2016, 7, 20)),
        side("Dmitry Rogozin, the chief executive of Roscosmos, met Chinese officials.", date(2022, 5, 2)),
        0.8,
    )
    assert (v.kind, v.type) == ("time_scoped", "role")
    assert "deputy prime minister" in v.explanation and "2016" in v.explanation


def test_compare_relative_dates_with_unknown_publication_cannot_be_told() -> None:
    v = CONTRA.compare(
        side("Russian cosmonauts conducted a spacewalk earlier this week."),
        side("Russian cosmonauts conducted a spacewalk last week."),
        0.9,
    )
    assert (v.label, v.kind, v.type) == ("neutral", "discrepancy", "date")
    assert "earlier this week" in v.explanation and "unknown" in v.explanation


def test_compare_vague_duration_overlaps_exact_one() -> None:
    d = diff_slots(side("The spacewalk lasted 7 hours and 42 minutes."), side("The spacewalk lasted several hours."))
    assert d.features["q_conflict"] == 0.0 and d.features["q_match"] == 1.0
    d = diff_slots(side("The spacewalk lasted 7 hours."), side("The spacewalk lasted 12 hours."))
    assert d.features["q_conflict"] == 1.0


def test_compare_number_contradiction_names_both_values() -> None:
    v = CONTRA.compare(side("The clerk altered nearly 200 ballots."), side("The clerk altered 350 ballots."), 0.9)
    assert (v.label, v.kind, v.type) == ("contradict", "contradiction", "number")
    assert "nearly 200" in v.explanation and "350" in v.explanation


def test_compare_updated_toll_is_time_scoped() -> None:
    v = CONTRA.compare(
        side("The death toll rose to 12.", date(2023, 1, 1)), side("The death toll rose to 30.", date(2023, 1, 3)), 0.9
    )
    assert (v.kind, v.type) == ("time_scoped", "number")


def test_compare_unrelated_claims_do_not_bear() -> None:
    v = NEUTRAL.compare(side("Bananas are yellow."), side("The parliament met on Tuesday."), 0.05)
    assert v.label == "neutral" and v.kind is None


def test_compare_pairs_contract_rows() -> None:
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


def test_compare_pairs_rejects_bad_rows() -> None:
    with pytest.raises(InputError, match="row 1"):
        compare_pairs([{"id": 1, "claim": 3}], CONTRA, SlotExtractor(None), None)


def test_compare_shipped_model_on_user_cases() -> None:
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


def test_compare_load_comparator_missing_file(tmp_path: Path) -> None:
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
def test_compare_cross_encoder_plugs_in(tmp_path: Path) -> None:
    folder = tmp_path / "ce"
    _tiny_cross_encoder(folder)
    comparator = load_comparator(cross_encoder=str(folder))
    assert comparator.cross_encoder is not None
    proba = comparator.cross_encoder.predict_proba([("the crew arrived", "the crew arrived to the moon")])
    assert proba.shape == (1, 3) and np.isclose(proba.sum(), 1.0)
    rows = [{"id": 1, "claim": "the crew arrived to the moon", "evidence": "the crew arrived to the earth"}]
    (out,) = compare_pairs(rows, comparator, SlotExtractor(None), None)
    assert out["label"] in {"agree", "contradict", "neutral"} and 0.0 <= out["confidence"] <= 1.0
