"""The pipeline's wiring, with the hashing embedder and no spaCy (no model loads)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck.config import Config
from factcheck.embed import HashingEmbedder
from factcheck.errors import InputError
from factcheck.pipeline import Backends, check, failing
from factcheck.render import render

from .conftest import FIXTURES


@pytest.fixture
def backends() -> Backends:
    """No model at all: the hashing embedder and the parse-free fact path."""
    return Backends(embedder=HashingEmbedder(), nlp=None)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(cache_dir=tmp_path / "cache", cluster_threshold=0.5, match_threshold=0.5)


def test_pipeline_cross_check_finds_agreements_and_contradictions(backends: Backends, config: Config) -> None:
    report = check([FIXTURES / "story"], config=config, backends=backends)
    assert report.mode == "cross"
    assert len(report.articles) == 3
    kinds = {f.kind for f in report.findings}
    assert {"agreement", "contradiction"} <= kinds
    (cost,) = [f for f in report.findings if f.kind == "contradiction" and any("$9" in v.value for v in f.values)]
    assert {v.value for v in cost.values} == {"$9 million", "$4.2 million"}  # one finding, every source's value
    by_id = {c.id: c for c in report.claims}
    for f in report.findings:
        assert len({v.article_id for v in f.values}) >= 2
        for v in f.values:
            assert by_id[v.claim_id].article_id == v.article_id
    clustered = sorted(c for cl in report.clusters for c in cl.claim_ids)
    assert clustered == sorted(by_id)


def test_pipeline_output_is_byte_identical_across_runs(backends: Backends, config: Config) -> None:
    first = check([FIXTURES / "story"], config=config, backends=backends)
    second = check([FIXTURES / "story"], config=config, backends=backends)
    for fmt in ("json", "md", "sarif"):
        assert render(first, fmt) == render(second, fmt)  # type: ignore[arg-type]


def test_pipeline_draft_mode_labels_every_draft_claim(backends: Backends, config: Config) -> None:
    sources = [FIXTURES / "story" / "gazette.md", FIXTURES / "story" / "herald.txt"]
    report = check([FIXTURES / "drafts" / "contradicted.md"], sources, config=config, backends=backends)
    assert report.mode == "draft" and report.drafts
    draft_claims = [c for c in report.claims if c.article_id in report.drafts]
    firsts = {f.claim_ids[0] for f in report.findings}
    assert {c.id for c in draft_claims} <= firsts
    assert failing(report, "contradiction")
    assert not failing(report, "never")


def test_pipeline_unrelated_draft_claim_is_unsupported(backends: Backends, config: Config, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("A purple giraffe opened a bakery in Lisbon yesterday.\n")
    report = check([draft], [FIXTURES / "story" / "gazette.md"], config=config, backends=backends)
    assert [f.kind for f in report.findings] == ["unsupported"]
    assert failing(report, "unsupported") and not failing(report, "discrepancy")


def test_pipeline_bad_file_is_skipped_not_fatal(backends: Backends, config: Config, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "story" / "gazette.md", tmp_path / "good.md")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken\x00")
    report = check([tmp_path], config=config, backends=backends)
    assert [s.path for s in report.skipped] == [str(tmp_path / "bad.txt")]
    assert report.claims


def test_pipeline_nothing_readable_is_an_input_error(backends: Backends, config: Config, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken\x00")
    with pytest.raises(InputError):
        check([tmp_path], config=config, backends=backends)


def test_pipeline_reports_two_values_within_one_source(backends: Backends, config: Config, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The bridge repairs will cost $4 million.\n\nThe bridge repairs will cost $9 million.\n")
    other = tmp_path / "b.txt"
    other.write_text("A purple giraffe opened a bakery in Lisbon.\n")
    report = check([article, other], config=config, backends=backends)
    (inner,) = [f for f in report.findings if f.reason == "within_source"]
    assert inner.kind == "discrepancy"  # one source's two figures: to check, not a contradiction
    assert {v.article_id for v in inner.values} == {"a"}
    assert inner.reason == "within_source"


def test_pipeline_flags_a_name_one_source_spells_unlike_the_others(
    backends: Backends, config: Config, tmp_path: Path
) -> None:
    texts = {
        "a.txt": "The agency Roscosmos signed the deal on Monday.\n",
        "b.txt": "Officials at Roscosmos welcomed the new launch schedule.\n",
        "c.txt": "A spokesman for Roscomos said the rocket was ready.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    report = check([tmp_path], config=config, backends=backends)
    (found,) = [f for f in report.findings if f.type == "entity"]
    assert "'Roscomos' in c looks like a misspelling of 'Roscosmos'" in found.explanation
    assert found.kind == "discrepancy" and found.reason == "misspelling"


def test_pipeline_draft_misspelling_a_sources_name_is_a_discrepancy(
    backends: Backends, config: Config, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("The Rivertown city council voted 7-2 on Tuesday to close the Old Mill Bridge.\n")
    report = check(
        [draft],
        [FIXTURES / "story" / "gazette.md", FIXTURES / "story" / "herald.txt"],
        config=config,
        backends=backends,
    )
    spelt = [f for f in report.findings if f.type == "entity"]
    assert spelt and "'Rivertown'" in spelt[0].explanation and "'Riverton'" in spelt[0].explanation
    assert failing(report, "discrepancy")


def test_pipeline_uses_the_learned_cluster_model_unless_hand_tuned(backends: Backends, config: Config) -> None:
    learned = check([FIXTURES / "story"], config=config, backends=backends)
    assert str(learned.settings["cluster_model"]).startswith("ECB+ topics")
    assert "story_penalty" not in learned.settings
    hand = check(
        [FIXTURES / "story"], config=config.model_copy(update={"hand_tuned_clusters": True}), backends=backends
    )
    assert "cluster_model" not in hand.settings and hand.settings["story_penalty"] == config.story_penalty
    for report in (learned, hand):
        assert sorted(c for cl in report.clusters for c in cl.claim_ids) == sorted(c.id for c in report.claims)


def test_fact_windows_index_the_text_they_were_read_from() -> None:
    """A claim rewritten to stand alone ("It [The quake] ...") no longer has the offsets of its parse."""
    from factcheck.parse import Parsed
    from factcheck.pipeline import _windowed_text
    from factcheck.schema import Claim, Span

    def claim(text: str) -> Claim:
        return Claim(id="a:0", article_id="a", text=text, span=Span(start=0, end=len(text)))

    def parsed(text: str) -> Parsed:
        return Parsed(text=text, to_file=lambda s, e: Span(start=s, end=e))

    read = "It was centred about 60 miles from the border."
    assert _windowed_text(claim("It [The quake] was centred about 60 miles from the border."), parsed(read)) == read
    assert _windowed_text(claim("Work was shifting."), parsed("work was shifting.")) == "Work was shifting."
