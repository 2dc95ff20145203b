"""The bag of values of one text (:class:`Slots`), for the sentence-pair comparator.

``factcheck pairs`` judges a claim against evidence sentence by sentence, a
thousand pairs a second, so it reads values without a parse (regular
expressions and gazetteers) and adds spaCy entities only when a pipeline is
given. The cross-check reads the richer :class:`~factcheck.facts.model.Fact`
instead, which knows what each value is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from factcheck.facts.dates import DateSlot, _dateparser_fallback, _scan_dates
from factcheck.facts.entities import (
    count_negations,
    extract_bodies,
    extract_groups,
    extract_names,
    extract_roles,
    modality_of,
    places_fast,
    title_case,
)
from factcheck.facts.lexicon import BODIES, COUNTRY_ALIASES, DEMONYMS
from factcheck.facts.model import Slots
from factcheck.facts.quantities import extract_quantities
from factcheck.facts.times import time_spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def extract_fast(text: str, published: date | None = None) -> Slots:
    """All slots of one text without a language model."""
    dates, spans = _scan_dates(text, published)
    roles = extract_roles(text)
    return Slots(
        dates=dates,
        quantities=extract_quantities(text, spans + time_spans(text)),
        groups=extract_groups(text),
        places=tuple(sorted(places_fast(text))),
        bodies=extract_bodies(text),
        names=extract_names(text),
        people=tuple(sorted({r.person for r in roles})),
        roles=roles,
        negations=count_negations(text),
        modality=modality_of(text, spans),
    )


class SlotExtractor:
    """Typed slots for many texts at once; spaCy NER when a pipeline is given.

    Results are memoised per (text, publication date): the same claim text is
    often compared many times.
    """

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp
        self._cache: dict[tuple[str, date | None], Slots] = {}

    def extract(self, texts: Sequence[str], published: Sequence[date | None]) -> list[Slots]:
        """Slots for each text, resolved against the matching publication date."""
        if len(texts) != len(published):
            raise ValueError(f"{len(texts)} texts but {len(published)} publication dates")
        keys = list(zip(texts, published, strict=True))
        todo = [k for k in dict.fromkeys(keys) if k not in self._cache]
        if todo:
            if self.nlp is None:
                for text, pub in todo:
                    self._cache[(text, pub)] = extract_fast(text, pub)
            else:
                docs = self.nlp.pipe([t for t, _ in todo], batch_size=64)
                for (text, pub), doc in zip(todo, docs, strict=True):
                    self._cache[(text, pub)] = _with_entities(extract_fast(text, pub), doc, pub)
            if len(self._cache) > 200_000:
                self._cache.clear()
        return [self._cache[k] for k in keys]


def _with_entities(base: Slots, doc: Doc, published: date | None) -> Slots:
    """Merge spaCy entities into the model-free slots (bodies stay gazetteer-only).

    DATE entities our patterns missed go to dateparser, which knows more formats.
    """
    dates = list(base.dates)
    known = " ".join(d.text.lower() for d in dates)
    for ent in doc.ents:
        if ent.label_ == "DATE" and ent.text.lower() not in known and any(c.isdigit() for c in ent.text):
            parsed = _dateparser_fallback(ent.text, published)
            if parsed is not None:
                dates.append(
                    DateSlot(
                        text=ent.text,
                        start=parsed,
                        end=parsed,
                        year=parsed.year,
                        month=parsed.month,
                        day=parsed.day,
                        resolved=True,
                    )
                )
    people = set(base.people)
    orgs: set[str] = set()
    places = set(base.places)
    names = set(base.names)
    for ent in doc.ents:
        text = ent.text.strip()
        low = text.lower()
        if low.removeprefix("the ") in BODIES:
            continue
        if text.startswith(("the ", "The ")):
            text = text[4:]
        if ent.label_ == "PERSON":
            people.add(title_case(text) if text.islower() else text)
            names.add(text)
        elif ent.label_ in {"ORG", "PRODUCT", "FAC"}:
            orgs.add(text)
            names.add(text)
        elif ent.label_ in {"GPE", "LOC"}:
            places.add(COUNTRY_ALIASES.get(low, text))
        elif ent.label_ == "NORP" and low in DEMONYMS:
            places.add(DEMONYMS[low])
    return base.model_copy(
        update={
            "dates": tuple(dates),
            "people": tuple(sorted(people)),
            "organisations": tuple(sorted(orgs)),
            "places": tuple(sorted(places)),
            "names": tuple(sorted(names)),
        }
    )
