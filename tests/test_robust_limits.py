"""Limits: no input can make a run stall or blow up memory; each limit says what it cut (factcheck.limits)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck._text import HayIndex, Word, _tag_spans, align, html_words, words
from factcheck.errors import FactcheckWarning
from factcheck.ingest import read_all, read_file, read_pairs
from factcheck.limits import MAX_FIELD_CHARS, Limits
from factcheck.segment import segment

from .conftest import ROOT

ALIAS_BOMB = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
title: *h
---

The council approved the budget on Monday after a long debate.
"""


def test_robust_yaml_alias_bomb_is_refused_in_constant_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.md"
    path.write_text(ALIAS_BOMB)
    assert len(ALIAS_BOMB) < 600
    tracemalloc.start()
    started = time.perf_counter()
    (article,) = read_file(path)[0]
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 5 and peak < 50_000_000
    assert article.title is None
    assert any("YAML aliases" in r.reason for r in article.removed)
    assert article.blocks and "council approved" in article.blocks[-1].text


def test_robust_metadata_fields_are_capped(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text(f"---\ntitle: {'Word ' * 3000}\nauthor: {'x' * 30_000}\n---\n\nThe council met on Monday.\n")
    (article,) = read_file(path)[0]
    assert article.title is not None and len(article.title) <= MAX_FIELD_CHARS and article.title.endswith("…")
    assert article.author is not None and len(article.author) <= MAX_FIELD_CHARS


def test_robust_file_over_max_file_bytes_is_skipped_before_reading(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("The council met on Monday. " * 200)
    (tmp_path / "ok.txt").write_text("The council met on Monday.\n")
    articles, skipped = read_all([tmp_path], Limits(max_file_bytes=1000))
    assert [a.id for a in articles] == ["ok"]
    (s,) = skipped
    assert s.path.endswith("big.txt") and "over the max-file-bytes limit" in s.reason


def test_robust_twenty_megabyte_text_is_skipped_fast(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("w") as fh:
        for _ in range(20):
            fh.write("The council approved the budget on Monday after a long debate. " * 16_000 + "\n")
    (tmp_path / "ok.txt").write_text("The council met on Monday.\n")
    started = time.perf_counter()
    articles, skipped = read_all([tmp_path])
    assert time.perf_counter() - started < 5
    assert [a.id for a in articles] == ["ok"] and re.match(r"20\.\d MB is over the max-file-bytes", skipped[0].reason)


def test_robust_front_matter_over_its_limit_is_ignored_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "fm.md"
    path.write_text(f"---\ntitle: x\nnotes: {'y' * 70_000}\n---\n\nThe council met on Monday.\n")
    (article,) = read_file(path)[0]
    assert article.title is None and any("longer than 65,536" in r.reason for r in article.removed)


def test_robust_max_file_bytes_is_a_setting(tmp_path: Path) -> None:
    from factcheck.config import load_config

    (tmp_path / "pyproject.toml").write_text(
        "[tool.factcheck]\nmax-file-bytes = 2000\nmax-article-chars = 5000\nmax-file-articles = 3\n"
    )
    limits = load_config(tmp_path).limits()
    assert (limits.max_file_bytes, limits.max_article_chars, limits.max_file_articles) == (2000, 5000, 3)


def test_robust_long_article_is_cut_at_max_article_chars_with_a_reason(tmp_path: Path) -> None:
    text = "Title\n\n" + "\n\n".join(f"Paragraph {i} says the council met on Monday again." for i in range(40_000))
    (tmp_path / "long.txt").write_text(text)
    started = time.perf_counter()
    (article,) = read_file(tmp_path / "long.txt")[0]
    assert time.perf_counter() - started < 10
    kept = sum(b.span.end - b.span.start for b in article.blocks)
    assert 30_000 < kept <= 40_000
    (cut,) = [r for r in article.removed if "max-article-chars" in r.reason]
    assert cut.span.end == len(text) and len(cut.text) <= 200


def test_robust_one_megabyte_line_costs_seconds_not_minutes(tmp_path: Path) -> None:
    words_ = "the council approved the budget on monday after a long debate with members of the public "
    (tmp_path / "line.txt").write_text((words_ * 13_000)[:1_100_000])
    started = time.perf_counter()
    (article,) = read_all([tmp_path])[0]
    claims, _ = segment(article, None)
    assert time.perf_counter() - started < 20
    assert claims and any("max-article-chars" in r.reason for r in article.removed)


def test_robust_ten_thousand_line_jsonl_keeps_the_first_articles_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"text": f"The council met on day {i}."}) + "\n" for i in range(10_000)))
    started = time.perf_counter()
    articles, skipped = read_all([path])
    assert time.perf_counter() - started < 10
    assert len(articles) == 500
    (s,) = skipped
    assert s.path == f"{path}:501-10000" and "max-file-articles" in s.reason


def test_robust_jsonl_stops_at_max_file_chars(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"text": "The council met on Monday. " * 40}) + "\n" for _ in range(100)))
    articles, skipped = read_all([path], Limits(max_file_chars=5_000))
    assert sum(len(a.text) for a in articles) <= 5_000 + 1_100
    assert skipped and all("max-file-chars" in s.reason for s in skipped)


def test_robust_pairs_megabyte_evidence_is_cut_with_a_warning_and_judged_fast(tmp_path: Path) -> None:
    from factcheck.facts.slots import SlotExtractor
    from factcheck.judge.sentence import compare_pairs, load_comparator

    evidence = ("The rocket launched on Monday from the coast, officials said. " * 17_000)[:1_000_000]
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"id": 1, "claim": "The rocket launched on Monday.", "evidence": evidence}) + "\n")
    with pytest.warns(FactcheckWarning, match=r"cut to 20,000 characters \(max-pair-chars\) on line 1"):
        rows, originals = read_pairs(path)
    assert len(rows[0]["evidence"]) <= 20_000 and originals == [{"evidence": evidence}]
    started = time.perf_counter()
    (out,) = compare_pairs(rows, load_comparator(), SlotExtractor(None), None)
    assert time.perf_counter() - started < 60
    assert out["label"] in ("agree", "contradict", "neutral")


def test_robust_fifo_on_the_command_line_is_skipped_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "ok.txt").write_text("The council met on Monday.\n")
    code = (
        "from pathlib import Path; from factcheck.ingest import read_all\n"
        f"a, s = read_all([Path({str(fifo)!r}), Path({str(tmp_path / 'ok.txt')!r})])\n"
        "print([x.id for x in a], [x.reason for x in s])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "['ok']" in result.stdout and "not a regular file (a FIFO (named pipe))" in result.stdout


# --------------------------------------------------------------------------- HTML alignment is linear

_OLD_TAG = re.compile(r"<!--.*?-->|<(script|style|noscript|template)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)

html_text = st.text(alphabet=st.sampled_from(list("<>!-/ abScriptSTYLE\n&;x")), max_size=80)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(html_text)
def test_robust_tag_scanner_matches_the_old_regex(raw: str) -> None:
    assert _tag_spans(raw) == [m.span() for m in _OLD_TAG.finditer(raw)]


def _old_align(needles: list[Word], hay: list[Word], window: int = 40) -> list[Word | None]:
    """The aligner as it was (quadratic when called per paragraph on a whole page), kept as the reference."""

    def norm(token: str) -> str:
        return re.sub(r"[\W_]+", "", token.lower())

    out: list[Word | None] = []
    i = 0
    for needle in needles:
        found = None
        key = norm(needle.text)
        for j in range(i, min(i + window, len(hay))):
            cand = hay[j]
            if cand.text == needle.text or (key and norm(cand.text) == key):
                found = j
                break
        if found is None and key:
            for j in range(i, min(i + window, len(hay))):
                hk = norm(hay[j].text)
                if hk and key.startswith(hk):
                    k, acc = j, ""
                    while k < len(hay) and len(acc) < len(key):
                        acc += norm(hay[k].text)
                        k += 1
                    if acc == key:
                        out.append(Word(needle.text, hay[j].start, hay[k - 1].end))
                        i = k
                        found = -1
                    break
            if found == -1:
                continue
        if found is None:
            out.append(None)
            continue
        out.append(hay[found])
        i = found + 1
    return out


tokens = st.lists(st.sampled_from(["Ro", "go", "zin", "Rogozin", "the", "The", "—", "&", "a.", "b,", "x"]), max_size=40)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(tokens, tokens, st.integers(min_value=1, max_value=12))
def test_robust_align_matches_the_old_aligner(needle_words: list[str], hay_words: list[str], window: int) -> None:
    needles = words(" ".join(needle_words))
    hay = words(" ".join(hay_words))
    assert align(needles, hay, window=window) == _old_align(needles, hay, window=window)
    index = HayIndex(hay)
    assert align(needles, hay, window=window, index=index) == _old_align(needles, hay, window=window)


@pytest.mark.parametrize(
    "page",
    [
        "a < b " * 100_000,  # no ">" anywhere: the old regex rescanned the page from every "<"
        "<!-- x " * 50_000 + "<p>text</p>",  # unclosed comments
        "<script> x " * 50_000 + "<p>text</p>",  # unclosed scripts
    ],
)
def test_robust_html_words_is_linear_on_hostile_markup(page: str) -> None:
    started = time.perf_counter()
    html_words(page)
    assert time.perf_counter() - started < 5


def test_robust_html_ingest_time_grows_linearly(tmp_path: Path) -> None:
    para = "<p>The council approved budget {} on Monday after a long debate, the mayor said.</p>\n"
    limits = Limits(max_article_chars=10**7, max_file_chars=10**8)
    times = {}
    for n in (1_000, 4_000):
        page = tmp_path / f"p{n}.html"
        page.write_text(f"<html><body><article>{''.join(para.format(i) for i in range(n))}</article></body></html>")
        read_file(page, limits)  # warm up trafilatura
        started = time.perf_counter()
        (article,), _ = read_file(page, limits)
        times[n] = time.perf_counter() - started
        assert len(article.blocks) >= n * 0.9
    assert times[4_000] < 8 * times[1_000] + 0.5  # quadratic would be 16x


def test_robust_warnings_are_factcheck_warnings(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": 1, "claim": "a", "evidence": "b", "label": "SUPPORTS"}) + "\n")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        read_pairs(path)
    assert [w.category for w in seen] == [FactcheckWarning]


def test_robust_pairs_output_carries_the_evidence_uncut(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from factcheck.cli import app

    evidence = "The rocket launched on Monday. " * 2_000
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"id": 1, "claim": "The rocket launched.", "evidence": evidence}) + "\n")
    result = CliRunner().invoke(app, ["pairs", str(path), "--config", str(tmp_path / "pyproject.toml")])
    assert result.exit_code == 2  # no such config file: an error, not a crash
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck]\nmax-pair-chars = 1000\n")
    result = CliRunner().invoke(app, ["pairs", str(path), "--config", str(tmp_path / "pyproject.toml")])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["evidence"] == evidence and "max-pair-chars" in result.stderr


def test_robust_repeated_claims_and_claims_past_the_cap_are_listed(tmp_path: Path) -> None:
    from factcheck.limits import MAX_ARTICLE_CLAIMS

    same = "The council approved the budget on Monday after a long debate."
    varied = [f"The council approved budget number {i} on Monday after a long debate." for i in range(400)]
    (tmp_path / "a.txt").write_text("Title\n\n" + "\n\n".join([same] * 50 + varied) + "\n")
    (article,) = read_all([tmp_path])[0]
    claims, removed = segment(article, None)
    assert len(claims) == MAX_ARTICLE_CLAIMS
    assert [c.text for c in claims].count(same) == 1
    reasons = [r.reason for r in removed]
    assert "repeats an earlier claim of this article (49 times)" in reasons
    assert any(r.startswith(f"over {MAX_ARTICLE_CLAIMS} claims in one article") for r in reasons)
