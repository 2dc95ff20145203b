"""Hand-made facts for the judge's unit tests: a figure read from a phrase, with the attribute given."""

from __future__ import annotations

from datetime import date

from factcheck.facts.model import Attribute, Fact
from factcheck.facts.quantities import find_quantities
from factcheck.schema import Span


def figure(
    n: int, article: str, text: str, what: Attribute, claim: str | None = None, as_of: date | None = None
) -> Fact:
    """Fact ``f{n}`` of ``article`` whose value is the one quantity of ``text`` (claim ``c{n}`` unless given)."""
    ((q, start, end),) = find_quantities(text)
    return Fact(
        id=f"f{n}",
        claim_id=claim or f"c{n}",
        article_id=article,
        type="quantity",
        what=what,
        value=q,
        text=q.text,
        span=Span(start=start, end=end),
        as_of=as_of,
    )


def parsed_facts(texts: list[str], day: date | None) -> list[tuple[Fact, ...]]:
    """The facts of each text read as one claim of its own article, with the spaCy parse (slow tests)."""
    from factcheck.facts.extract import FactExtractor
    from factcheck.nlp import load_spacy
    from factcheck.parse import parse_texts
    from factcheck.schema import Claim

    claims = [
        Claim(id=f"c{n}:0", article_id=f"c{n}", text=t, span=Span(start=0, end=len(t))) for n, t in enumerate(texts)
    ]
    return FactExtractor().extract(claims, parse_texts(texts, load_spacy()), [day] * len(texts))
