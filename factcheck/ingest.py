"""Files -> Articles: decode, read metadata, cut the page furniture out of the body.

Every offset kept here (block spans, removed spans) points into the file's text
as Python reads it in text mode (``Path.read_text(encoding="utf-8")``, so
``\\r\\n`` reads as ``\\n``): a user can check a span with
``open(path, encoding="utf-8").read()[start:end]``.

Formats:

* ``.txt`` (and any explicit file of another suffix): first short line is the
  title; datelines and bylines near the top become metadata.
* ``.md`` / ``.markdown``: optional YAML front matter (``title``, ``source``,
  ``url``, ``published``; front matter wins over a dateline) and a ``# heading``
  title; Markdown markup stays in the span and is masked by segmentation.
* ``.html`` / ``.htm``: trafilatura extracts the main text and metadata; each
  extracted paragraph is mapped back to the stretch of HTML it came from, so a
  block's span covers raw HTML and its ``text`` is the extracted text.
* ``.jsonl``: one article per line, a JSON object with keys ``text``
  (required), ``title``, ``source``, ``url``, ``published`` and ``id``
  (optional). The article's ``path`` is ``FILE:LINE`` and its spans point into
  the line's decoded ``text`` value, not into the file. A bad line is skipped
  (listed as ``FILE:LINE`` with its reason); the good lines are kept.

Only regular files are read, and no more of each than the limits in
:mod:`factcheck.limits` allow; nothing is dropped without a ``Skipped`` or
``Removed`` entry that says why. Articles come out in a canonical order (by
resolved path, then line), so the same set of files gives the same report
whatever their order on the command line.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tomllib
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from factcheck._text import HayIndex, TopicModel, align, html_words, words
from factcheck.errors import FactcheckWarning, InputError, note_file
from factcheck.limits import (
    DEFAULT,
    MAX_DATE_CHARS,
    MAX_FIELD_CHARS,
    MAX_FRONT_MATTER_CHARS,
    Limits,
    human_bytes,
)
from factcheck.schema import Article, Block, Removed, Skipped, Span

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")

#: A title is a first line at most this long (characters) and this many words.
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
#: Datelines and bylines are looked for among this many lines after the title.
HEADER_LINES = 6


# --------------------------------------------------------------------------- discovery

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _stat_problem(path: Path) -> tuple[os.stat_result | None, str | None]:
    """``os.stat`` of ``path`` (following links), or the reason it cannot be had."""
    try:
        return os.stat(path), None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "symbolic link loop"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return None, f"broken symbolic link (to {os.readlink(path)!r})"
        return None, f"cannot read ({exc.strerror or exc})"


def _walk(folder: Path, found: list[Path], skipped: list[Skipped]) -> None:
    """Files of ``folder`` with SUFFIXES, recursively; everything else that could hide an article is reported.

    Hidden entries (``.git``, ``.venv``) are left alone. Symbolic links to
    folders are not followed (a link to ``/`` or to a parent would read the
    disk or loop): each is listed as skipped, to be named on the command line
    if wanted. FIFOs, sockets, devices, broken links, link loops and folders
    that cannot be listed are skipped with their reason, whatever their name.
    """
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        skipped.append(Skipped(path=str(folder), reason=f"cannot read folder ({exc.strerror or exc})"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            is_link = entry.is_symlink()
            if entry.is_dir(follow_symlinks=False):
                _walk(path, found, skipped)
                continue
        except OSError as exc:
            skipped.append(Skipped(path=str(path), reason=f"cannot read ({exc.strerror or exc})"))
            continue
        st, problem = _stat_problem(path)
        if st is None:
            skipped.append(Skipped(path=str(path), reason=problem or "cannot read"))
        elif stat.S_ISDIR(st.st_mode):
            skipped.append(
                Skipped(path=str(path), reason="symbolic link to a folder, not followed (name it to read it)")
            )
        elif not stat.S_ISREG(st.st_mode):
            skipped.append(Skipped(path=str(path), reason=f"not a regular file ({_kind(st.st_mode)})"))
        elif path.suffix.lower() in SUFFIXES or (is_link and Path(os.path.realpath(path)).suffix.lower() in SUFFIXES):
            found.append(path)


def _canonical(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a link loop on older Pythons
        return path.absolute()


def discover_all(paths: Sequence[Path]) -> tuple[list[Path], list[Skipped]]:
    """Expand folders recursively to files with SUFFIXES; list what cannot be read instead of dropping it.

    Explicit files are kept whatever their suffix (they are read as text). The
    files come in a canonical order (by resolved path), whatever the order of
    ``paths``; a file reached twice is read once. A FIFO, device or socket, a
    broken link or a link loop is skipped with its reason, never opened.

    Raises:
        InputError: a path does not exist (a usage error, not a bad file).
    """
    found: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        st, problem = _stat_problem(path)
        if st is None:
            if not os.path.lexists(path):
                raise InputError(f"{path}: no such file or folder")
            skipped.append(Skipped(path=str(path), reason=problem or "cannot read"))
        elif stat.S_ISDIR(st.st_mode):
            _walk(path, found, skipped)
        elif stat.S_ISREG(st.st_mode):
            found.append(path)
        else:
            skipped.append(Skipped(path=str(path), reason=f"not a regular file ({_kind(st.st_mode)})"))
    chosen: dict[Path, Path] = {}
    for p in found:
        key = _canonical(p)
        if key not in chosen or str(p) < str(chosen[key]):
            chosen[key] = p  # the same spelling whatever the argument order
    return [chosen[k] for k in sorted(chosen)], skipped


def discover(paths: Sequence[Path]) -> list[Path]:
    """The files :func:`discover_all` finds (what it skips is left out; :func:`read_all` reports it).

    Raises:
        InputError: a path does not exist.
    """
    return discover_all(paths)[0]


def read_all(paths: Sequence[Path], limits: Limits | None = None) -> tuple[list[Article], list[Skipped]]:
    """discover + read each file; a bad file (or JSON line) becomes a Skipped(path, reason), never loses the others.

    Articles come in canonical order (resolved path, then line), so argument
    order never changes a report. Article ids are the file stem (``FILE-LINE``
    or the line's ``id`` for JSON lines), de-duplicated in that order with
    ``-2``, ``-3``... so the same inputs always give the same ids.

    Raises:
        InputError: a path does not exist (a usage error, not a bad file), or
            the paths hold inputs but not one readable article (the message
            gives the reasons).
    """
    files, skipped = discover_all(paths)
    found, bad = read_files(files, limits)
    articles = unique_ids(found)
    skipped.extend(bad)
    if not articles and skipped:
        raise InputError(f"no readable article in {_names(paths)}: {_reasons(skipped)}")
    return articles, skipped


def read_files(files: Sequence[Path], limits: Limits | None = None) -> tuple[list[Article], list[Skipped]]:
    """Read ``files`` (as :func:`discover_all` lists them) in order; ids not yet de-duplicated.

    The per-article half of :func:`read_all`: batches of files can be read in
    parallel and joined in order, then given ids by :func:`unique_ids`.
    """
    limits = limits or DEFAULT
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for path in files:
        try:
            found, bad = read_file(path, limits)
        except InputError as exc:
            skipped.append(Skipped(path=str(path), reason=_reason(path, exc)))
            continue
        except Exception as exc:
            note_file(exc, str(path))  # the CLI names the file in its one-line internal error
            raise
        skipped.extend(bad)
        articles.extend(found)
    return articles, skipped


def unique_ids(articles: Sequence[Article], taken: Iterable[str] = ()) -> list[Article]:
    """Articles (in canonical order) with repeated ids made unique by ``-2``, ``-3``... in that order.

    ``taken``: ids already in use elsewhere (a draft's, when these are its sources).
    """
    out: list[Article] = []
    used: set[str] = set(taken)
    for article in articles:
        new_id, n = article.id, 1
        while new_id in used:
            n += 1
            new_id = f"{article.id}-{n}"
        used.add(new_id)
        out.append(article if new_id == article.id else article.model_copy(update={"id": new_id}))
    return out


#: A date read from a page's stamp this many days outside the other sources' dates is not the article's.
STAMP_DOUBT_DAYS = 60


def consistent_dates(articles: Sequence[Article]) -> list[Article]:
    """Articles whose date came only from a page stamp far from every other source's date lose that date.

    A page often shows the day it was served or republished ("Sunday 8 December
    2019" above a story of April): read as the publication date it would resolve
    "on Monday" and a running count's day against the wrong month. When two or
    more other articles are dated by something firmer (front matter, HTML
    metadata, the URL) and the stamp lies :data:`STAMP_DOUBT_DAYS` outside all
    of them, the article is treated as undated, and the report says why.
    """
    firm = [a.published for a in articles if a.published is not None and a.published_from != "dateline"]
    if len(firm) < 2:
        return list(articles)
    low, high = min(firm), max(firm)
    out = []
    for a in articles:
        day = a.published
        if a.published_from == "dateline" and day is not None and not (
            (low - day).days <= STAMP_DOUBT_DAYS and (day - high).days <= STAMP_DOUBT_DAYS
        ):
            why = (
                f"date stamp ({day.isoformat()}) far from the other sources' dates "
                f"({low.isoformat()} to {high.isoformat()}): not read as the publication date"
            )
            removed = tuple(r.model_copy(update={"reason": why}) if r.reason == "dateline" else r for r in a.removed)
            a = a.model_copy(update={"published": None, "published_from": None, "removed": removed})
        out.append(a)
    return out


def _reason(path: Path, exc: InputError) -> str:
    """The error's message without the path it starts with (the Skipped entry carries the path)."""
    message = str(exc)
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _names(paths: Sequence[Path]) -> str:
    shown = ", ".join(str(p) for p in paths[:3])
    return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _reasons(skipped: Sequence[Skipped], most: int = 3) -> str:
    shown = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:most])
    return shown + (f"; and {len(skipped) - most} more skipped" if len(skipped) > most else "")


def read_file(path: Path, limits: Limits | None = None) -> tuple[list[Article], list[Skipped]]:
    """One file -> its articles, and the JSON lines of it that were skipped (with ``FILE:LINE`` and why).

    Raises:
        InputError: with a one-line reason when the file as a whole cannot be used.
    """
    limits = limits or DEFAULT
    text = _read_text(path, limits)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(path, text, limits)
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    article_id = _slug(path.stem)
    if suffix in (".html", ".htm"):
        return [_read_html(path, text, article_id, limits)], []
    if suffix in (".md", ".markdown"):
        return [_read_markdown(path, text, article_id, limits)], []
    return [_build(str(path), article_id, text, 0, len(text), limits=limits)], []


def read_articles(path: Path, limits: Limits | None = None) -> list[Article]:
    """One file -> articles (a .jsonl gives one per line); strict: any bad line is an error.

    Raises:
        InputError: with a one-line reason for unreadable / undecodable / empty / malformed input.
    """
    articles, bad = read_file(path, limits)
    if bad:
        raise InputError(f"{bad[0].path}: {bad[0].reason}")
    return articles


def _read_text(path: Path, limits: Limits = DEFAULT) -> str:
    """The file's text as text mode reads it (universal newlines), opened only if it is a regular file.

    The size is checked before anything is read, and never more than the limit
    is read even if the file grows meanwhile; ``O_NONBLOCK`` keeps a FIFO that
    replaced the file since it was listed from blocking the open.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: not a regular file ({_kind(st.st_mode)})")
        if st.st_size > limits.max_file_bytes:
            raise InputError(
                f"{path}: {human_bytes(st.st_size)} is over the max-file-bytes limit "
                f"({human_bytes(limits.max_file_bytes)})"
            )
        try:
            data = fh.read(limits.max_file_bytes + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limits.max_file_bytes:
        raise InputError(f"{path}: over the max-file-bytes limit ({human_bytes(limits.max_file_bytes)})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _slug(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-")
    return slug or "article"


# --------------------------------------------------------------------------- formats


@dataclass
class _Meta:
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: date | None = None
    published_from: Literal["front_matter", "dateline", "html_meta", "jsonl", "url"] | None = None
    title_from: Literal["front_matter", "html_meta", "jsonl", "headline", "url"] | None = None
    #: metadata that was there but could not be used, with why (listed as removed)
    ignored: list[Removed] = field(default_factory=list)


_FM_OPEN = re.compile(r"\A(?:\ufeff)?(-{3,}|\+{3,})[ \t]*\n")


def _read_markdown(path: Path, text: str, article_id: str, limits: Limits = DEFAULT) -> Article:
    meta = _Meta()
    body_start = 0
    opened = _FM_OPEN.match(text)
    if opened:
        fence = opened.group(1)[0] * 3
        close = re.compile(rf"^{re.escape(fence)}[-+]*[ \t]*$\n?", re.MULTILINE).search(text, opened.end())
        if close is None:
            raise InputError(f"{path}: front matter is not closed")
        body_start = close.end()
        region = Span(start=0, end=close.end())
        fields = _front_matter(path, text[opened.end() : close.start()], toml=fence == "+++", region=region, meta=meta)
        if fields is not None:
            _meta_from_mapping(fields, "front_matter", meta, locate=lambda key: _field_span(text, region, key))
    if not text[body_start:].strip():
        raise InputError(f"{path}: no text after the front matter")
    return _build(str(path), article_id, text, body_start, len(text), meta, markdown=True, limits=limits)


def _has_alias(source: str) -> bool:
    """Whether YAML text uses an alias (``*name``), found from parser events: linear, nothing expanded."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(source, Loader=loader))


def _front_matter(path: Path, source: str, toml: bool, region: Span, meta: _Meta) -> dict[str, Any] | None:
    """The front matter's fields, or None when it cannot be used (the reason goes to ``meta.ignored``).

    YAML is read with the safe loader after a check that it uses no alias:
    aliases are how a few hundred bytes expand to gigabytes, and real front
    matter has no need of them. TOML (``+++``) is read with ``tomllib``.

    Raises:
        InputError: the front matter does not parse at all.
    """

    def ignore(why: str) -> None:
        meta.ignored.append(Removed(span=region, reason=f"front matter ignored: {why}", text=_excerpt(source)))

    if len(source) > MAX_FRONT_MATTER_CHARS:
        ignore(f"longer than {MAX_FRONT_MATTER_CHARS:,} characters")
        return None
    try:
        if toml:
            value: object = tomllib.loads(source)
        else:
            import yaml

            if _has_alias(source):
                ignore("it uses YAML aliases (*name), which factcheck does not expand")
                return None
            value = yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception as exc:  # yaml and toml parser errors have no common base class
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(f"{path}: malformed front matter ({type(exc).__name__}{where})") from None
    if value is None:
        return None
    if not isinstance(value, dict):
        ignore(f"it is {_a(value)}, not a mapping of fields")
        return None
    return {str(k): v for k, v in value.items()}


def _a(value: object) -> str:
    """ "a list", "a str"... for messages."""
    name = {list: "list", tuple: "list", dict: "mapping", str: "string", bool: "boolean"}.get(type(value))
    name = name or type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def _field_span(text: str, region: Span, key: str) -> Span:
    """Where ``key:`` (or ``key =``) stands in the front matter; the whole front matter if not found."""
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*[:=].*$", re.MULTILINE)
    m = pattern.search(text, region.start, region.end)
    return Span(start=m.start(), end=m.end()) if m else region


def _excerpt(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def json_objects(
    path: Path, text: str | None = None, limits: Limits = DEFAULT
) -> tuple[list[tuple[int, dict[str, Any]]], list[Skipped]]:
    """The non-blank lines of a JSON-lines file as (line number, object), and each bad line with why."""
    rows: list[tuple[int, dict[str, Any]]] = []
    bad: list[Skipped] = []
    source = _read_text(path, limits) if text is None else text
    for lineno, line in enumerate(source.removeprefix("\ufeff").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            why = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            bad.append(Skipped(path=f"{path}:{lineno}", reason=f"not valid JSON ({why})"))
            continue
        if not isinstance(obj, dict):
            bad.append(Skipped(path=f"{path}:{lineno}", reason="each line must be a JSON object"))
            continue
        rows.append((lineno, obj))
    return rows, bad


#: Keys of a ``factcheck pairs`` output row (the CONTRACT's); an input row's own values for them are kept
#: under ``input_<key>``.
PAIRS_OUTPUT_KEYS = ("label", "type", "confidence", "explanation")


def read_pairs(path: Path, limits: Limits | None = None) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """A ``factcheck pairs`` input file: one {id, claim, evidence, ...} object per line.

    The output must have one row per input row, so any bad row is an error
    (the first is named, with how many more there are). An input row's own
    ``label``, ``type``, ``confidence`` or ``explanation`` would be overwritten
    by the verdict: it is kept as ``input_label`` etc., with a warning. A claim
    or evidence longer than ``max-pair-chars`` is cut at a word for judging,
    with a warning.

    Returns:
        The rows to judge, and per row the original claim/evidence values that
        were cut (empty when none), for the output to carry unchanged.

    Raises:
        InputError: a bad row, or no rows at all.
    """
    limits = limits or DEFAULT
    text = _read_text(path, Limits(max_file_bytes=max(limits.max_file_bytes, 10**9)))
    objects, bad = json_objects(path, text)
    rows = []
    for lineno, obj in objects:
        missing = [k for k in ("id", "claim", "evidence") if k not in obj]
        if missing:
            bad.append(Skipped(path=f"{path}:{lineno}", reason=f"missing key {missing[0]!r}"))
        elif not isinstance(obj["claim"], str) or not isinstance(obj["evidence"], str):
            bad.append(Skipped(path=f"{path}:{lineno}", reason="'claim' and 'evidence' must be strings"))
        else:
            rows.append((lineno, obj))
    if bad:
        bad.sort(key=lambda s: int(s.path.rsplit(":", 1)[1]))
        more = f" (and {len(bad) - 1} more bad lines)" if len(bad) > 1 else ""
        raise InputError(f"{bad[0].path}: {bad[0].reason}{more}")
    if not rows:
        raise InputError(f"{path}: no rows to judge (the file is empty)")
    renamed: dict[str, str] = {}
    cut: list[int] = []
    out = []
    originals: list[dict[str, str]] = []
    for lineno, obj in rows:
        originals.append({})
        row = dict(obj)
        for key in PAIRS_OUTPUT_KEYS:
            if key in row:
                new = f"input_{key}"
                while new in row:
                    new = f"input_{new}"
                row[new] = row.pop(key)
                renamed[key] = new
        for key in ("claim", "evidence"):
            if len(row[key]) > limits.max_pair_chars:
                originals[-1][key] = row[key]
                row[key] = _cut_at_word(row[key], limits.max_pair_chars)
                cut.append(lineno)
        out.append(row)
    if renamed:
        kept = ", ".join(f"{k} as {v}" for k, v in sorted(renamed.items()))
        warnings.warn(
            FactcheckWarning(f"{path}: input keys are output keys of `pairs`; the input's values are kept: {kept}"),
            stacklevel=2,
        )
    if cut:
        lines = sorted(set(cut))
        shown = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
        warnings.warn(
            FactcheckWarning(
                f"{path}: claim or evidence cut to {limits.max_pair_chars:,} characters (max-pair-chars) "
                f"on line{'s' if len(lines) > 1 else ''} {shown}"
            ),
            stacklevel=2,
        )
    return out, originals


def _cut_at_word(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text``, ending at a word boundary when there is one."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    return head[:space] if space > limit // 2 else head


def _read_jsonl(path: Path, text: str, limits: Limits = DEFAULT) -> tuple[list[Article], list[Skipped]]:
    articles: list[Article] = []
    stem = _slug(path.stem)
    objects, bad = json_objects(path, text)
    budget = limits.max_file_chars
    over: list[tuple[int, str]] = []  # (line, why) of the lines left unread by a limit
    for lineno, obj in objects:
        if len(articles) >= limits.max_file_articles:
            over.append((lineno, f"over the max-file-articles limit ({limits.max_file_articles:,} articles a file)"))
            continue
        if budget <= 0:
            over.append((lineno, f"over the max-file-chars limit ({limits.max_file_chars:,} characters a file)"))
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            bad.append(Skipped(path=f"{path}:{lineno}", reason="missing or empty 'text'"))
            continue
        meta = _meta_from_mapping(obj, "jsonl", _Meta(), locate=lambda _key: Span(start=0, end=0))
        raw_id = obj.get("id")
        article_id = _slug(str(raw_id))[:100] if raw_id not in (None, "") else f"{stem}-{lineno}"
        try:
            article = _build(f"{path}:{lineno}", article_id, body, 0, len(body), meta, limits=limits, budget=budget)
        except InputError as exc:
            bad.append(Skipped(path=f"{path}:{lineno}", reason=_reason(Path(f"{path}:{lineno}"), exc)))
            continue
        budget -= min(len(body), budget)
        articles.append(article)
    for first, last, why in _ranges(over):
        where = f"{path}:{first}" if first == last else f"{path}:{first}-{last}"
        bad.append(Skipped(path=where, reason=f"not read: {why}"))
    if not articles and not bad:
        raise InputError(f"{path}: file is empty")
    return articles, bad


def _ranges(lines: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """Consecutive (line, reason) entries with one reason, as (first, last, reason)."""
    out: list[tuple[int, int, str]] = []
    for lineno, why in lines:
        if out and out[-1][2] == why:
            out[-1] = (out[-1][0], lineno, why)
        else:
            out.append((lineno, lineno, why))
    return out


def _read_html(path: Path, text: str, article_id: str, limits: Limits = DEFAULT) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False)
    extracted = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not extracted:
        raise InputError(f"{path}: no article text found in the HTML")
    meta = _Meta(
        title=_clean(getattr(doc, "title", None)),
        source=_clean(getattr(doc, "sitename", None)),
        url=_clean(getattr(doc, "url", None)),
        author=_clean(getattr(doc, "author", None)),
    )
    meta.title_from = "html_meta" if meta.title else None
    published = _parse_date(getattr(doc, "date", None))
    if published:
        meta.published, meta.published_from = published, "html_meta"

    hay = html_words(text)
    index = HayIndex(hay)
    units: list[_Unit] = []
    pointer = 0
    budget = min(limits.max_article_chars, limits.max_file_chars)
    paragraphs = [p for p in (p.strip() for p in extracted.split("\n")) if p]
    for n, para in enumerate(paragraphs):
        if budget <= 0:
            rest = " ".join(paragraphs[n:])
            at = units[-1].end if units else 0
            reason = f"over the max-article-chars limit ({limits.max_article_chars:,} characters): not checked"
            meta.ignored.append(Removed(span=Span(start=at, end=len(text)), reason=reason, text=_excerpt(rest)))
            break
        needles = words(para)
        mapped = align(needles, hay, window=400, start=pointer, index=index)
        hits = [m for m in mapped if m is not None]
        if len(hits) < max(1, len(needles) // 2):
            continue  # cannot say where it stands in the file: better no block than a wrong span
        units.append(_Unit(hits[0].start, hits[-1].end, para))
        budget -= len(para)
        pointer = index.index_of_end(hits[-1].end) + 1
    if not units:
        raise InputError(f"{path}: extracted text could not be located in the HTML")
    return _assemble(str(path), article_id, text, units, meta, html=True)


_FIELDS = ("title", "source", "url", "author")


def _meta_from_mapping(
    fields: dict[str, Any],
    origin: Literal["front_matter", "jsonl"],
    meta: _Meta,
    locate: Any,
) -> _Meta:
    """Fill ``meta`` from front matter or a JSON line; a field that is there but unusable is listed, not dropped."""

    def ignore(key: str, why: str) -> None:
        shown = _excerpt(f"{key}: {fields[key]!r}")
        meta.ignored.append(Removed(span=locate(key), reason=f"{key} ignored: {why}", text=shown))

    for key in _FIELDS:
        value = fields.get(key)
        if value is None:
            continue
        if key == "author" and isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            value = ", ".join(str(v) for v in value)  # "authors: [A, B]" style
        if isinstance(value, dict | list | tuple | bool):
            ignore(key, f"{_a(value)}, not text")
            continue
        setattr(meta, key, _clean(value))
    if meta.title:
        meta.title_from = origin
    key = "published" if "published" in fields else "date"
    raw = fields.get(key)
    if raw is not None and raw != "":
        published = _parse_date(raw)
        if published:
            meta.published, meta.published_from = published, origin
        else:
            ignore(key, f"{_excerpt(str(raw), 60)!r} is not a date")
    return meta


#: Characters kept out of metadata: C0/C1 controls, DEL, the BOM, bidirectional overrides and isolates.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u202a-\u202e\u2066-\u2069]")


def _clean(value: object) -> str | None:
    """A metadata value as one line of visible text, at most MAX_FIELD_CHARS long ("…" marks a cut)."""
    if value is None:
        return None
    text = " ".join(_INVISIBLE.sub(" ", str(value)[: MAX_FIELD_CHARS * 4]).split())
    if len(text) > MAX_FIELD_CHARS:
        text = text[: MAX_FIELD_CHARS - 1] + "…"
    return text or None


def _parse_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > MAX_DATE_CHARS:
        return None
    import dateparser

    try:
        parsed = dateparser.parse(value.strip(), languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    except (ValueError, OverflowError, RecursionError):  # dateparser raises on some odd strings
        return None
    return parsed.date() if parsed else None


# --------------------------------------------------------------------------- blocks and boilerplate


@dataclass
class _Unit:
    """A candidate block: a paragraph or a line of the body."""

    start: int
    end: int
    text: str
    reason: str | None = None
    is_title: bool = False


_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”][.!?]?$")
_JOINER_END = re.compile(r"(?:[,;\-–—(]|\b(?:and|or|but|the|a|an|of|to|in|on|for|with|by|at|from|that|as))$", re.I)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of ``text[start:end]`` as stripped (start, end) pairs; blank lines as (-1, -1)."""
    out = []
    for m in re.finditer(r"[^\n]*\n?", text[start:end]):
        if not m.group():
            continue
        line = m.group().rstrip("\n")
        stripped = line.strip()
        if not stripped:
            out.append((-1, -1))
            continue
        s = start + m.start() + (len(line) - len(line.lstrip()))
        out.append((s, s + len(stripped)))
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether Markdown text is wrapped at a fixed width (most lines stop mid-sentence, none is long).

    A wrapped paragraph's lines join; a pasted page's lines (one paragraph, caption or prompt per
    line, however long) are read like plain text.
    """
    if len(lines) < 4:
        return False
    open_ended = sum(1 for line in lines if not _TERMINAL.search(line))
    return max(len(line) for line in lines) <= 100 and open_ended >= 0.5 * len(lines)


def _split_units(text: str, start: int, end: int, markdown: bool) -> list[_Unit]:
    """Paragraph-like units: blank lines separate; a hard-wrapped line joins the next one.

    A line break inside a paragraph is a soft wrap only when the line plainly
    continues (no end punctuation and the next line starts in lower case, or it
    ends on a comma or a function word): lists of headlines, one per line, stay
    apart so the boilerplate rules can see them line by line. Markdown wrapped at
    a fixed width (:func:`_hard_wrapped`) joins every line of a paragraph but one
    that ends a sentence before one that starts another.
    """
    units: list[_Unit] = []
    current: list[tuple[int, int]] = []

    def flush() -> None:
        if current:
            s, e = current[0][0], current[-1][1]
            units.append(_Unit(s, e, text[s:e]))
            current.clear()

    lines = _line_spans(text, start, end)
    wrapped = markdown and _hard_wrapped([text[s:e] for s, e in lines if s >= 0])
    for i, (s, e) in enumerate(lines):
        if s < 0:
            flush()
            continue
        line = text[s:e]
        if markdown and (_MD_HEADING.match(line) or _MD_ITEM.match(line) or line.startswith(">")):
            flush()
        if markdown and _MD_SETEXT.match(line) and current:
            current.append((s, e))
            flush()
            continue
        if current:
            prev = text[current[-1][0] : current[-1][1]]
            nxt_lower = line[:1].islower() or line[:1].isdigit()
            continues = not _TERMINAL.search(prev) and (nxt_lower or bool(_JOINER_END.search(prev)))
            ended = (bool(_TERMINAL.search(prev)) and not nxt_lower) or line == prev  # or a line pasted twice
            soft = not ended if wrapped else continues
            if markdown and (_MD_ITEM.match(line) or _MD_HEADING.match(line)):
                soft = False
            if soft and (_dateline(line.strip()) or _dateline(prev.strip())):
                soft = False  # "Headline" + "10:55 PM Feb. 2, 2009": a dateline stays its own unit
            if not soft:
                flush()
        current.append((s, e))
        if markdown and _MD_HEADING.match(line):
            flush()
        _ = i
    flush()
    return units


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})\b",
    re.I,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.I)
_DATELINE_WORDS = re.compile(
    r"\b(?:published|updated|posted|last|modified|on|at|date|time|mon|tue|wed|thu|fri|sat|sun)\w*\b|[|•·:,\-–—()/]",
    re.I,
)
_URL = re.compile(r"^(?:https?://|www\.)[^\s]+$", re.I)
_BYLINE = re.compile(
    r"^(?i:by|written by|authors?|reporting by|reported by|words by|story by|sources?|posted by)\s*[:|-]?\s+"
    r"[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]*){0,5}",
)

_CUE_RELATED = re.compile(
    r"^(?:related(?:\s+(?:news|articles?|stories|posts|content|coverage|reading|topics|links))?"
    r"|more (?:news|stories|headlines|from [\w .'’-]{1,40}|on this (?:story|topic)|like this)"
    r"|read (?:more|next|also)|see also|also read|you (?:may|might) (?:also )?(?:like|enjoy)|articles you may like"
    r"|recommended(?: for you| reading| stories| articles)?|most (?:popular|read|viewed|shared|commented|watched)"
    r"|popular (?:now|stories|posts|articles)|trending(?: now| stories| news)?|top (?:stories|headlines|news)"
    r"|latest (?:news|stories|headlines|articles)|what to read next|further reading|editor'?s picks"
    r"|don'?t miss|in case you missed it|around the web|sponsored(?: content| stories| links)?"
    r"|promoted(?: stories| content)?|from (?:our|the) partners?|watch next|up next|trending topics)\W*$",
    re.I,
)
_CUE_PROMO_PREFIX = re.compile(
    r"^(?:read more|read also|also read|see also|related|more|watch|recommended|must read|top stories"
    r"|most popular|don'?t miss|click here)\s*[:|»>–—-]\s*\S",
    re.I,
)
_CUE_COMMENT = re.compile(
    r"^(?:leave a (?:comment|reply)|post a comment|add a comment|\d+\s+comments?|comments?\W*$|show comments"
    r"|join the (?:conversation|discussion)|your email address will not be published"
    r"|required fields are marked|(?:you must be )?log(?:ged)?\s?in to (?:post|comment|reply)|comment policy"
    r"|be the first to comment|cancel reply|save my name, email)",
    re.I,
)
_CUE_PROMPT = re.compile(
    r"^(?:sign up\b|subscribe\b|share\b(?:\s+(?:this|on|via)\b.*)?\W*$|share this\b|follow us\b|click here\b"
    r"|advertisement\W*$|ad\W*$|tweet\W*$|print\W*$|email\W*$|whatsapp\W*$|facebook\W*$|twitter\W*$|copyright\b"
    r"|©|all rights reserved|get (?:the|our) [\w ]{0,40}newsletter|(?:our |the )?newsletter\b|download (?:the|our) app"
    r"|support (?:our|independent) journalism|we (?:use|value) cookies|this (?:site|website) uses cookies"
    r"|listen to this article|reading time\b|\d+\s+min(?:ute)?s? read\W*$"
    r"|to (?:activate|use|enable) the text-to-speech\b|(?:please )?(?:first )?agree to the privacy policy\b)",
    re.I,
)
#: A correction note ("A previous version of this story said ...", "Correction: ..."): what the page once said
#: wrongly, not a claim of the article.
_CUE_CORRECTION = re.compile(
    r"^(?:correction|corrections|clarification|editor'?s note)\s*[:|–—-]"
    r"|^.{0,60}?(?<![a-z])(?:a|an|the) (?:previous|earlier|prior) version of this"
    r" (?:story|article|report|post|piece)\b",
    re.I,
)
_CAPTION = re.compile(
    r"^(?:photo|photos|image|images|picture|video|graphic|illustration|file photo|credit|photo credit|image credit"
    r"|image source|pictured|caption)\s*[:|–—-]"
    r"|\((?:photo|image|picture|credit)\b[^)]*\)\W*$|\b(?:getty images|ap photo|afp via getty|shutterstock"
    r"|reuters/|epa-efe|alamy|wikimedia commons|file photo)\b|\b(?:photograph|picture|photo)\s*:\s*[A-Z]"
    r"|\b(?:photo|photos|image|images|picture|video)\s+courtesy\b"
    r"|\bin (?:an? (?:undated|handout|file)|this(?: undated| handout| file)?) (?:photo|photograph|picture|image)\b",
    re.I,
)


def _words_in(text: str) -> list[str]:
    return re.findall(r"[^\W_][\w'’.-]*", text)


def _title_case_ratio(text: str) -> float:
    """Share of longer words that start with a capital (headlines capitalise most words)."""
    long = [w for w in _words_in(text) if len(w) > 3 and w[0].isalpha()]
    if not long:
        return 0.0
    return sum(1 for w in long if w[0].isupper()) / len(long)


def _headline_like(text: str) -> bool:
    n = len(_words_in(text))
    return 2 <= n <= 30 and not _TERMINAL.search(text.rstrip()) and not _lead_in(text)


def _lead_in(text: str) -> bool:
    """A sentence that introduces the quote or list below it ("..., Microsoft head Phil Spencer stated:").

    It ends in a colon after a lowercase word; a subheading ending in a colon is
    short or capitalises its last word ("What We Know:").
    """
    words = _words_in(text)
    return len(words) >= 6 and text.rstrip().endswith(":") and words[-1][:1].islower()


def _prose(text: str) -> bool:
    return len(_words_in(text)) >= 12 and bool(_TERMINAL.search(text.rstrip())) and _title_case_ratio(text) < 0.5


def _url_line(text: str) -> str | None:
    """The URL, when a line is nothing but one (pasted pages often start with their address)."""
    joined = re.sub(r"\s*([:/.\-_?=&#%])\s*", r"\1", text.strip())  # "http : / / a . com" as tokenised
    return joined if _URL.match(joined) else None


def _dateline(text: str) -> date | None:
    """A header line that is (almost) only a date, possibly with a time and a byline."""
    if len(text) > 90:
        return None
    text = re.sub(r"\s+([,:])", r"\1", text)  # "August 2 , 2013 @ 8 : 13am" as tokenised text has it
    text = re.sub(r"(\d):\s+(\d)", r"\1:\2", text)
    m = _DATE.search(text)
    if not m:
        return None
    rest = _DATE.sub(" ", text[: m.start()] + " " + text[m.end() :])  # "Published: ... | Last Updated: ..."
    rest = _TIME.sub(" ", rest)
    rest = _DATELINE_WORDS.sub(" ", rest)
    rest = re.sub(r"^\s*by\b.*?(?=$)", " ", rest.strip(), flags=re.I)
    if len(_words_in(rest)) > 4:
        return None
    return _parse_date(m.group())


def _classify(units: list[_Unit], title_index: int | None, meta: _Meta) -> None:
    """Mark each unit that is page furniture with the reason (in place); fill published from a dateline."""
    body = [u for i, u in enumerate(units) if i != title_index]
    if not body:
        return
    topic = TopicModel(u.text for u in body)
    punct_chars = sum(len(u.text) for u in body if _TERMINAL.search(u.text.rstrip()))
    punctuated = punct_chars >= 0.5 * sum(len(u.text) for u in body)

    first_body = 0 if title_index is None else title_index + 1
    run_reason: str | None = None
    for i, unit in enumerate(units):
        if i == title_index:
            continue
        text = unit.text.strip().lstrip("#>*-+ ").strip()
        plain = re.sub(r"[*_`\[\]]+", "", text)
        reason: str | None = None
        header = i - first_body < HEADER_LINES
        if header and (url := _url_line(plain)):
            reason = "url line"
            meta.url = meta.url or url
        elif header and (published := _dateline(plain)):
            reason = "dateline"
            if meta.published is None:
                meta.published, meta.published_from = published, "dateline"
        elif _CUE_RELATED.match(plain):
            reason = run_reason = "related-links list"
        elif _CUE_COMMENT.match(plain):
            reason = run_reason = "comment form"
        elif _CUE_PROMPT.match(plain) and len(_words_in(plain)) <= 25:
            reason = "newsletter or share prompt"
        elif _CUE_PROMO_PREFIX.match(plain) and len(_words_in(plain)) <= 30:
            reason = "promo headline"
        elif (byline := _BYLINE.match(plain)) and len(_words_in(plain)) <= 10 and not _TERMINAL.search(plain):
            reason = "byline or credit"
            if header and meta.author is None and not plain.lower().startswith("source"):
                meta.author = re.sub(r"^\W*\w+(?:\s+by)?\s*[:|-]?\s+", "", byline.group(), flags=re.I).strip(" ,")
        elif _CAPTION.search(plain) and len(_words_in(plain)) <= 40:
            reason = "photo caption or credit"
        elif _CUE_CORRECTION.search(plain) and len(_words_in(plain)) <= 80:
            reason = "correction note"
        elif run_reason and not _prose(plain):
            reason = run_reason
        elif punctuated and _headline_like(plain):
            # a line without end punctuation in a punctuated article: a headline-cased one is
            # furniture (promo if off-topic); a sentence-cased one is a sentence missing its period
            overlap = topic.overlap(plain)
            headline_cased = _title_case_ratio(plain) >= 0.5
            if headline_cased and overlap is not None and overlap < 0.25 and len(_words_in(plain)) >= 4:
                reason = "promo headline"
            elif headline_cased or len(_words_in(plain)) <= 4:
                reason = "caption or subheading"
        if reason is None:
            run_reason = None
        unit.reason = reason

    # a run of three or more headline-like lines with no cue is a link list too
    i = 0
    while i < len(units):
        j = i
        soft = (None, "caption or subheading", "promo headline")
        while j < len(units) and j != title_index and units[j].reason in soft:
            if not _headline_like(units[j].text) or _title_case_ratio(units[j].text) < 0.5:
                break
            j += 1
        if j - i >= 3 and punctuated:
            for k in range(i, j):
                units[k].reason = "related-links list"
        i = max(j, i + 1)


#: A headline-shaped line sharing less than this share of its words with the page is not its headline.
OFF_TOPIC_TITLE = 0.2
#: Words the rest of the page needs before a headline can be judged off its topic.
OFF_TOPIC_MIN_WORDS = 60
#: Page chrome that sits above a headline: skip links, section labels, a menu.
_NAV = re.compile(
    r"^(?:skip to (?:main )?content|skip navigation|menu|main menu|home|search|navigation|sections?|"
    r"(?:world|top|breaking|latest|local|business|science|sports?|tech(?:nology)?|politics|opinion) news|news)\W*$",
    re.I,
)


def _chrome(text: str) -> bool:
    """A line above the headline that is not it: an address, a date stamp, a menu, a caption or credit."""
    plain = " ".join(text.split())
    return bool(_url_line(plain) or _dateline(plain) or _NAV.match(plain) or _CAPTION.search(plain))


def _off_topic_headline(units: list[_Unit], i: int) -> bool:
    """A headline-shaped line sharing no word with the rest of the page (a menu of links, a site slogan)."""
    if len(units) < 2 or len(_words_in(units[i].text)) < 8:
        return False  # a short line is a headline or a label, not a row of links
    if sum(len(_words_in(u.text)) for j, u in enumerate(units) if j != i) < OFF_TOPIC_MIN_WORDS:
        return False  # too little page to tell what it is about: a headline over a short note keeps its place
    overlap = TopicModel(u.text for u in units).overlap(units[i].text)  # the line's own words are left out
    return overlap is not None and overlap < OFF_TOPIC_TITLE


_URL_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_STOP = frozenset({"html", "htm", "php", "amp", "index", "article", "story", "news", "www", "com"})


def _date_from_url(url: str) -> date | None:
    """The date many sites put in an article's address (/2019/04/16/, 2023-08-23, 20210326)."""
    from urllib.parse import urlparse

    m = _URL_DATE.search(urlparse(url).path)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _title_from_url(url: str) -> str | None:
    """A readable title from the address's slug ("in-suez-canal-the-ever-given-is-almost-free"), or None."""
    from urllib.parse import unquote, urlparse

    parts = [p for p in unquote(urlparse(url).path).split("/") if p]
    slugs = [re.sub(r"\.\w{2,5}$", "", p) for p in parts if p.count("-") + p.count("_") >= 3]
    if not slugs:
        return None
    words = [
        w
        for w in re.split(r"[-_,]+", max(slugs, key=len))
        if w.isalpha() and len(w) <= 15 and w.lower() not in _URL_STOP and not (w.isupper() and len(w) > 5)
    ]
    if len(words) < 3:
        return None
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _title_unit(units: list[_Unit], meta: _Meta, markdown: bool) -> int | None:
    """Index of the unit that is the article's title, if the body opens with one.

    Page chrome above the headline (an address, a date stamp, a menu, a photo
    caption) is skipped, and so is a headline-shaped line that shares no word
    with the page (a row of navigation links).
    """
    lead = 0
    while lead < min(len(units) - 1, HEADER_LINES) and (
        _chrome(units[lead].text.strip()) or (not markdown and meta.title is None and _off_topic_headline(units, lead))
    ):
        lead += 1  # not the title
    if lead:
        found = _title_unit(units[lead:], meta, markdown)
        return None if found is None else found + lead
    if not units:
        return None
    first = units[0]
    text = first.text.strip()
    if markdown:
        heading = _MD_HEADING.match(text.split("\n")[0])
        if heading and len(heading.group(1)) <= 2:
            if meta.title is None:
                meta.title = heading.group(2).strip()
            return 0
        lines = text.split("\n")
        if len(lines) == 2 and _MD_SETEXT.match(lines[1]):
            if meta.title is None:
                meta.title = lines[0].strip()
            return 0
    if meta.title is not None and " ".join(text.split()).lower() == meta.title.lower():
        return 0
    if len(units) < 2 or "\n" in text:
        return None
    if len(text) <= TITLE_MAX_CHARS and len(_words_in(text)) <= TITLE_MAX_WORDS and not re.search(r"[.:;]$", text):
        if meta.title is None:
            meta.title = text.lstrip("# ").strip()
        return 0
    return None


def _build(
    path: str,
    article_id: str,
    text: str,
    start: int,
    end: int,
    meta: _Meta | None = None,
    markdown: bool = False,
    limits: Limits = DEFAULT,
    budget: int | None = None,
) -> Article:
    """Units of ``text[start:end]`` -> an Article; past ``budget`` characters (max-file-chars) the text is cut.

    A byte-order mark opening the file is not part of the title or the body
    (offsets still count it, as Python's text mode does).
    """
    meta = meta or _Meta()
    if start == 0 and text.startswith("\ufeff"):
        start = 1
    per_article = min(limits.max_article_chars, limits.max_file_chars)
    budget = per_article if budget is None else min(budget, limits.max_article_chars)
    if end - start > budget:
        cut = start + len(_cut_at_word(text[start : start + budget], budget))
        rest = text[cut:end]
        at = cut + (len(rest) - len(rest.lstrip()))
        if budget >= limits.max_article_chars:
            which, value = "max-article-chars", limits.max_article_chars
        else:
            which, value = "max-file-chars", limits.max_file_chars
        reason = f"over the {which} limit ({value:,} characters): not checked"
        meta.ignored.append(Removed(span=Span(start=at, end=end), reason=reason, text=_excerpt(rest[:1000])))
        end = cut
    units = _split_units(text, start, end, markdown)
    if not units:
        raise InputError(f"{path}: no text")
    return _assemble(path, article_id, text, units, meta, markdown=markdown)


def _assemble(
    path: str, article_id: str, text: str, units: list[_Unit], meta: _Meta, markdown: bool = False, html: bool = False
) -> Article:
    title_index = _title_unit(units, meta, markdown)
    _classify(units, title_index, meta)
    blocks: list[Block] = []
    removed: list[Removed] = []
    for i, unit in enumerate(units):
        span = Span(start=unit.start, end=unit.end)
        body = unit.text if html else text[unit.start : unit.end]
        if i == title_index:
            blocks.append(Block(span=span, text=body, kind="title"))
        elif unit.reason:
            removed.append(Removed(span=span, reason=unit.reason, text=" ".join(body.split())))
        else:
            blocks.append(Block(span=span, text=body))
    removed = sorted([*removed, *meta.ignored], key=lambda r: (r.span.start, r.span.end))
    if not any(b.kind == "paragraph" for b in blocks):
        raise InputError(f"{path}: no article text left after removing page furniture")
    if meta.url and meta.title is None and (slug := _title_from_url(meta.url)):
        meta.title, meta.title_from = slug, "url"
    if meta.url and meta.published is None and (day := _date_from_url(meta.url)):
        meta.published, meta.published_from = day, "url"
    return Article(
        id=article_id,
        path=path,
        title=meta.title,
        title_from=meta.title_from if meta.title_from or meta.title is None else "headline",
        source=meta.source,
        url=meta.url,
        author=meta.author,
        published=meta.published,
        published_from=meta.published_from,
        removed=tuple(removed),
        text=text,
        blocks=tuple(blocks),
    )
