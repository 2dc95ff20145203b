"""Families of copies: hand-written wire story, its reprints, a paraphrase and an independent report."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from factcheck.families import (
    FamilySettings,
    copy_edits,
    find_credits,
    find_families,
    independent_count,
    independent_sources,
)
from factcheck.ingest import read_all
from factcheck.schema import Article, Block, Report, Span

from .conftest import FIXTURES

FAMILY_DIR = FIXTURES / "families"
COPIES = {"original", "copy_gazette", "copy_reordered", "copy_figure"}


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    found, skipped = read_all([FAMILY_DIR])
    assert not skipped
    return found


def _article(aid: str, paragraphs: list[str]) -> Article:
    text, blocks = "", []
    for p in paragraphs:
        blocks.append(Block(span=Span(start=len(text), end=len(text) + len(p)), text=p))
        text += p + "\n\n"
    return Article(id=aid, path=f"{aid}.txt", text=text, blocks=tuple(blocks))


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower().replace("’", "'"))


def test_families_copies_form_one_family_and_rewrites_stay_out(articles: list[Article]) -> None:
    result = find_families(articles)
    assert len(result.families) == 1
    family = result.families[0]
    assert set(family.members) == COPIES
    assert result.of("paraphrase") is None  # a translation-like rewrite is not a copy
    assert result.of("independent") is None  # it quotes the same chief word for word, but writes its own story
    assert {result.of(a) for a in COPIES} == {family.id}


def test_families_original_is_the_one_on_the_agency_site(articles: list[Article]) -> None:
    family = find_families(articles).families[0]
    assert (family.original, family.original_reason) == ("original", "agency")
    assert family.credits == ("AP",)


def test_families_shared_passages_point_at_the_same_words(articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    family = find_families(articles).families[0]
    assert family.passages
    for p in family.passages:
        mine = by_id[p.article_id].text[p.span.start : p.span.end]
        theirs = by_id[p.other_id].text[p.other_span.start : p.other_span.end]
        a, b = _words(mine), _words(theirs)
        assert a[:3] == b[:3] and a[-3:] == b[-3:]  # the passage starts and ends on shared words
        assert p.words <= len(a)
        assert "freight train derails" not in mine.lower()  # headlines are not read


def test_families_reordered_paragraphs_share_several_passages(articles: list[Article]) -> None:
    family = find_families(articles).families[0]
    pairs = [p for p in family.passages if {p.article_id, p.other_id} == {"original", "copy_reordered"}]
    assert len(pairs) >= 3


def test_families_are_independent_of_input_order(articles: list[Article]) -> None:
    forward = find_families(articles)
    backward = find_families(list(reversed(articles)))
    assert {a.id: forward.of(a.id) for a in articles} == {a.id: backward.of(a.id) for a in articles}
    assert forward.families[0].original == backward.families[0].original


@pytest.mark.parametrize(
    ("text", "agencies"),
    [
        ("MILLBROOK, Ohio (AP) — A train derailed.", ["AP"]),
        ("LONDON, Jan 18 (Reuters) - Microsoft said.", ["Reuters"]),
        ("PARIS (AFP) - Firefighters were honoured.", ["AFP"]),
        ("The Associated Press contributed to this report.", ["AP"]),
        ("Associated Press writers Jane Doe and John Roe in Ankara contributed.", ["AP"]),
        ("(Reporting by David Shepardson; Editing by Chris Reese)", ["Reuters"]),
        ("The lander touched down, according to Xinhua.", ["Xinhua"]),
        ("BEIJING, Aug. 23 — Xinhua\n\nThe lander touched down.", ["Xinhua"]),
        ("Copyright 2024 The Associated Press. All rights reserved.", ["AP"]),
        ("The storm moved east, the forecaster said. — AP", ["AP"]),
        ("The minister told Reuters on Monday that talks would go on.", []),
        ("(AP Photo/Jane Doe) Crews at the scene.", []),
        ("Police stand guard. Picture: AFP/ZAKARIA ABDELKAFI", []),
    ],
)
def test_families_reads_credits(text: str, agencies: list[str]) -> None:
    article = _article("a", [text])
    assert [c.agency for c in find_credits(article)] == agencies
    for credit in find_credits(article):
        assert article.text[credit.span.start : credit.span.end] == credit.text


SHARED = "the harbour authority said the two cranes would stay closed until engineers"  # 12 words


@pytest.mark.parametrize(("credit_a", "credit_b", "family"), [("", "", False), ("(AP) — ", "(AP) — ", True)])
def test_families_a_shared_credit_lowers_the_bar(credit_a: str, credit_b: str, family: bool) -> None:
    a = _article("a", [f"PORTVILLE {credit_a}Ships waited offshore on Tuesday as {SHARED} finish their checks."])
    b = _article("b", [f"PORTVILLE {credit_b}Dock workers gathered at the gates while {SHARED} could inspect them."])
    assert (find_families([a, b]).of("a") is not None) is family


def test_families_credits_alone_make_no_family() -> None:
    a = _article("a", ["WASHINGTON (AP) — The Senate passed the budget bill late on Thursday after a long debate."])
    b = _article("b", ["NAIROBI, Kenya (AP) — Heavy rains flooded parts of the capital, cutting power to thousands."])
    result = find_families([a, b])
    assert result.families == ()
    assert set(result.credits) == {"a", "b"}


def test_families_shared_quotes_are_not_copies() -> None:
    quote = '"We will rebuild every home that was lost, and we will not leave anyone behind in this town," '
    a = _article("a", [quote + "the mayor said at a news conference on Friday morning outside city hall."])
    b = _article("b", ["Speaking to residents in a church basement, the mayor repeated her pledge: " + quote.strip()])
    assert find_families([a, b]).families == ()


def test_families_copy_edits_report_the_figure_the_qualifier_and_the_added_sentence(articles: list[Article]) -> None:
    family = find_families(articles).families[0]
    edits = copy_edits(family, articles)
    by_copy: dict[str, list[tuple[str, str, str, str]]] = {}
    for e in edits:
        assert e.original_id == "original"
        by_copy.setdefault(e.copy_id, []).append((e.kind, e.change, e.original_text, e.copy_text))
    assert ("number", "replaced", "320", "230") in by_copy["copy_figure"]
    assert ("qualifier", "dropped", "at least", "") in by_copy["copy_gazette"]
    added = [e for e in by_copy["copy_gazette"] if e[:2] == ("sentence", "added")]
    assert len(added) == 1 and added[0][3].startswith("The Valley Gazette's own reporters")
    assert by_copy["copy_reordered"] == [("wording", "replaced", "Residents", "Locals")]  # reordering is no edit
    by_id = {a.id: a for a in articles}
    for e in edits:
        assert by_id[e.copy_id].text[e.copy_span.start : e.copy_span.end].startswith(e.copy_text.split(" / ")[0])
        assert (
            by_id[e.original_id]
            .text[e.original_span.start : e.original_span.end]
            .startswith(e.original_text.split(" / ")[0])
        )


def test_families_count_independent_sources(articles: list[Article]) -> None:
    result = find_families(articles)
    ids = [a.id for a in articles]
    assert independent_count(ids, result) == 3  # the wire story, the paraphrase, the local report
    assert independent_count(["copy_gazette", "copy_figure"], result) == 1
    assert independent_count(["paraphrase", "independent", "unknown"], result) == 3


def test_families_independent_sources_go_by_passage(articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    result = find_families(articles)

    def at(aid: str, words: str) -> tuple[str, Span]:
        start = by_id[aid].text.index(words)
        return aid, Span(start=start, end=start + len(words))

    shared = [at("original", "320 homes"), at("copy_gazette", "320 homes")]
    assert independent_sources(shared, result) == 1
    added = [at("original", "Route") if "Route" in by_id["original"].text else at("original", "Cedar Street")]
    added.append(at("copy_gazette", "Route 9 bridge"))  # the Gazette's own paragraph: not the wire's
    assert independent_sources(added, result) == 2
    assert independent_sources([("copy_gazette", None), ("original", None)], result) == 1


def test_families_html_copy_spans_point_into_the_raw_file(articles: list[Article], tmp_path: Path) -> None:
    figure = next(a for a in articles if a.id == "copy_figure")
    paragraphs = [b.text for b in figure.blocks if b.kind == "paragraph"]
    body = "".join(f"<p>{p.replace('230', '<b>230</b>')}</p>\n" for p in paragraphs)
    page = f"<html><head><title>Derailment</title></head><body><article>{body}</article></body></html>"
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    html, _ = read_all([tmp_path / "page.html"])
    original = next(a for a in articles if a.id == "original")
    result = find_families([original, *html])
    assert result.of("page") is not None
    for p in result.families[0].passages:
        span = p.span if p.article_id == "page" else p.other_span
        assert "freight train" in page[span.start : span.end] or "Fire Chief" in page[span.start : span.end]


def test_families_settings_are_validated() -> None:
    with pytest.raises(ValueError):
        FamilySettings(shingle=1)
    with pytest.raises(ValueError):
        FamilySettings(unknown=3)  # type: ignore[call-arg]


def test_families_a_paraphrase_shares_few_exact_shingles(articles: list[Article]) -> None:
    # the rule the fixtures were written to: light edits keep most 5-word shingles, the rewrite almost none
    def shingles(a: Article) -> set[tuple[str, ...]]:
        words = [w for b in a.blocks if b.kind == "paragraph" for w in _words(b.text)]
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    by_id = {a.id: shingles(a) for a in articles}
    original = by_id["original"]
    for copy in ("copy_gazette", "copy_reordered", "copy_figure"):
        assert len(by_id[copy] & original) / len(by_id[copy]) > 0.6
    assert len(by_id["paraphrase"] & original) / len(by_id["paraphrase"]) < 0.05


def test_families_synthetic_copies_regroup(articles: list[Article]) -> None:
    rng = random.Random(7)
    original = next(a for a in articles if a.id == "original")
    paragraphs = [b.text for b in original.blocks if b.kind == "paragraph"]
    made = []
    for n in range(12):
        kept = rng.sample(paragraphs, k=5)
        edited = []
        for p in kept:
            words = p.split()
            for _ in range(2):
                words[rng.randrange(len(words))] = rng.choice(["local", "several", "new", "major"])
            edited.append(" ".join(words))
        made.append(_article(f"copy{n}", edited))
    others = [a for a in articles if a.id in ("paraphrase", "independent")]
    result = find_families([*made, *others])
    assert len(result.families) == 1 and len(result.families[0].members) == 12


def test_families_report_carries_them(tmp_path: Path) -> None:
    from factcheck.config import Config
    from factcheck.embed import HashingEmbedder
    from factcheck.pipeline import Backends, check

    report = check([FAMILY_DIR], config=Config(cache_dir=tmp_path), backends=Backends(embedder=HashingEmbedder()))
    family_of = {a.id: a.family for a in report.articles}
    assert {a for a, f in family_of.items() if f} == COPIES
    assert len(report.families) == 1 and report.families[0].passages
    again = Report.model_validate_json(report.model_dump_json())
    assert again.families == report.families
