"""Injection: nothing an article or a file name holds becomes markup, a CI command or a different location.

The Markdown test renders whatever ``render_markdown(report)`` produces with a real
CommonMark renderer (markdown-it-py, tables and strikethrough on) and checks the HTML
it gives: only the elements a Markdown report is made of, no attribute from the
article, ``<details>`` balanced, and the article's markup characters shown as text.
It does not depend on the report's layout, so it holds for any renderer.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt

from factcheck.config import Config
from factcheck.pipeline import check
from factcheck.render import render_markdown, render_sarif
from factcheck.render.sarif import github_annotations
from factcheck.schema import Article, Claim, ClaimCluster, Finding, Removed, Report, Skipped, Span

from .robust_support import fake_backends, run_cli, use_fake_models

#: Markup an article might carry; each holds a marker (PWN<n>) so its text can be found in the output.
PAYLOADS = [
    '<script>alert("PWN1")</script>',
    "<iframe src=\"javascript:alert('PWN2')\"></iframe>",
    "<img src=x onerror=\"alert('PWN3')\">",
    "</details> PWN4 <details open>",
    "[PWN5](javascript:alert(5))",
    "![PWN6](http://evil.example/p.png)",
    "<http://evil.example/PWN7>",
    "*PWN8*",
    "**PWN9**",
    "`PWN10`",
    "~~PWN11~~",
    "&lt;b&gt;PWN12&amp;",
    "| PWN13 | cell |",
    "<!-- PWN14 -->",
    "\\<b>PWN15\\</b>",
    "<a href='http://evil.example' onclick=x>PWN16</a>",
]
HOSTILE = " ".join(PAYLOADS)

#: Elements a Markdown report is made of; anything else in the rendered HTML came from the input.
ALLOWED_TAGS = {
    *(f"h{i}" for i in range(1, 7)),
    *("p", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "hr", "br", "s", "del"),
    *("table", "thead", "tbody", "tr", "th", "td", "details", "summary"),
}


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.stack: list[str] = []
        self.unbalanced: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag in ("details", "summary"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("details", "summary"):
            if not self.stack or self.stack[-1] != tag:
                self.unbalanced.append(tag)
            else:
                self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.unbalanced.append(f"comment {data!r}")


def rendered(markdown: str) -> _Collect:
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    parser = _Collect()
    parser.feed(html)
    parser.close()
    return parser


def assert_nothing_came_from_the_input(markdown: str, must_show: list[str]) -> None:
    page = rendered(markdown)
    foreign = sorted({tag for tag, _ in page.tags if tag not in ALLOWED_TAGS})
    assert not foreign, f"elements from the input: {foreign}"
    for tag, attrs in page.tags:
        for name, value in attrs:
            align = re.fullmatch(r"text-align:(left|right|center)", value or "")
            ok = name == "style" and tag in ("th", "td") and align
            assert ok, f"attribute from the input: <{tag} {name}={value!r}>"
    assert not page.unbalanced and not page.stack, f"sections broken: {page.unbalanced or page.stack}"
    text = " ".join("".join(page.text).split())
    for needle in must_show:
        assert needle in text, f"{needle!r} not shown as text"


def _hostile_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sentence = "The council approved a budget of {n} million dollars on Monday, officials said {p}."
    a = folder / "plain.txt"
    a.write_text(
        f"Council {PAYLOADS[0]} budget\n\n"
        + "\n\n".join(sentence.format(n=12, p=p) for p in PAYLOADS)
        + "\n\nThe mayor said the bridge will open in spring.\n"
    )
    b = folder / "front.md"
    b.write_text(
        "---\n"
        f"title: {json.dumps('Budget ' + PAYLOADS[2] + ' | x | y')}\n"
        f"author: {json.dumps(PAYLOADS[1] + ' </details>')}\n"
        f"source: {json.dumps(PAYLOADS[6])}\n"
        "---\n\n"
        + "\n\n".join(sentence.format(n=15, p=p) for p in PAYLOADS)
        + "\n\nThe mayor said the bridge will open in spring.\n"
    )
    c = folder / "page.html"
    escaped = [p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for p in PAYLOADS]
    paras = "".join(f"<p>{sentence.format(n=12, p=p)}</p>" for p in escaped)
    c.write_text(
        f"<html><head><title>Budget {escaped[0]}</title></head><body><article><h1>Budget</h1>{paras}"
        "<p>The mayor said the bridge will open in spring next year, officials added on Monday.</p>"
        "</article></body></html>"
    )
    return [a, b, c]


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(cache_dir=tmp_path / "cache", cluster_threshold=0.3, match_threshold=0.3)


def test_robust_markdown_cross_report_of_hostile_articles_renders_no_markup(tmp_path: Path, config: Config) -> None:
    files = _hostile_files(tmp_path / "in")
    report = check(files, config=config, backends=fake_backends(config))
    assert len(report.articles) == 3 and report.findings
    markers = [f"PWN{i}" for i in range(1, 17) if i != 14]
    assert_nothing_came_from_the_input(render_markdown(report), [])
    # with --detail every claim is shown, so every payload must appear, as text
    assert_nothing_came_from_the_input(
        render_markdown(report, detail=True), [*markers, "*PWN8*", "`PWN10`", "~~PWN11~~"]
    )


def test_robust_markdown_draft_report_with_hostile_file_names(tmp_path: Path, config: Config) -> None:
    sources = _hostile_files(tmp_path / "src")
    weird = tmp_path / "drafts <" / "details> d`raft` <b>x<" / "b> |1|.txt"  # the path holds "</details>", "</b>"
    weird.parent.mkdir(parents=True)
    weird.write_text("The council approved a budget of 99 million dollars on Monday, officials said.\n")
    assert "</details>" in str(weird)
    bad = weird.parent / "``empty`` <script>.txt"
    bad.write_text("   \n")
    report = check([weird, bad], sources, config=config, backends=fake_backends(config))
    assert report.mode == "draft" and report.skipped
    md = render_markdown(report)
    assert_nothing_came_from_the_input(md, ["drafts </details> d`raft` <b>x</b> |1|.txt", "``empty`` <script>.txt"])


def test_robust_markdown_every_field_of_a_report_is_escaped(tmp_path: Path) -> None:
    """A hand-made report with hostile text in every field a renderer might show."""
    bad = "<img src=x onerror=alert(1)> </details> `x` *y* [z](javascript:1) | w"
    path = str(tmp_path / f"a`b` {bad}.txt")
    art = Article(id="a", path=path, title=bad, source=bad, author=bad, url="javascript:alert(1)", text="x" * 200)
    art = art.model_copy(update={"removed": (Removed(span=Span(start=0, end=5), reason=bad, text=bad),)})
    art_b = Article(id="b", path=path + "2", title=bad, source=bad, text="y" * 200)
    claims = tuple(
        Claim(id=f"{a}:{i}", article_id=a, text=f"{bad} {i}", span=Span(start=i, end=i + 5), speaker=bad)
        for a in ("a", "b")
        for i in range(3)
    )
    clusters = (ClaimCluster(id="c1", claim_ids=tuple(c.id for c in claims)),)
    findings = tuple(
        Finding(id=f"F{k}", kind=kind, type="number", claim_ids=("a:0", "b:0"), confidence=0.9, explanation=bad)  # type: ignore[arg-type]
        for k, kind in enumerate(["contradiction", "agreement", "discrepancy"])
    )
    for mode in ("cross", "draft"):
        report = Report(
            version="0",
            mode=mode,  # type: ignore[arg-type]
            settings={"model": bad},
            articles=(art.meta(), art_b.meta()),
            claims=claims,
            clusters=clusters,
            findings=findings,
            skipped=(Skipped(path=path, reason=bad),),
            drafts=("a",) if mode == "draft" else (),
        )
        assert_nothing_came_from_the_input(render_markdown(report), ["<img src=x onerror=alert(1)>", "`x` *y*"])


def test_robust_markdown_nul_and_escape_bytes_never_reach_the_report(tmp_path: Path, config: Config) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nThe council\x00 approved the \x1b[31mbudget\x1b[0m of 12 million.\n")
    (tmp_path / "b.txt").write_text("Other\n\nThe council approved the budget of 15 million.\n")
    report = check([tmp_path], config=config, backends=fake_backends(config))
    md = render_markdown(report)
    assert "\x00" not in md and "\x1b" not in md
    assert "␀" in md or "␛" in md


HOSTILE_NAMES = ["a\n::set-output name=pwned::1\n.txt", "b,line=999,col=1::x.txt", "c%0A::warning::x.txt"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_robust_github_annotations_escape_file_and_message(tmp_path: Path, name: str) -> None:
    path = str(tmp_path / name)
    text = "The bridge will cost $4 million.\n"
    arts = (Article(id="a", path=path, text=text).meta(), Article(id="b", path=path + "b", text=text).meta())
    claims = (
        Claim(id="a:0", article_id="a", text="The bridge costs $4m.", span=Span(start=0, end=10)),
        Claim(id="b:0", article_id="b", text="The bridge costs $9m.", span=Span(start=0, end=10)),
    )
    finding = Finding(
        id="F", kind="contradiction", type="number", claim_ids=("a:0", "b:0"), confidence=0.9,
        explanation="It says\n::error file=evil::spoofed, 100% sure",
    )  # fmt: skip
    report = Report(version="0", articles=arts, claims=claims, findings=(finding,))
    (line,) = github_annotations(report)
    assert "\n" not in line and "\r" not in line
    m = re.fullmatch(r"::error (?P<props>[^:]*)::(?P<msg>.*)", line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group("props").split(","))
    assert set(props) == {"file", "line", "col", "title"}
    assert props["line"] == "1" and props["col"] == "1"
    decode = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
    assert re.sub("%25|%0D|%0A|%3A|%2C", lambda x: decode[x.group()], props["file"]) == path
    assert "::" not in m.group("msg") or "%0A::" in m.group("msg")


def test_robust_skipped_lines_on_stderr_cannot_start_a_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_models(monkeypatch)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("The council approved the budget of 12 million on Monday.\n")
    for name in HOSTILE_NAMES:
        (folder / name).write_text("")  # empty: skipped, and its name printed
    result = run_cli("check", folder, cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert sum(line.startswith("factcheck: skipped") for line in lines) == len(HOSTILE_NAMES)
    assert not [line for line in lines if line.startswith("::")]


def test_robust_error_lines_on_stderr_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_models(monkeypatch)
    result = run_cli("check", tmp_path / "no\n::error::such", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "\\n::error::such" in result.stderr


@pytest.mark.parametrize(
    "name",
    ["plain.md", "with space.md", "per%cent.md", "hash#frag?q=1.md", "c:colon.md", "tick`s.md", "new\nline.md", "ü.md"],
)
def test_robust_sarif_uri_is_a_percent_encoded_uri_reference(tmp_path: Path, name: str) -> None:
    text = "The bridge will cost $4 million.\n"
    for path in (name, str(tmp_path / name)):
        arts = (Article(id="a", path=path, text=text).meta(), Article(id="b", path=path, text=text).meta())
        claims = (
            Claim(id="a:0", article_id="a", text="x", span=Span(start=0, end=5)),
            Claim(id="b:0", article_id="b", text="y", span=Span(start=0, end=5)),
        )
        f = Finding(id="F", kind="contradiction", claim_ids=("a:0", "b:0"), confidence=0.9, explanation="e")
        log = json.loads(render_sarif(Report(version="0", articles=arts, claims=claims, findings=(f,))))
        result = log["runs"][0]["results"][0]
        for loc in (result["locations"][0], result["relatedLocations"][0]):
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            assert re.fullmatch(r"(file://)?[A-Za-z0-9\-._~/%]+", uri), uri
            if path.startswith("/"):
                assert uri.startswith("file:///") and unquote(uri.removeprefix("file://")) == path
            else:
                assert not uri.startswith("/") and ":" not in uri and unquote(uri) == path


# --------------------------------------------------------------------------- the HTML report

#: Every element and attribute the HTML report itself writes; anything else came from an article.
HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "input", "nav", "label", "main",
    "section", "ul", "li", "strong", "span", "em", "div", "mark", "table", "tr", "th", "td",
}  # fmt: skip
HTML_ATTRS = {"lang", "charset", "name", "content", "type", "id", "checked", "for", "class", "title"}


def _html_page(html_text: str) -> _Collect:
    parser = _Collect()
    parser.feed(html_text)
    parser.close()
    return parser


def test_robust_html_report_of_hostile_articles_has_only_its_own_markup(tmp_path: Path, config: Config) -> None:
    from factcheck.render import render_html

    files = _hostile_files(tmp_path / "in")
    report = check(files, config=config, backends=fake_backends(config))
    page = render_html(report, detail=True)
    parsed = _html_page(page)
    assert {tag for tag, _ in parsed.tags} <= HTML_TAGS
    for tag, attrs in parsed.tags:
        for name, value in attrs:
            assert name in HTML_ATTRS, f"attribute from the input: <{tag} {name}={value!r}>"
            assert "javascript:" not in (value or "").lower()
    assert "<script" not in page.lower().replace("&lt;script", "")
    text = " ".join("".join(parsed.text).split())
    for marker in ("PWN1", "PWN4", "PWN9", "PWN13"):
        assert marker in text, f"{marker} not shown as text"


def test_robust_html_escapes_claims_with_pipes_and_backticks(tmp_path: Path) -> None:
    from factcheck.render import render_html

    text = 'Budget | `rm -rf` <b>bold</b> " onmouseover="x'
    art = Article(id="a", path=str(tmp_path / "a.txt"), title=text, source=text, text=text + " " * 20)
    claim = Claim(id="a:0", article_id="a", text=text, span=Span(start=0, end=5), speaker=text)
    page = render_html(Report(version="0", articles=(art.meta(),), claims=(claim,)))
    parsed = _html_page(page)
    assert {tag for tag, _ in parsed.tags} <= HTML_TAGS
    assert all(name in HTML_ATTRS for _, attrs in parsed.tags for name, _ in attrs)
    assert text in "".join(parsed.text)
