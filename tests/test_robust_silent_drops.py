"""Silent drops: whatever is not used is listed with its reason, in the report and on stderr."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.ingest import read_all, read_file

from .robust_support import run_cli, use_fake_models, write_good

GOOD_LINE = json.dumps({"id": "good", "text": "The council approved the budget on Monday."})


def test_robust_jsonl_bad_lines_are_skipped_one_by_one_and_good_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [GOOD_LINE, "{not json", "[1, 2]", json.dumps({"title": "no text"}), GOOD_LINE.replace("good", "also")]
    path.write_text("\n".join(lines) + "\n")
    articles, skipped = read_all([path])
    assert [a.id for a in articles] == ["good", "also"]
    assert [(s.path, s.reason.split(" (")[0]) for s in skipped] == [
        (f"{path}:2", "not valid JSON"),
        (f"{path}:3", "each line must be a JSON object"),
        (f"{path}:4", "missing or empty 'text'"),
    ]


def test_robust_jsonl_with_a_bom_reads_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_LINE.encode() + b"\n")
    assert [a.id for a in read_all([path])[0]] == ["good"]


def test_robust_folder_lists_what_it_cannot_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "in"
    write_good(root)
    os.mkfifo(root / "pipe.txt")
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to(root)
    (root / "locked").mkdir()
    (root / "locked" / "a.txt").write_text("The council met.\n")
    (root / "linked.txt").symlink_to(root / "gazette.txt")
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    articles, skipped = read_all([root])
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["pipe.txt"] == "not a regular file (a FIFO (named pipe))"
    assert reasons["dangling.txt"].startswith("broken symbolic link")
    assert reasons["loop.txt"] == "symbolic link loop"
    assert reasons["up"].startswith("symbolic link to a folder, not followed")
    assert reasons["locked"] == "cannot read folder (Permission denied)"
    assert sorted(a.id for a in articles) == ["courier", "gazette", "herald"]  # linked.txt is gazette, read once


def test_robust_folder_of_bad_files_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("  \n")
    (tmp_path / "in" / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match=r"empty\.txt: file is empty; .*latin\.txt: not UTF-8"):
        read_all([tmp_path / "in"])
    use_fake_models(monkeypatch)
    result = run_cli("check", tmp_path / "in", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "file is empty" in result.stderr and "not UTF-8" in result.stderr


def test_robust_skipped_fifo_reaches_report_and_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_models(monkeypatch)
    write_good(tmp_path / "in")
    os.mkfifo(tmp_path / "in" / "pipe.md")
    result = run_cli("check", tmp_path / "in", "--format", "json", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [s["path"] for s in report["skipped"]] == [str(tmp_path / "in" / "pipe.md")]
    assert "factcheck: skipped" in result.stderr and "pipe.md: not a regular file" in result.stderr


def test_robust_missing_baseline_flag_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_models(monkeypatch)
    write_good(tmp_path / "in")
    result = run_cli(
        "check", tmp_path / "in", "--baseline", tmp_path / "nope.json", cwd=tmp_path, monkeypatch=monkeypatch
    )
    assert result.exit_code == 2 and "baseline file not found" in result.stderr


def test_robust_missing_baseline_from_config_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_models(monkeypatch)
    write_good(tmp_path / "in")
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nbaseline = "accepted.json"\n')
    result = run_cli("check", tmp_path / "in", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "factcheck: warning: baseline" in result.stderr and "not found" in result.stderr


def test_robust_pairs_keeps_input_values_of_output_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    infile = tmp_path / "in.jsonl"
    rows = [
        {"id": 1, "claim": "It rose 5%.", "evidence": "It rose 7%.", "label": "SUPPORTS", "type": "gold", "x": 1},
        {"id": 2, "claim": "It rained.", "evidence": "It rained.", "confidence": "high", "input_label": "kept"},
    ]
    infile.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = run_cli("pairs", infile, cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, 2]
    for o in out:
        assert o["label"] in ("agree", "contradict", "neutral") and 0 <= o["confidence"] <= 1
    assert out[0]["input_label"] == "SUPPORTS" and out[0]["input_type"] == "gold" and out[0]["x"] == 1
    assert out[1]["input_confidence"] == "high" and out[1]["input_label"] == "kept"
    assert "factcheck: warning:" in result.stderr and "label as input_label" in result.stderr


def test_robust_pairs_empty_input_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in.jsonl").write_text("\n\n")
    result = run_cli(
        "pairs", tmp_path / "in.jsonl", "--out", tmp_path / "out.jsonl", cwd=tmp_path, monkeypatch=monkeypatch
    )
    assert result.exit_code == 2 and "no rows" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_robust_pairs_counts_every_bad_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in.jsonl").write_text('{"id": 1, "claim": "a", "evidence": "b"}\n{bad\n{"id": 2}\n[3]\n')
    result = run_cli("pairs", tmp_path / "in.jsonl", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "in.jsonl:2: not valid JSON" in result.stderr and "(and 2 more bad lines)" in result.stderr


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("---\n- a\n- b\n---\n", "front matter ignored: it is a list, not a mapping of fields"),
        ("---\njust a string\n---\n", "front matter ignored: it is a string, not a mapping of fields"),
        ("---\ntitle: Budget\npublished: not-a-date\n---\n", "published ignored: 'not-a-date' is not a date"),
        ("---\ntitle: [a, b]\n---\n", "title ignored: a list, not text"),
    ],
)
def test_robust_unusable_front_matter_is_listed_not_ignored(tmp_path: Path, front: str, reason: str) -> None:
    path = tmp_path / "a.md"
    path.write_text(front + "\nThe council approved the budget on Monday after a long debate.\n")
    ((article,), _) = read_file(path)
    assert any(r.reason == reason for r in article.removed), [r.reason for r in article.removed]
    assert article.blocks[-1].text.startswith("The council approved")


def test_robust_published_not_a_date_in_jsonl_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps({"text": "The council met on Monday.", "published": "soon"}) + "\n")
    ((article,), _) = read_file(path)
    assert article.published is None and any("'soon' is not a date" in r.reason for r in article.removed)


def test_robust_toml_front_matter_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text('+++\ntitle = "Budget approved"\npublished = 2024-05-01\n+++\n\nThe council met on Monday.\n')
    ((article,), _) = read_file(path)
    assert article.title == "Budget approved" and str(article.published) == "2024-05-01"


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_robust_bom_stays_out_of_the_title(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes("\ufeffBudget Approved\n\nThe council approved the budget on Monday after a debate.\n".encode())
    ((article,), _) = read_file(path)
    assert article.title == "Budget Approved"
    assert all("\ufeff" not in b.text for b in article.blocks)
    assert article.text[article.blocks[0].span.start : article.blocks[0].span.end] == article.blocks[0].text


def test_robust_nul_and_controls_stay_out_of_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text('---\ntitle: "Bud\\0get \\e[31mred"\nauthor: "A\\u202eB"\n---\n\nThe council met on Monday.\n')
    ((article,), _) = read_file(path)
    assert article.title == "Bud get [31mred" and article.author == "A B"
