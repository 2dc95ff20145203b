"""Where a claim stands in its file: line and column for SARIF, annotations and editors."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=64)
def file_text(path: str) -> str | None:
    """The article file's decoded text (spans index into it), or None if it cannot be read now."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def line_col(text: str | None, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (1, 1 when the text is unknown)."""
    if text is None:
        return 1, 1
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1
