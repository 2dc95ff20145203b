"""Data that flows between the stages, as frozen pydantic models.

Every stage takes and returns these models, so a stage can be tested on
hand-made values and the JSON report is just ``Report.model_dump_json()``.
Vectors stay in NumPy arrays outside the models.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Kind = Literal["agreement", "contradiction", "discrepancy", "time_scoped", "unsupported"]
#: Kinds in the order an editor should look at them (also the order findings are reported in).
KIND_ORDER: tuple[Kind, ...] = ("contradiction", "discrepancy", "time_scoped", "unsupported", "agreement")
#: Why a finding is what it is, for programs (the explanation says it in words).
Reason = Literal[
    "values",
    "imprecise",
    "update",
    "attributed",
    "title_change",
    "misspelling",
    "within_source",
    "same_claim",
    "covered",
    "no_source",
    "edited_copy",
]
Level = Literal["high", "medium", "low"]
DiffType = Literal["date", "number", "participants", "location", "entity", "role", "negation", "other"]
Label = Literal["agree", "contradict", "neutral"]

#: Severity order used by ``--fail-on``: a level fails on itself and everything above it.
SEVERITY: dict[str, int] = {"unsupported": 1, "discrepancy": 2, "contradiction": 3}


class Frozen(BaseModel):
    """Base for every model passed between stages: immutable, no stray keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Frozen):
    """Character offsets into an article file's decoded text (``text[start:end]``)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self


class Removed(Frozen):
    """Text that ingest or segment kept out of the claims, and why."""

    span: Span
    reason: str
    text: str


class Block(Frozen):
    """One paragraph-like unit of article content.

    ``text`` is what segmentation reads; for plain text and Markdown it equals
    ``article.text[span.start:span.end]``, for HTML it is the extracted text of
    the element the span covers.
    """

    span: Span
    text: str
    kind: Literal["title", "paragraph"] = "paragraph"


class ArticleMeta(Frozen):
    """What the report says about an article."""

    id: str
    path: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: date | None = None
    title_from: Literal["front_matter", "html_meta", "jsonl", "headline", "url"] | None = None
    published_from: Literal["front_matter", "dateline", "html_meta", "jsonl", "url"] | None = None
    removed: tuple[Removed, ...] = ()
    family: str | None = None


class Article(ArticleMeta):
    """An ingested article: its metadata, full decoded text and content blocks."""

    text: str = Field(repr=False)
    blocks: tuple[Block, ...] = ()

    def meta(self) -> ArticleMeta:
        """The article as the report shows it (without the text)."""
        return ArticleMeta.model_validate(self.model_dump(include=set(ArticleMeta.model_fields)))


class Claim(Frozen):
    """One atomic statement of an article.

    ``text`` is the claim as shown (recased, pronoun resolved); ``span`` is the
    passage of the original file it came from.
    """

    id: str
    article_id: str
    text: str
    span: Span
    speaker: str | None = None
    truncated: bool = False


class Member(Frozen):
    """A claim's place in a cluster: how strongly it belongs (cosine to the centroid)."""

    claim_id: str
    article_id: str
    strength: float = Field(ge=-1.0, le=1.0)


class ClaimCluster(Frozen):
    """Claims, usually from several sources, about the same thing."""

    id: str
    claim_ids: tuple[str, ...]
    members: tuple[Member, ...] = ()
    story: str | None = None


class Verdict(Frozen):
    """The comparator's judgement on one pair of claims."""

    label: Label
    kind: Kind | None = None
    type: DiffType | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    explanation: str


class FactValue(Frozen):
    """One source's value of the fact a finding is about, and where it stands in the file."""

    claim_id: str
    article_id: str
    value: str
    span: Span
    normalized: str | None = None
    as_of: date | None = None
    source: str | None = None


class Finding(Frozen):
    """One finding about one fact: every source's value, the verdict and why.

    ``fact`` names what the finding is about in a few words; ``values`` lists
    each source's value with its span; ``level`` is the confidence an editor
    reads (high / medium / low, thresholds in :mod:`factcheck.judge.confidence`);
    ``alignment`` is how surely the values are about one and the same fact;
    ``note`` the rule's own words for why, without the values ("3 miles is 4.8 km,
    rounded"), which ``explanation`` repeats in a whole sentence with them;
    ``independent_sources`` how many of the sources behind the values are not
    copies of each other (syndicated copies of one text count once).
    """

    id: str
    kind: Kind
    type: DiffType | None = None
    claim_ids: tuple[str, ...]
    confidence: float = Field(ge=0.0, le=1.0)
    explanation: str
    cluster_id: str | None = None
    baselined: bool = False
    fact: str | None = None
    values: tuple[FactValue, ...] = ()
    reason: Reason | None = None
    note: str | None = None
    level: Level | None = None
    alignment: float | None = Field(None, ge=0.0, le=1.0)
    independent_sources: int | None = Field(None, ge=0)


class SharedPassage(Frozen):
    """A passage one article shares with another (a copy, a reprint, a common wire text).

    ``span`` points into ``article_id``'s file text, ``other_span`` into
    ``other_id``'s; ``words`` counts the words of the passage found word for
    word in the other (light edits leave holes that are not counted);
    ``quoted`` says most of those words stand inside quotation marks (two
    outlets quoting one speaker share words without one copying the other).
    """

    article_id: str
    span: Span
    other_id: str
    other_span: Span
    words: int = Field(ge=0)
    quoted: bool = False


OriginalReason = Literal["agency", "credited", "earliest", "central", "longest"]


class Family(Frozen):
    """Articles that are copies of one text: an original and its reprints, or cuts of one unseen wire story.

    ``original`` is the member the others are compared with and
    ``original_reason`` how it was told (see :mod:`factcheck.families`);
    ``credits`` are the agencies any member credits; ``passages`` are the
    shared passages of every pair of members found to share text, once per pair.
    """

    id: str
    members: tuple[str, ...]
    original: str
    original_reason: OriginalReason
    credits: tuple[str, ...] = ()
    passages: tuple[SharedPassage, ...] = ()


class Skipped(Frozen):
    """An input that could not be read, with the reason; the run goes on without it."""

    path: str
    reason: str


class Report(Frozen):
    """The whole result of a ``check`` run; its JSON form is the public report."""

    version: str
    mode: Literal["cross", "draft"] = "cross"
    settings: dict[str, float | int | str | bool | None] = Field(default_factory=dict)
    articles: tuple[ArticleMeta, ...] = ()
    claims: tuple[Claim, ...] = ()
    clusters: tuple[ClaimCluster, ...] = ()
    findings: tuple[Finding, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    drafts: tuple[str, ...] = ()
    families: tuple[Family, ...] = ()
