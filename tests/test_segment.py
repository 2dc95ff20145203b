"""Segment: atomic claims whose spans map back to the file, with speakers and resolved pronouns."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from factcheck.ingest import read_articles
from factcheck.schema import Article, Block, Claim, Span
from factcheck.segment import MAX_CLAIM_CHARS, segment

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "segment"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def nlp() -> Language:
    from factcheck.nlp import load_spacy

    return load_spacy()


def article_of(tmp_path: Path, text: str, name: str = "a.txt") -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (article,) = read_articles(path)
    return article


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def assert_spans_map_back(article: Article, claims: tuple[Claim, ...]) -> None:
    """Every span is non-empty, in range, and the claim's text ends with its passage's words.

    The first word of the passage may differ (a resolved pronoun, a dropped
    conjunction), and a time inherited from a partner clause may follow in
    brackets; everything else must be exactly the claim's last words.
    """
    for claim in claims:
        assert 0 <= claim.span.start < claim.span.end <= len(article.text), claim
        passage = article.text[claim.span.start : claim.span.end]
        assert passage.strip() == passage
        tail = words(passage)[1:]
        context = re.search(r" (\[[^\[\]]*\])[.!?]*$", claim.text)
        shown = (
            claim.text if context is None or context.group(1) in passage else claim.text.replace(context.group(0), "")
        )
        own = words(shown)
        assert own[len(own) - len(tail) :] == tail, (claim.text, passage)


def texts(claims: tuple[Claim, ...]) -> list[str]:
    return [c.text for c in claims]


# --------------------------------------------------------------------------- model-free path


def test_segment_sentences_in_order_with_valid_spans(tmp_path: Path) -> None:
    article = article_of(
        tmp_path, "Storm Hits Coast\n\nThe storm hit the coast on Monday. Dr. Lee said 40 homes lost power.\n"
    )
    claims, removed = segment(article)
    assert texts(claims) == ["The storm hit the coast on Monday.", "Dr. Lee said 40 homes lost power."]
    assert removed == ()
    assert claims[0].span.start < claims[1].span.start
    assert_spans_map_back(article, claims)


def test_segment_title_is_not_a_claim(tmp_path: Path) -> None:
    article = article_of(tmp_path, "Storm Hits Coast\n\nThe storm hit the coast on Monday.\n")
    claims, _ = segment(article)
    assert all("Storm Hits Coast" not in c.text for c in claims)


def test_segment_claim_ids_are_unique_and_stable(tmp_path: Path) -> None:
    article = article_of(tmp_path, "It rained. It rained. It rained again on Sunday.\n")
    first, _ = segment(article)
    again, _ = segment(article)
    ids = [c.id for c in first]
    assert len(set(ids)) == len(ids) == 3
    assert ids == [c.id for c in again]
    assert all(c.article_id == article.id for c in first)


def test_segment_handmade_article_without_blocks(tmp_path: Path) -> None:
    article = Article(id="x", path="x.txt", text="  The bridge opened. Traffic flowed.  ")
    claims, _ = segment(article)
    assert texts(claims) == ["The bridge opened.", "Traffic flowed."]
    assert claims[0].span == Span(start=2, end=20)


def test_segment_clock_time_does_not_end_its_sentence() -> None:
    """pysbd ends a sentence at "a.m." before a capital; a weekday or a lone time there means it goes on."""
    text = (
        "About 7:45 a.m. Tuesday, as winds raged, the ship ran aground. "
        "It shut at 9 p.m. Officials said so. At 6 a.m. The crew left."
    )
    claims, _ = segment(Article(id="x", path="x.txt", text=text))
    assert texts(claims) == [
        "About 7:45 a.m. Tuesday, as winds raged, the ship ran aground.",
        "It shut at 9 p.m.",
        "Officials said so.",
        "At 6 a.m. The crew left.",
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"We will rebuild the school," said Maria Santos.', "Maria Santos"),
        ('Maria Santos said, "We will rebuild the school."', "Maria Santos"),
        ("The plan is ready, according to Maria Santos.", "Maria Santos"),
    ],
)
def test_segment_plain_speaker_patterns(tmp_path: Path, sentence: str, speaker: str) -> None:
    claims, _ = segment(article_of(tmp_path, sentence + "\n"))
    assert [c.speaker for c in claims] == [speaker]


def test_segment_long_sentence_is_capped(tmp_path: Path) -> None:
    article = article_of(tmp_path, (FIXTURES / "longsentence.txt").read_text(encoding="utf-8"))
    claims, _ = segment(article)
    assert len(claims) >= 2
    assert all(len(c.text) <= MAX_CLAIM_CHARS for c in claims)
    assert_spans_map_back(article, claims)


def test_segment_unpunctuated_run_is_cut_flagged_and_loses_promo(tmp_path: Path) -> None:
    (article,) = read_articles(FIXTURES / "unpunctuated.txt")
    claims, removed = segment(article)
    assert len(claims) >= 3
    assert all(len(c.text) <= MAX_CLAIM_CHARS for c in claims)
    assert claims[0].truncated
    # the cut-off tail is either flagged or, when too short to state anything, left out as a fragment
    assert claims[-1].truncated or any(r.reason == "fragment that states nothing" for r in removed)
    assert not any(c.truncated for c in claims[1:-1])
    assert all("bakery" not in c.text and "striker" not in c.text for c in claims)
    assert [r.reason for r in removed if r.reason != "fragment that states nothing"] == ["promo headlines in text"]
    assert "celebrity chef" in removed[0].text
    assert_spans_map_back(article, claims)


def test_segment_complete_text_is_not_truncated(tmp_path: Path) -> None:
    claims, _ = segment(article_of(tmp_path, "The museum reopened. Visitors came back.\n"))
    assert not any(c.truncated for c in claims)


def test_segment_markdown_markup_is_masked_but_span_keeps_it() -> None:
    (article,) = read_articles(FIXTURES / "front_matter.md")
    claims, _ = segment(article)
    assert "The national rail union ended its strike on Wednesday" in claims[0].text
    assert all("**" not in c.text and "https://" not in c.text and not c.text.startswith("-") for c in claims)
    assert "**" in article.text[claims[0].span.start : claims[0].span.end]
    for claim in claims:
        passage = article.text[claim.span.start : claim.span.end]
        assert passage.lstrip("-* ").split()[0] == claim.text.split()[0]
        assert words(passage)[-1] == words(claim.text)[-1] or passage.endswith(")."), (claim.text, passage)


def test_segment_html_claim_spans_point_into_raw_html() -> None:
    (article,) = read_articles(FIXTURES / "page.html")
    claims, _ = segment(article)
    assert claims and claims[0].text.startswith("The port authority approved")
    raw = (FIXTURES / "page.html").read_text(encoding="utf-8")
    for claim in claims:
        passage = raw[claim.span.start : claim.span.end]
        assert passage.split()[0] == claim.text.split()[0]
    ampersand = next(c for c in claims if "&" in c.text)
    assert "&amp;" in raw[ampersand.span.start : ampersand.span.end]


def test_segment_jsonl_spans_point_into_text_field() -> None:
    articles = read_articles(FIXTURES / "feed.jsonl")
    for article in articles:
        claims, _ = segment(article)
        assert claims
        assert_spans_map_back(article, claims)


def test_segment_html_block_with_unmappable_text_falls_back_to_block_span() -> None:
    text = "<p>Alpha beta gamma.</p>"
    block = Block(span=Span(start=3, end=20), text="Completely different words.")
    article = Article(id="h", path="h.html", text=text, blocks=(block,))
    claims, _ = segment(article)
    assert [c.span for c in claims] == [block.span]


# --------------------------------------------------------------------------- with spaCy


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The company built a plant in Ohio, and the state gave it a tax break.",
            ["The company built a plant in Ohio", "The state gave it a tax break."],
        ),
        (
            "Sales rose by 8 percent while costs fell by 3 percent.",
            ["Sales rose by 8 percent", "Costs fell by 3 percent."],
        ),
        (
            "Shares climbed in early trading as investors welcomed the results.",
            ["Shares climbed in early trading", "Investors welcomed the results."],
        ),
        ("The engineers designed and tested the engine in two years.", None),
        # the conjuncts of a clause before the main verb stay with it: the time is the main verb's
        ("About 7:45 a.m. Tuesday, as winds raged and a sandstorm hid the bank, the ship ran aground.", None),
        ("Russia and China signed the agreement in Moscow.", None),
    ],
)
def test_segment_splits_only_clauses_with_own_subject(
    tmp_path: Path, nlp: Language, sentence: str, expected: list[str] | None
) -> None:
    article = article_of(tmp_path, sentence + "\n")
    claims, _ = segment(article, nlp)
    assert texts(claims) == (expected or [sentence])
    assert_spans_map_back(article, claims)


@pytest.mark.slow
def test_segment_quotes_keep_their_speaker(nlp: Language) -> None:
    (article,) = read_articles(FIXTURES / "quotes.txt")
    claims, _ = segment(article, nlp)
    speakers = {c.text: c.speaker for c in claims}
    assert speakers['Head coach Daniel Okafor said, "We played well for most of the game."'] == "Daniel Okafor"
    assert speakers['"The referee made two bad calls," said Okafor.'] == "Daniel Okafor"  # full name from before
    assert speakers["I am proud of the players."] == "Lena Fischer"  # same quotation, attribution later
    assert speakers['"We will be back next season."'] == "Lena Fischer"  # quote paragraph goes on
    told = next(c for c in claims if "told reporters" in c.text)
    assert told.speaker == "Marco Bianchi"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # who reports is the "by" phrase, not the subject reported on
        (
            "Sunday's earthquake, first reported as magnitude 6.1 by the Balkan Geological Institute, "
            "was later revised.",
            "the Balkan Geological Institute",
        ),
        ("The quake was reported by the USGS at 7.8.", "USGS"),
        # a "by" phrase inside the clause reported is not the speaker
        ("Officials said the town was destroyed by Hurricane Ian.", "Officials"),
    ],
)
def test_segment_speaker_of_a_passive_report_is_its_agent(nlp: Language, sentence: str, speaker: str) -> None:
    from factcheck.segment import _speaker

    assert _speaker(nlp(sentence), {}) == speaker


@pytest.mark.slow
def test_segment_resolves_claim_initial_pronouns(nlp: Language) -> None:
    (article,) = read_articles(FIXTURES / "pronouns.txt")
    headline, *claims_ = segment(article, nlp)[0]
    assert headline.text == "Minister Resigns"  # a headline with a verb is a claim too
    claims = tuple(claims_)
    # the source's own word stays and the referent is shown beside it, never silently rewritten
    assert texts(claims)[1] == "She [Anna Kowalski] had held the post since 2019."
    assert texts(claims)[3] == "It [The central bank] said inflation was slowing."
    assert texts(claims)[5] == "They [Farmers and truck drivers] demanded lower fuel taxes."
    passage = article.text[claims[1].span.start : claims[1].span.end]
    assert passage == "She had held the post since 2019."  # the span still points at the original


@pytest.mark.slow
def test_segment_leaves_expletive_it_alone(tmp_path: Path, nlp: Language) -> None:
    article = article_of(tmp_path, "The bank raised rates on Monday. It appears that inflation is slowing.\n")
    claims, _ = segment(article, nlp)
    assert texts(claims)[1] == "It appears that inflation is slowing."


@pytest.mark.slow
def test_segment_recases_unpunctuated_run_for_ner(nlp: Language) -> None:
    (article,) = read_articles(FIXTURES / "unpunctuated.txt")
    claims, removed = segment(article, nlp)
    assert any("Ingrid Holm" in c.text and c.speaker == "Ingrid Holm" for c in claims)
    assert all(len(c.text) <= MAX_CLAIM_CHARS for c in claims)
    stubs = [r for r in removed if r.reason == "fragment that states nothing"]
    assert (claims[0].truncated or stubs) and (claims[-1].truncated or stubs)  # a cut-off end: flagged or left out
    assert all("bakery" not in c.text.lower() for c in claims)
    assert any("striker" in r.text for r in removed if r.reason == "promo headlines in text")
    assert_spans_map_back(article, claims)


@pytest.mark.slow
def test_segment_seeds_keep_furniture_out_and_spans_exact(nlp: Language) -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        (article,) = read_articles(path)
        claims, removed = segment(article, nlp)
        assert claims, path
        assert_spans_map_back(article, claims)
        joined = " ".join(c.text.lower() for c in claims)
        for furniture in ("democratic clerk", "abortions", "articles you may like", "email address", "most popular"):
            assert furniture not in joined, (path.name, furniture)
        if path.name.startswith("000"):
            assert removed and removed[0].text.startswith("top stories")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The ferry left the harbour on Tuesday as crews cleared the wreck of the old pier.",
            "Crews cleared the wreck of the old pier [on Tuesday].",
        ),
        (
            "Firefighters reached the warehouse last night while police closed the nearby road.",
            "Police closed the nearby road [last night].",
        ),
    ],
)
def test_segment_split_clause_inherits_its_partners_time(
    tmp_path: Path, nlp: Language, sentence: str, expected: str
) -> None:
    article = article_of(tmp_path, sentence + "\n")
    claims, _ = segment(article, nlp)
    assert expected in texts(claims)
    assert all("(" not in article.text[c.span.start : c.span.end] for c in claims)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("headline", "is_claim"),
    [
        ("Council votes to close Old Mill Bridge", True),
        ("Ellen DeGeneres to host the Oscars", True),
        ("Ellen DeGeneres To Host 86th Oscars", True),
        ("Woman killed in Queens hit-and-run crash", True),
        ("Somali pirate attack foiled in Gulf of Aden", True),
        ("Mich. accountant charged with murder in office shootings", True),
        ("Old Mill Bridge closing", False),
        ("Wang Yang and Dmitry Rogozin", False),
    ],
)
def test_segment_headline_is_a_claim_only_when_it_states_something(
    tmp_path: Path, nlp: Language, headline: str, is_claim: bool
) -> None:
    article = article_of(tmp_path, f"{headline}\n\nThe city council met on Tuesday evening to vote on the plan.\n")
    claims, _ = segment(article, nlp)
    assert (claims[0].text == headline) is is_claim


@pytest.mark.slow
def test_segment_a_rule_of_asterisks_above_the_text_is_no_headline(tmp_path: Path, nlp: Language) -> None:
    article = article_of(tmp_path, "****\n\nThe city council met on Tuesday evening to vote on the plan.\n")
    claims, _ = segment(article, nlp)
    assert [c.text for c in claims] == ["The city council met on Tuesday evening to vote on the plan."]


@pytest.mark.slow
def test_segment_articles_in_one_parse_stream_match_one_by_one(nlp: Language) -> None:
    """Batching the sentences of many articles through one ``nlp.pipe`` changes nothing an article yields."""
    from factcheck.segment import segment_article, segment_articles

    articles = [a for path in sorted(SEEDS.iterdir()) for a in read_articles(path)]
    done: list[int] = []
    together = segment_articles(articles, nlp, done.append)
    assert done == list(range(len(articles)))
    for article, batched in zip(articles, together, strict=True):
        alone = segment_article(article, nlp)
        assert batched.claims == alone.claims
        assert batched.removed == alone.removed
        assert [p.doc.to_json() for p in batched.parses if p.doc] == [p.doc.to_json() for p in alone.parses if p.doc]
