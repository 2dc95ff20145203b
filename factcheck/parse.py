"""One parse per text: a claim's own words, the spaCy parse that holds them, the way back to the file.

Segmentation parses each sentence once (``nlp.pipe``) and hands every claim on
with its :class:`Parsed`, so facts and clustering read the same parse instead
of parsing claims again. A :class:`Parsed` is not a pydantic model: it holds
spaCy objects and a function, and it never leaves the process.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck.schema import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan


@dataclass(frozen=True)
class Parsed:
    """A claim as segmentation read it.

    Attributes:
        text: the claim's own words (the view text: recased in unpunctuated runs, never rewritten).
        to_file: maps ``[start, end)`` of ``text`` to a span of the article file.
        doc: the parsed sentence (or run) that holds ``text``; None on the model-free path.
        doc_start: where ``text`` starts in ``doc.text``.
        shared_time: ``(start, end)`` in ``doc.text`` of a time expression the claim shares with the
            clause it was split from ("arrived earlier this week as cosmonauts conducted a spacewalk").
    """

    text: str
    to_file: Callable[[int, int], Span]
    doc: Doc | None = None
    doc_start: int = 0
    shared_time: tuple[int, int] | None = field(default=None)

    def span(self) -> SpacySpan | None:
        """The claim's tokens in its parse."""
        if self.doc is None:
            return None
        return self.doc.char_span(self.doc_start, self.doc_start + len(self.text), alignment_mode="expand")


def identity(text: str, base: int = 0) -> Callable[[int, int], Span]:
    """``to_file`` for a text that stands at ``base`` in its file unchanged."""

    def to_file(start: int, end: int) -> Span:
        return Span(start=base + start, end=base + max(start, end))

    return to_file


def parse_texts(texts: Sequence[str], nlp: Language | None) -> list[Parsed]:
    """Plain texts (sentence pairs, tests) as :class:`Parsed`, parsed in one batch when a pipeline is given."""
    if nlp is None:
        return [Parsed(text=t, to_file=identity(t)) for t in texts]
    docs = nlp.pipe(texts, batch_size=64)
    return [Parsed(text=t, to_file=identity(t), doc=d) for t, d in zip(texts, docs, strict=True)]
