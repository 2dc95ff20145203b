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
  the line's decoded ``text`` value, not into the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from factcheck._text import TopicModel, align, html_words, words
from factcheck.errors import InputError
from factcheck.schema import Article, Block, Removed, Skipped, Span

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")

#: A title is a first line at most this long (characters) and this many words.
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
#: Datelines and bylines are looked for among this many lines after the title.
HEADER_LINES = 6


# --------------------------------------------------------------------------- discovery


def discover(paths: Sequence[Path]) -> list[Path]:
    """Expand folders recursively to files with SUFFIXES, sorted; a path that does not exist raises.

    Explicit files are kept whatever their suffix (they are read as text), in
    the order given; a folder's files come sorted. Hidden files and folders
    (``.git``, ``.venv``) inside a folder are skipped. Duplicates are dropped.

    Raises:
        InputError: a path does not exist.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found = [path]
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def read_all(paths: Sequence[Path]) -> tuple[list[Article], list[Skipped]]:
    """discover + read_articles; a bad file becomes a Skipped(path, reason), never loses the others.

    Article ids are the file stem (``FILE-LINE`` or the line's ``id`` for JSON
    lines), de-duplicated in input order with ``-2``, ``-3``... so the same
    inputs always give the same ids.

    Raises:
        InputError: a path does not exist (a usage error, not a bad file).
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    used: set[str] = set()
    for path in discover(paths):
        try:
            found = read_articles(path)
        except InputError as exc:
            skipped.append(Skipped(path=str(path), reason=str(exc)))
            continue
        for article in found:
            new_id, n = article.id, 1
            while new_id in used:
                n += 1
                new_id = f"{article.id}-{n}"
            used.add(new_id)
            articles.append(article if new_id == article.id else article.model_copy(update={"id": new_id}))
    return articles, skipped


def read_articles(path: Path) -> list[Article]:
    """One file -> articles (a .jsonl gives one per line).

    Raises:
        InputError: with a one-line reason for unreadable / undecodable / empty / malformed input.
    """
    text = _read_text(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(path, text)
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    article_id = _slug(path.stem)
    if suffix in (".html", ".htm"):
        return [_read_html(path, text, article_id)]
    if suffix in (".md", ".markdown"):
        return [_read_markdown(path, text, article_id)]
    return [_build(str(path), article_id, text, 0, len(text))]


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


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
    published_from: Literal["front_matter", "dateline", "html_meta", "jsonl"] | None = None


_FM_OPEN = re.compile(r"\A(?:\ufeff)?(-{3,}|\+{3,})[ \t]*\n")


def _read_markdown(path: Path, text: str, article_id: str) -> Article:
    import frontmatter

    meta = _Meta()
    body_start = 0
    opened = _FM_OPEN.match(text)
    if opened:
        fence = opened.group(1)[0] * 3
        close = re.compile(rf"^{re.escape(fence)}[-+]*[ \t]*$\n?", re.MULTILINE).search(text, opened.end())
        if close is None:
            raise InputError(f"{path}: front matter is not closed")
        body_start = close.end()
        try:
            fields = frontmatter.loads(text).metadata
        except Exception as exc:  # yaml/toml parser errors have no common base class
            raise InputError(f"{path}: malformed front matter ({type(exc).__name__})") from None
        meta = _meta_from_mapping(fields, "front_matter")
    if not text[body_start:].strip():
        raise InputError(f"{path}: no text after the front matter")
    return _build(str(path), article_id, text, body_start, len(text), meta, markdown=True)


def json_objects(path: Path, text: str | None = None) -> list[tuple[int, dict[str, Any]]]:
    """The non-blank lines of a JSON-lines file as (line number, object); one bad line is an InputError."""
    rows = []
    for lineno, line in enumerate((_read_text(path) if text is None else text).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise InputError(f"{path}:{lineno}: each line must be a JSON object")
        rows.append((lineno, obj))
    return rows


def read_pairs(path: Path) -> list[dict[str, Any]]:
    """A ``factcheck pairs`` input file: one {id, claim, evidence, ...} object per line."""
    rows = []
    for lineno, obj in json_objects(path):
        missing = [k for k in ("id", "claim", "evidence") if k not in obj]
        if missing:
            raise InputError(f"{path}:{lineno}: missing key {missing[0]!r}")
        if not isinstance(obj["claim"], str) or not isinstance(obj["evidence"], str):
            raise InputError(f"{path}:{lineno}: 'claim' and 'evidence' must be strings")
        rows.append(obj)
    return rows


def _read_jsonl(path: Path, text: str) -> list[Article]:
    articles = []
    stem = _slug(path.stem)
    for lineno, obj in json_objects(path, text):
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            raise InputError(f"{path}:{lineno}: missing or empty 'text'")
        meta = _meta_from_mapping(obj, "jsonl")
        raw_id = obj.get("id")
        article_id = _slug(str(raw_id)) if raw_id not in (None, "") else f"{stem}-{lineno}"
        articles.append(_build(f"{path}:{lineno}", article_id, body, 0, len(body), meta))
    if not articles:
        raise InputError(f"{path}: file is empty")
    return articles


def _read_html(path: Path, text: str, article_id: str) -> Article:
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
    published = _parse_date(getattr(doc, "date", None))
    if published:
        meta.published, meta.published_from = published, "html_meta"

    hay = html_words(text)
    units: list[_Unit] = []
    pointer = 0
    for para in (p.strip() for p in extracted.split("\n")):
        if not para:
            continue
        needles = words(para)
        mapped = align(needles, hay[pointer:], window=400)
        hits = [m for m in mapped if m is not None]
        if len(hits) < max(1, len(needles) // 2):
            continue  # cannot say where it stands in the file: better no block than a wrong span
        units.append(_Unit(hits[0].start, hits[-1].end, para))
        pointer = next(i for i, w in enumerate(hay) if w.end == hits[-1].end) + 1
    if not units:
        raise InputError(f"{path}: extracted text could not be located in the HTML")
    return _assemble(str(path), article_id, text, units, meta, html=True)


def _meta_from_mapping(fields: dict[str, Any], origin: Literal["front_matter", "jsonl"]) -> _Meta:
    meta = _Meta(
        title=_clean(fields.get("title")),
        source=_clean(fields.get("source")),
        url=_clean(fields.get("url")),
        author=_clean(fields.get("author")),
    )
    published = _parse_date(fields.get("published", fields.get("date")))
    if published:
        meta.published, meta.published_from = published, origin
    return meta


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _parse_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    import dateparser

    parsed = dateparser.parse(value.strip(), languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
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


def _split_units(text: str, start: int, end: int, markdown: bool) -> list[_Unit]:
    """Paragraph-like units: blank lines separate; a hard-wrapped line joins the next one.

    A line break inside a paragraph is a soft wrap only when the line plainly
    continues (no end punctuation and the next line starts in lower case, or it
    ends on a comma or a function word): lists of headlines, one per line, stay
    apart so the boilerplate rules can see them line by line.
    """
    units: list[_Unit] = []
    current: list[tuple[int, int]] = []

    def flush() -> None:
        if current:
            s, e = current[0][0], current[-1][1]
            units.append(_Unit(s, e, text[s:e]))
            current.clear()

    lines = _line_spans(text, start, end)
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
            soft = markdown or (not _TERMINAL.search(prev) and (nxt_lower or bool(_JOINER_END.search(prev))))
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
    r"|listen to this article|reading time\b|\d+\s+min(?:ute)?s? read\W*$)",
    re.I,
)
_CAPTION = re.compile(
    r"^(?:photo|photos|image|images|picture|video|graphic|illustration|file photo|credit|photo credit|image credit"
    r"|image source|pictured|caption)\s*[:|–—-]"
    r"|\((?:photo|image|picture|credit)\b[^)]*\)\W*$|\b(?:getty images|ap photo|afp via getty|shutterstock"
    r"|reuters/|epa-efe|alamy|wikimedia commons|file photo)\b",
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
    return 2 <= n <= 30 and not _TERMINAL.search(text.rstrip())


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
    rest = text[: m.start()] + " " + text[m.end() :]
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


def _title_unit(units: list[_Unit], meta: _Meta, markdown: bool) -> int | None:
    """Index of the unit that is the article's title, if the body opens with one."""
    lead = 0
    while lead < len(units) - 1 and (_url_line(units[lead].text.strip()) or _dateline(units[lead].text.strip())):
        lead += 1  # an address or a date line above the headline is not the title
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
    path: str, article_id: str, text: str, start: int, end: int, meta: _Meta | None = None, markdown: bool = False
) -> Article:
    units = _split_units(text, start, end, markdown)
    if not units:
        raise InputError(f"{path}: no text")
    return _assemble(path, article_id, text, units, meta or _Meta(), markdown=markdown)


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
    if not any(b.kind == "paragraph" for b in blocks):
        raise InputError(f"{path}: no article text left after removing page furniture")
    return Article(
        id=article_id,
        path=path,
        title=meta.title,
        source=meta.source,
        url=meta.url,
        author=meta.author,
        published=meta.published,
        published_from=meta.published_from,
        removed=tuple(removed),
        text=text,
        blocks=tuple(blocks),
    )
