"""Property-based tests: arbitrary text never crashes ingest, segmentation, fact extraction or the renderers;
spans always map back; rendering always escapes.

The CI run is a short, reproducible fuzz run (profile ``ci``: derandomized, a few dozen examples
per property). ``FACTCHECK_FUZZ=long pytest tests/test_robust_properties.py`` (or ``make fuzz``)
runs thousands of random examples per property.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from factcheck.errors import InputError
from factcheck.facts import FactExtractor, SlotExtractor
from factcheck.ingest import read_file
from factcheck.render import render
from factcheck.render._escape import (
    md_cell,
    md_code,
    md_inline,
    one_line,
    terminal_line,
    uri_reference,
    visible,
    workflow_data,
    workflow_property,
)
from factcheck.render.sarif import github_annotations
from factcheck.schema import Article, Claim, ClaimCluster, Finding, Removed, Report, Skipped, Span
from factcheck.segment import segment, segment_article

from .test_robust_injection import assert_nothing_came_from_the_input

settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("FACTCHECK_FUZZ", "ci"))

#: Characters that matter to one parser or another, mixed with any other (no lone surrogates: not UTF-8).
SPECIAL = [*"\n\n\n\r\t  .!?,;:\"'“”‘’()[]{}<>/\\|`*_~#&%=-+^$@0123456789",
    "\x00", "\x1b", "\ufeff", "\u202e", "\u2028", "\u00a0", "é", "Ω", "→", "<p>", "</p>", "<script>", "<!--",
    "-->", "&amp;", "&lt;", "---\n", "+++\n", "# ", "> ", "- ", "1. ", "```", "http://x.y", " and ", " said ",
    "The ", "Council ", "approved ", "12 million ", "on Monday", "Mr. Smith", "U.S.", "he ", "\n\n",
]  # fmt: skip
any_char = st.characters(blacklist_categories=("Cs",))
texts = st.lists(st.sampled_from(SPECIAL) | any_char | st.sampled_from(["word", "Word", "WORD"]), max_size=120).map(
    "".join
)


def _write_and_read(name: str, data: str) -> tuple[str, list[Article]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(data, encoding="utf-8", newline="")
        decoded = data.replace("\r\n", "\n").replace("\r", "\n")
        try:
            articles, _ = read_file(path)
        except InputError as exc:
            assert "\n" not in str(exc)
            return decoded, []
        return decoded, articles


def _spans_ok(article: Article) -> None:
    n = len(article.text)
    for item in (*article.blocks, *article.removed):
        assert 0 <= item.span.start <= item.span.end <= n


@given(texts, st.sampled_from(["a.txt", "a.md", "a.html", "a.text"]))
def test_robust_property_ingest_never_crashes_and_spans_map_back(data: str, name: str) -> None:
    decoded, articles = _write_and_read(name, data)
    for article in articles:
        assert article.text == decoded
        _spans_ok(article)
        for block in article.blocks:
            if not name.endswith(".html"):
                assert article.text[block.span.start : block.span.end] == block.text
            assert block.text.strip()
        for field in (article.title, article.author, article.source, article.url):
            assert field is None or (len(field) <= 500 and "\n" not in field and "\x00" not in field)


@given(st.lists(st.one_of(texts, st.builds(lambda t: json.dumps({"text": t, "title": t}), texts)), max_size=6))
def test_robust_property_jsonl_never_crashes(lines: list[str]) -> None:
    _, articles = _write_and_read("a.jsonl", "\n".join(lines))
    for article in articles:
        _spans_ok(article)
        assert article.path.rsplit(":", 1)[1].isdigit()


@given(texts, st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_robust_property_segmentation_spans_point_at_text(data: str, name: str) -> None:
    _, articles = _write_and_read(name, data)
    for article in articles:
        claims, removed = segment(article, None)
        for claim in claims:
            assert 0 <= claim.span.start < claim.span.end <= len(article.text)
            assert article.text[claim.span.start : claim.span.end].strip()
            assert claim.text.strip()
        for r in removed:
            assert 0 <= r.span.start <= r.span.end <= len(article.text)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_robust_property_segmentation_with_spacy(data: str) -> None:
    from factcheck.nlp import load_spacy

    _, articles = _write_and_read("a.txt", data)
    for article in articles:
        done = segment_article(article, load_spacy())
        for claim in done.claims:
            assert 0 <= claim.span.start < claim.span.end <= len(article.text)
            assert article.text[claim.span.start : claim.span.end].strip()
        facts = FactExtractor().extract(done.claims, done.parses, [article.published] * len(done.claims))
        for fact in (f for group in facts for f in group):
            assert 0 <= fact.span.start <= fact.span.end <= len(article.text)


@given(texts)
def test_robust_property_fact_extraction_never_crashes_and_spans_map_back(data: str) -> None:
    _, articles = _write_and_read("a.txt", data)
    for article in articles:
        done = segment_article(article)
        facts = FactExtractor().extract(done.claims, done.parses, [article.published] * len(done.claims))
        assert len(facts) == len(done.claims)
        for claim, group in zip(done.claims, facts, strict=True):
            for fact in group:
                assert claim.span.start <= fact.span.start <= fact.span.end <= claim.span.end


@given(st.lists(texts, max_size=8))
def test_robust_property_slot_extraction_never_crashes(claims: list[str]) -> None:
    slots = SlotExtractor(None).extract(claims, [None] * len(claims))
    assert len(slots) == len(claims)


# --------------------------------------------------------------------------- renderers


@st.composite
def reports(draw: st.DrawFn) -> Report:
    n = draw(st.integers(min_value=1, max_value=3))
    arts, claims = [], []
    for a in range(n):
        path = draw(texts.filter(lambda t: "\x00" not in t)) or f"p{a}"
        text = draw(texts) or "x"
        arts.append(
            Article(
                id=f"a{a}", path=path, title=draw(texts) or None, author=draw(texts) or None,
                source=draw(texts) or None, text=text,
                removed=(Removed(span=Span(start=0, end=len(text)), reason=draw(texts) or "r", text=draw(texts)),),
            ).meta()
        )  # fmt: skip
        for c in range(2):
            start = draw(st.integers(min_value=0, max_value=len(text)))
            claims.append(
                Claim(
                    id=f"a{a}:{c}", article_id=f"a{a}", text=draw(texts) or "c",
                    span=Span(start=start, end=start), speaker=draw(texts) or None,
                )
            )  # fmt: skip
    ids = [c.id for c in claims]
    findings = [
        Finding(id=f"F{i}", kind=kind, type=draw(st.sampled_from([None, "number", "other"])),
                claim_ids=tuple(draw(st.permutations(ids))[:2]), confidence=0.9, explanation=draw(texts) or "e",
                cluster_id="c1")
        for i, kind in enumerate(draw(st.lists(st.sampled_from(["contradiction", "discrepancy", "agreement",
                                                                 "time_scoped", "unsupported"]), max_size=4)))
    ]  # fmt: skip
    mode = draw(st.sampled_from(["cross", "draft"]))
    return Report(
        version="0",
        mode=mode,
        settings={"model": draw(texts)},
        articles=tuple(arts),
        claims=tuple(claims),
        clusters=(ClaimCluster(id="c1", claim_ids=tuple(ids)),),
        findings=tuple(findings),
        skipped=(Skipped(path=draw(texts) or "s", reason=draw(texts) or "r"),),
        drafts=("a0",) if mode == "draft" else (),
    )


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(reports())
def test_robust_property_renderers_never_crash_and_always_escape(report: Report) -> None:
    assert_nothing_came_from_the_input(render(report, "md"), [])
    assert Report.model_validate_json(render(report, "json")) == report
    log = json.loads(render(report, "sarif"))
    for result in log["runs"][0]["results"]:
        for loc in [*result["locations"], *result.get("relatedLocations", [])]:
            assert re.fullmatch(r"(file://)?[A-Za-z0-9\-._~/%]*", loc["physicalLocation"]["artifactLocation"]["uri"])
    for line in github_annotations(report):
        assert re.fullmatch(
            r"::(error|warning|notice) file=[^,:\n\r]*,line=\d+,col=\d+,title=[^,:\n\r]*::[^\n\r]*", line
        )


# --------------------------------------------------------------------------- escaping functions


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.code: list[str] = []
        self.cell: list[str] = []
        self._in: set[str] = set()

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._in.add(tag)

    def handle_endtag(self, tag: str) -> None:
        self._in.discard(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if "code" in self._in:
            self.code.append(data)
        if "td" in self._in:
            self.cell.append(data)


def _render(markdown: str) -> _Text:
    out = _Text()
    out.feed(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown))
    out.close()
    return out


@given(texts)
def test_robust_property_md_inline_shows_exactly_the_text(text: str) -> None:
    expected = one_line(text)
    page = _render("lead: " + md_inline(text))
    assert "".join(page.parts).strip() == ("lead: " + expected).strip()
    cell = _render(f"| h |\n|---|\n| {md_cell(text)} |\n")
    assert "".join(cell.cell).strip() == expected


@given(texts)
def test_robust_property_md_code_cannot_be_broken_out_of(text: str) -> None:
    expected = visible(text).replace("\n", "\u240a").replace("\r", "\u240d").replace("\t", " ") or " "
    assert "".join(_render("see " + md_code(text)).code) == expected
    assert "".join(_render(f"| h |\n|---|\n| {md_code(text, table=True)} |\n").code) == expected


@given(texts)
def test_robust_property_workflow_values_decode_and_cannot_end_early(text: str) -> None:
    prop = workflow_property(text)
    assert not set(prop) & set(",:\r\n")
    decode = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
    assert re.sub("%25|%0D|%0A|%3A|%2C", lambda m: decode[m.group()], prop) == visible(text)
    assert not set(workflow_data(text)) & set("\r\n")


@given(texts)
def test_robust_property_terminal_lines_have_no_control_characters(text: str) -> None:
    line = terminal_line(text)
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", line)


@given(texts.filter(lambda t: not re.match(r"^[A-Za-z]:\\", t)))
def test_robust_property_uri_reference_round_trips(path: str) -> None:
    uri = uri_reference(path)
    assert re.fullmatch(r"(file://)?[A-Za-z0-9\-._~/%:]*", uri)
    if path.startswith("/"):
        assert unquote(uri.removeprefix("file://")) == path
    elif not re.match(r"^[A-Za-z]:/", path):
        assert unquote(uri) == path and ":" not in uri
