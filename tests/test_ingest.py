"""Ingest: discovery, formats, metadata, and page furniture kept out of the blocks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.ingest import discover, read_all, read_articles
from factcheck.schema import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "segment"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def body(article: Article) -> str:
    return "\n".join(b.text for b in article.blocks if b.kind == "paragraph")


def removed_text(article: Article) -> str:
    return "\n".join(r.text for r in article.removed)


STORY = "The council approved the budget on Monday after a long debate.\n\nThe vote was seven to two in the end.\n"


def test_ingest_discover_expands_folders_sorted_and_filters_suffixes(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", STORY)
    write(tmp_path / "sub" / "a.md", STORY)
    write(tmp_path / "notes.csv", "x,y")
    write(tmp_path / ".hidden" / "c.txt", STORY)
    found = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["b.txt", "sub/a.md"]


def test_ingest_discover_keeps_explicit_file_of_other_suffix(tmp_path: Path) -> None:
    other = write(tmp_path / "story.text", STORY)
    assert discover([other]) == [other]


def test_ingest_discover_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "nope"])


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"  \n\n", "empty"),
        ("latin.txt", "caf\xe9 au lait".encode("latin-1"), "not UTF-8"),
        ("bad.jsonl", b'{"text": "fine line here."}\n{not json\n', ":2: not valid JSON"),
        ("notext.jsonl", b'{"title": "x"}\n', "missing or empty 'text'"),
        ("open.md", b"---\ntitle: x\nno closing fence\n", "front matter is not closed"),
        ("blank.html", b"<html><head><title>x</title></head><body></body></html>", "no article text"),
    ],
)
def test_ingest_read_articles_rejects_bad_input_with_one_line(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=reason) as info:
        read_articles(path)
    assert "\n" not in str(info.value)


def test_ingest_read_all_skips_bad_file_and_keeps_others(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\xfa")
    write(tmp_path / "c.txt", STORY)
    articles, skipped = read_all([tmp_path])
    assert [a.id for a in articles] == ["a", "c"]
    assert len(skipped) == 1 and skipped[0].path.endswith("b.txt") and "UTF-8" in skipped[0].reason


def test_ingest_read_all_ids_are_unique_and_stable(tmp_path: Path) -> None:
    write(tmp_path / "x" / "story.txt", STORY)
    write(tmp_path / "y" / "story.txt", STORY)
    first, _ = read_all([tmp_path])
    again, _ = read_all([tmp_path])
    assert [a.id for a in first] == ["story", "story-2"] == [a.id for a in again]


def test_ingest_plain_title_and_block_spans_point_into_file(tmp_path: Path) -> None:
    path = write(tmp_path / "s.txt", "Council Passes Budget\n\n" + STORY)
    (article,) = read_articles(path)
    text = path.read_text(encoding="utf-8")
    assert article.title == "Council Passes Budget"
    assert article.path == str(path)
    assert article.blocks[0].kind == "title"
    for block in article.blocks:
        assert text[block.span.start : block.span.end] == block.text


def test_ingest_crlf_offsets_match_text_mode_reading(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title Here\r\n\r\nThe first sentence is here.\r\n\r\nThe second one follows it.\r\n")
    (article,) = read_articles(path)
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    assert [text[b.span.start : b.span.end] for b in article.blocks][1:] == [
        "The first sentence is here.",
        "The second one follows it.",
    ]


def test_ingest_dateline_becomes_published_and_is_removed() -> None:
    (article,) = read_articles(FIXTURES / "dateline.txt")
    assert article.published == date(2021, 3, 3)
    assert article.published_from == "dateline"
    assert "EST" not in body(article)
    assert any(r.reason == "dateline" for r in article.removed)


def test_ingest_stamp_with_published_and_updated_dates_is_a_dateline(tmp_path: Path) -> None:
    path = tmp_path / "stamp.txt"
    stamp = "Published: 23rd August 2023 06:04 PM | Last Updated: 23rd August 2023 06:27 PM | A+A A-"
    path.write_text(f"Lander touches down near the pole\n\n{stamp}\n\nThe lander touched down on Wednesday.\n")
    (article,) = read_articles(path)
    assert article.published == date(2023, 8, 23)
    assert "Last Updated" not in body(article)


def test_ingest_a_page_stamp_far_from_the_other_sources_dates_is_not_the_articles(tmp_path: Path) -> None:
    from factcheck.ingest import consistent_dates

    for name, day in (("a.md", "2019-04-16"), ("b.md", "2019-04-18")):
        (tmp_path / name).write_text(f"---\npublished: {day}\n---\n\n# Fire\n\nThe roof burned on Monday.\n")
    (tmp_path / "c.txt").write_text("Sunday 8 December 2019\n\nFire\n\nThe roof burned on Monday.\n")
    (tmp_path / "d.txt").write_text("Fire\n\nApril 19, 2019\n\nThe roof burned on Monday.\n")
    articles, _ = read_all([tmp_path])
    assert {a.id: a.published_from for a in articles}["c"] == "dateline"
    checked = {a.id: a for a in consistent_dates(articles)}
    assert checked["c"].published is None and checked["c"].published_from is None
    assert any("far from the other sources' dates" in r.reason for r in checked["c"].removed)
    assert checked["d"].published == date(2019, 4, 19)  # a stamp within the story's days is kept
    assert consistent_dates(articles[:1] + articles[2:3]) == articles[:1] + articles[2:3]  # one firm date: no rule


def test_ingest_front_matter_wins_over_dateline() -> None:
    (article,) = read_articles(FIXTURES / "front_matter.md")
    assert (article.title, article.source, article.url) == (
        "Rail Strike Ends After Three Days",
        "Example Wire",
        "https://example.org/rail-strike",
    )
    assert article.published == date(2023, 4, 12) and article.published_from == "front_matter"
    assert "title:" not in body(article)  # the front matter is not body text
    assert "April 10, 2023" in removed_text(article)


def test_ingest_markdown_heading_is_title_without_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "m.md", "# Dam Opens\n\nThe dam opened on Friday after five years of work.\n")
    (article,) = read_articles(path)
    assert article.title == "Dam Opens"
    assert [b.kind for b in article.blocks] == ["title", "paragraph"]


def test_ingest_related_links_and_comment_form_are_removed() -> None:
    (article,) = read_articles(FIXTURES / "related_tail.txt")
    kept = body(article)
    assert "Mayor Launches" not in kept and "email address" not in kept
    reasons = {r.reason for r in article.removed}
    assert {"related-links list", "comment form"} <= reasons
    assert "repair old schools" in kept


def test_ingest_headline_run_without_cue_is_removed(tmp_path: Path) -> None:
    text = (
        "The river flooded three villages on Sunday, the regional government said in a statement.\n\n"
        "Rescue teams reached the last stranded families by boat late in the evening.\n\n"
        "Pop Star Announces World Tour\nTech Giant Unveils Folding Phone\nTen Recipes For Busy Weeknights\n"
    )
    (article,) = read_articles(write(tmp_path / "t.txt", text))
    assert "Folding Phone" not in body(article)
    assert "stranded families" in body(article)


def test_ingest_lead_in_to_a_quote_is_a_sentence_but_a_colon_subheading_is_not(tmp_path: Path) -> None:
    """A name-heavy line ending "stated:" introduces the quote below it: it is a sentence with a title in it."""
    text = (
        "The merger closed on Friday after 20 months of regulatory review.\n\n"
        "In a statement on the Xbox Wire site, Microsoft head Phil Spencer stated:\n\n"
        "Today is a good day to play, and we are honored to welcome the studios' players.\n\n"
        "What We Know So Far:\n\n"
        "The companies expect the combined unit to report in the next quarter.\n"
    )
    (article,) = read_articles(write(tmp_path / "t.txt", text))
    assert "Microsoft head Phil Spencer stated" in body(article)
    assert "What We Know So Far" in removed_text(article)


def test_ingest_captions_credits_and_bylines_are_removed() -> None:
    (article,) = read_articles(FIXTURES / "captions.txt")
    kept = body(article)
    for furniture in ("Maria Lopez", "plume of ash", "Geological Service"):
        assert furniture not in kept
    reasons = {r.reason for r in article.removed}
    assert {"byline or credit", "photo caption or credit"} <= reasons


def test_ingest_correction_notes_are_not_article_text(tmp_path: Path) -> None:
    """What a page once said wrongly is not a claim of the article (and its stamp is not the event's time)."""
    text = (
        "Dam Opens After Five Years\n\n"
        "The dam opened on Friday after five years of work, the regional government said.\n\n"
        "It holds 40 million cubic metres of water.\n\n"
        "10:10 a.m. March 25, 2021A previous version of this story said the dam held 400 million cubic metres.\n\n"
        "Correction: An earlier version of this article gave the wrong year for the start of work.\n"
    )
    (article,) = read_articles(write(tmp_path / "c.txt", text))
    kept = body(article)
    assert "400 million" not in kept and "wrong year" not in kept
    assert "40 million cubic metres" in kept
    assert [r.reason for r in article.removed].count("correction note") == 2


def test_ingest_markdown_lines_that_end_sentences_are_paragraphs_and_their_furniture_goes(tmp_path: Path) -> None:
    """A pasted page puts one paragraph, caption or prompt per line with no blank line between: each line that
    ends a sentence is a unit of its own, so a photo credit or a text-to-speech prompt is seen and removed."""
    text = (
        "---\ntitle: Quake toll rises\n---\n"
        "To activate the text-to-speech service, please first agree to the privacy policy below.\n"
        "Rescuers search the trail for missing hikers on Saturday. Photo courtesy of the county rescue team\n"
        "Rescuers search the trail for missing hikers on Saturday. Photo courtesy of the county rescue team\n"
        "The research vessel Polar Star leaves the harbour in an undated photograph.\n"
        "The number of people confirmed dead has risen to 13 following the discovery of three more bodies on the "
        "trail, the emergency center said on Saturday.\n"
        "Three more bodies were found on the trail.\n"
    )
    (article,) = read_articles(write(tmp_path / "q.md", text))
    kept = body(article)
    assert "text-to-speech" not in kept and "courtesy" not in kept and "undated" not in kept
    assert [b.text[:30] for b in article.blocks] == ["The number of people confirmed", "Three more bodies were found o"]
    reasons = [r.reason for r in article.removed]
    assert reasons.count("photo caption or credit") == 3 and "newsletter or share prompt" in reasons


def test_ingest_markdown_wrapped_at_a_fixed_width_keeps_its_paragraphs(tmp_path: Path) -> None:
    """Lines wrapped at 72 columns join into their paragraph, even where a line ends before a capital."""
    text = (
        "# Harbour Reopens\n\n"
        "The harbour reopened on Monday after three days of storms, the port\n"
        "authority said, and ferries to the islands resumed in the afternoon. Port\n"
        "Director Anna Berg said the breakwater had held.\n\n"
        "Repairs to the quay will take two weeks, according to the city, which\n"
        "expects the cost to stay below the sum set aside in the budget.\n"
    )
    (article,) = read_articles(write(tmp_path / "h.md", text))
    paragraphs = [b.text for b in article.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 2 and paragraphs[0].endswith("the breakwater had held.")


def test_ingest_source_line_reads_as_byline(tmp_path: Path) -> None:
    text = "Probe Lands on Comet\n\nsource: Peter Novak\n\nThe probe landed on the comet on Wednesday morning.\n"
    (article,) = read_articles(write(tmp_path / "s.txt", text))
    assert [r.reason for r in article.removed] == ["byline or credit"]


def test_ingest_newsletter_prompts_and_pasted_promo_are_removed() -> None:
    (article,) = read_articles(FIXTURES / "newsletter.txt")
    kept = body(article)
    for furniture in ("Advertisement", "Beaches", "newsletter", "Share this"):
        assert furniture not in kept
    assert "full refund" in kept


def test_ingest_prose_line_without_period_is_kept(tmp_path: Path) -> None:
    text = (
        "The port reopened on Monday after the storm passed over the coast.\n\n"
        "Officials expect normal traffic again by the end of the week\n\n"
        "Ferries will run every hour from Tuesday morning onwards.\n"
    )
    (article,) = read_articles(write(tmp_path / "p.txt", text))
    assert "normal traffic" in body(article)


def test_ingest_unpunctuated_run_is_one_block_without_title() -> None:
    (article,) = read_articles(FIXTURES / "unpunctuated.txt")
    assert article.title is None
    assert [b.kind for b in article.blocks] == ["paragraph"]


def test_ingest_jsonl_one_article_per_line_with_keys() -> None:
    first, second = read_articles(FIXTURES / "feed.jsonl")
    assert (first.id, first.title, first.source, first.published, first.published_from) == (
        "wire-1",
        "Drought Hits Wheat Harvest",
        "Farm Daily",
        date(2020, 7, 2),
        "jsonl",
    )
    assert first.path.endswith("feed.jsonl:1") and second.path.endswith("feed.jsonl:2")
    assert second.id == "feed-2"
    for block in first.blocks:  # spans point into the line's "text" value
        assert first.text[block.span.start : block.span.end] == block.text


def test_ingest_html_extracts_text_metadata_and_maps_spans_to_raw_html() -> None:
    (article,) = read_articles(FIXTURES / "page.html")
    raw = (FIXTURES / "page.html").read_text(encoding="utf-8")
    assert article.title == "Harbour Expansion Approved"
    assert article.source == "Coast News"
    assert article.published == date(2022, 9, 14) and article.published_from == "html_meta"
    paragraphs = [b for b in article.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 3
    assert "Ferry Timetable" not in body(article)
    passage = raw[paragraphs[2].span.start : paragraphs[2].span.end]
    assert passage.startswith("Work is due") and "&amp;" in passage
    assert paragraphs[2].text.startswith("Work is due") and "&" in paragraphs[2].text


def test_ingest_url_line_above_the_headline_is_metadata(tmp_path: Path) -> None:
    text = "https://news.example/2025/03/bridge\n\nCouncil votes to close bridge\n\nMarch 14 , 2025\n\n"
    text += "The council voted on Tuesday to close the bridge for six months of repairs.\n"
    (article,) = read_articles(write(tmp_path / "a.txt", text))
    assert article.title == "Council votes to close bridge"
    assert article.url == "https://news.example/2025/03/bridge"
    assert str(article.published) == "2025-03-14"
    assert [r.reason for r in article.removed] == ["url line", "dateline"]


def test_ingest_dateline_under_the_headline_is_not_joined_to_it(tmp_path: Path) -> None:
    # One line each, no blank lines: a time-first dateline must not read as the headline's wrapped tail.
    text = "https://news.example/2009/02/02/lineman\nChargers lineman faces DUI charges\n10:55 P.M. FEB. 2, 2009\n"
    text += "The lineman was arrested early Sunday on suspicion of drunken driving.\n"
    (article,) = read_articles(write(tmp_path / "a.txt", text))
    assert article.title == "Chargers lineman faces DUI charges"
    assert str(article.published) == "2009-02-02"
    assert [r.reason for r in article.removed] == ["url line", "dateline"]


def test_ingest_dateline_above_the_headline_is_not_the_title(tmp_path: Path) -> None:
    text = "Updated: November 11, 2011 20:09 IST\n\nNavy foils pirate attack off Gulf of Aden\n\n"
    text += "The navy on Thursday thwarted an attack on a merchant vessel in the Gulf of Aden.\n"
    (article,) = read_articles(write(tmp_path / "a.txt", text))
    assert article.title == "Navy foils pirate attack off Gulf of Aden"
    assert str(article.published) == "2011-11-11"
    assert [r.reason for r in article.removed] == ["dateline"]


def test_ingest_paragraph_that_starts_with_a_url_is_kept(tmp_path: Path) -> None:
    text = "Harbour news\n\nhttps://news.example/a The council voted on Tuesday to close the bridge for repairs.\n"
    (article,) = read_articles(write(tmp_path / "a.txt", text))
    assert "council voted" in body(article)
    assert not article.removed


@pytest.mark.parametrize(
    ("line", "author"),
    [("By Maria Lopez", "Maria Lopez"), ("Written by Tom Reyes and Ana Silva", "Tom Reyes and Ana Silva")],
)
def test_ingest_byline_becomes_author(tmp_path: Path, line: str, author: str) -> None:
    text = f"Council votes to close bridge\n\n{line}\n\nThe council voted on Tuesday to close the bridge for repairs.\n"
    (article,) = read_articles(write(tmp_path / "a.txt", text))
    assert article.author == author
    assert [r.reason for r in article.removed] == ["byline or credit"]
