"""Claims -> facts: each value of a claim with what it is about, when it holds and who says so.

Values are found by the typed readers (``dates``, ``times``, ``quantities``,
``entities``, ``status``) in the claim's own words; what each is about comes
from the claim's parse (``attribute``), which segmentation made once and hands
on. Without a parse (tests, the model-free path) the attribute falls back to
the noun a figure counts and the words around it, so facts still align, only
more loosely.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from factcheck._text import window_text
from factcheck.facts.attribute import attribute_of
from factcheck.facts.dates import find_dates
from factcheck.facts.entities import (
    _GROUP_RE,
    _ROLE_AFTER_RE,
    _ROLE_BEFORE_RE,
    HONORIFICS,
    _clean_title,
    find_names,
    place_index,
)
from factcheck.facts.lexicon import (
    BODIES,
    CONCEPT_OF,
    CONCEPTS,
    COUNTRY_ALIASES,
    DEMONYMS,
    MEASURE_ADJECTIVES,
    NEGATION_RE,
    PLANNED_RE,
    POSSIBLE_RE,
    RUNNING_CONCEPTS,
    TITLE_WORDS,
)
from factcheck.facts.model import (
    Attribute,
    DateSlot,
    Fact,
    FactType,
    Modality,
    Name,
    People,
    Place,
    Quantity,
    Role,
    Status,
    Value,
)
from factcheck.facts.quantities import counted_noun, find_quantities, singular
from factcheck.facts.sources import value_source
from factcheck.facts.status import find_statuses, status_attribute
from factcheck.facts.times import find_all_times
from factcheck.facts.zones import with_local_zone
from factcheck.parse import Parsed
from factcheck.schema import Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_AS_OF = re.compile(r"(?i)\b(?:as\s+of|by|until|through)\s*$")
_ACCORDING = re.compile(r"(?i)\baccording\s+to\s+((?:the\s+)?(?:[A-Z][\w.'’-]*\s*){1,5})")
_NAME_LABELS = {"PERSON", "ORG", "FAC", "PRODUCT", "GPE", "LOC", "NORP", "EVENT", "WORK_OF_ART"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_GROUP_NOUNS_PLURAL = {"crew", "police", "government", "delegation"}
_TITLE_SET = frozenset(TITLE_WORDS.split("|")) - {"first", "state", "national", "general", "lead", "senior", "foreign"}


def name_key(form: str) -> str:
    """A name with case, accents, apostrophes, punctuation and a possessive folded away.

    "Erdoğan's", "ERDOGAN" and "Erdogan" share a key; "Roscomos" and
    "Roscosmos" do not (that is a spelling difference worth reporting).
    """
    text = unicodedata.normalize("NFKD", form.replace("’", "'").replace("‘", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"'s\b", "", text.casefold())
    text = re.sub(r"^the\s+", "", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:10]


def _fallback_attribute(text: str, start: int, end: int, value: Value) -> Attribute:
    """What a value is about without a parse: the noun a figure counts, an adjective after a measure."""
    after = text[end : end + 30].lower()
    measure = next((m for w, m in MEASURE_ADJECTIVES.items() if re.match(rf"[\s-]*{w}\b", after)), None)
    noun = value.unit if isinstance(value, Quantity) and value.dimension == "count" else None
    if noun is None and isinstance(value, Quantity):
        noun = counted_noun(text, end)
    lemmas = tuple(w for w in (noun, measure) if w)
    concept = next((CONCEPT_OF[w] for w in lemmas if w in CONCEPT_OF), None)
    return Attribute(text=" ".join(lemmas), noun=noun, measure=measure, concept=concept, lemmas=lemmas)


def _common_day(published: Sequence[date | None]) -> date | None:
    """The day the dated articles cluster on, to tell summer time from winter time for an undated one.

    Only when every known date lies within a few weeks of the others (one story's
    coverage): the median then says which side of a clock change the story is on.
    """
    days = sorted(d for d in published if d is not None)
    if not days or (days[-1] - days[0]).days > 42:
        return None
    return days[len(days) // 2]


class FactExtractor:
    """Facts for claims, from their parses. Stateless apart from the place gazetteer (loaded once)."""

    def extract(
        self, claims: Sequence[Claim], parses: Sequence[Parsed], published: Sequence[date | None]
    ) -> list[tuple[Fact, ...]]:
        """The facts of each claim, in claim order."""
        if not len(claims) == len(parses) == len(published):
            raise ValueError("claims, parses and publication dates must align")
        facts = [list(self.claim_facts(c, p, d)) for c, p, d in zip(claims, parses, published, strict=True)]
        by_article: dict[str, list[int]] = {}
        for i, claim in enumerate(claims):
            by_article.setdefault(claim.article_id, []).append(i)
        around = _common_day(published)
        for rows in by_article.values():  # "local time" is the zone of the places the whole article names
            zoned = iter(with_local_zone([f for i in rows for f in facts[i]], published[rows[0]] or around))
            for i in rows:
                facts[i] = [next(zoned) for _ in facts[i]]
        return [tuple(f) for f in facts]

    def claim_facts(self, claim: Claim, parsed: Parsed, published: date | None) -> tuple[Fact, ...]:
        """Every checkable fact of one claim."""
        text = parsed.text
        doc = parsed.doc
        found: list[tuple[FactType, Value, int, int, str]] = []  # type, value, start, end, surface
        dates = find_dates(text, published)
        times = find_all_times(text, published)
        # "(1802 GMT)" is a clock time: its digits are not the year 1802
        dates = [d for d in dates if not (d[0].text.isdigit() and any(a <= d[1] and d[2] <= b for _, a, b in times))]
        taken = [(s, e) for _, s, e in dates] + [(s, e) for _, s, e in times]
        for d, s, e in dates:
            found.append(("date", d, s, e, text[s:e]))
        for t, s, e in times:
            found.append(("time", t, s, e, text[s:e]))
        for q, s, e in find_quantities(text, taken):
            if q.dimension == "ordinal" and not re.search(r"\d", q.text):
                continue  # "the first woman": a rank, rarely a checkable figure
            if doc is not None and q.dimension == "time" and (span := _time_span_over(parsed, text, s, e)):
                q, s = span
            found.append(("quantity", q, s, e, text[s:e]))
        found.extend(self._groups(text))
        found.extend(self._roles_parsed(parsed) if doc is not None else self._roles(text))
        found.extend(  # "GMT" in "2.30pm GMT" is part of a clock time, not a name of the story
            f for f in self._places_and_names(parsed, text) if f[0] != "name" or not _inside_any(taken, f[2], f[3])
        )
        found.extend(("status", v, s, e, text[s:e]) for v, s, e in find_statuses(parsed))
        source = claim.speaker or self._according_to(text)
        facts: list[Fact] = []
        read: list[_Read] = []
        for kind, value, s, e, surface in sorted(found, key=lambda f: (f[2], f[3], f[0])):
            what = self._attribute(parsed, text, s, e, value)
            read.append((kind, value, s, e, surface, _in_context(what, text, s, e)))
        if doc is not None:
            read.extend(_conjoined_totals(parsed, read))
        for kind, value, s, e, surface, what in read:
            if isinstance(value, Quantity) and value.dimension == "count" and what.noun:
                value = value.model_copy(update={"unit": singular(what.noun.split()[-1].lower())})
            negated, modality = self._polarity(parsed, text, s, e)
            as_of, as_of_text = self._as_of(kind, value, what, dates, text, published)
            if kind == "quantity" and as_of_text is None:
                as_of, as_of_text = _dated_event(what, read, as_of)
            if kind == "status" and doc is not None and (verb := _status_verb(parsed, s, e)) is not None:
                as_of, as_of_text = _dated_event(Attribute(text="", event=verb), read, as_of, absolute=False)
            if kind == "quantity" and as_of_text is None and doc is not None:
                as_of, as_of_text = _dated_noun_event(parsed, s, e, dates, published) or (as_of, as_of_text)
            facts.append(
                Fact(
                    id=f"{claim.id}#{_digest(kind, s, e)}",
                    claim_id=claim.id,
                    article_id=claim.article_id,
                    type=kind,
                    what=what,
                    value=value,
                    text=surface,
                    span=parsed.to_file(s, e),
                    as_of=as_of,
                    as_of_text=as_of_text,
                    source=(self._own_source(parsed, s, e) if kind == "quantity" else None) or source,
                    negated=negated,
                    modality=modality,
                )
            )
        facts.extend(_totals(facts))
        if parsed.shared_time is not None and doc is not None and not dates:
            facts.extend(self._shared_date(claim, parsed, published, source))
        return tuple(facts)

    # ------------------------------------------------------------------ values without a date or figure

    @staticmethod
    def _groups(text: str) -> list[tuple[FactType, Value, int, int, str]]:
        """'A crew of European and American astronauts' -> People(American astronauts, European astronauts)."""
        from factcheck.facts.entities import _DEMONYM_RE, title_case

        out: list[tuple[FactType, Value, int, int, str]] = []
        for m in _GROUP_RE.finditer(text):
            noun = m.group(2).lower()
            noun = noun if noun.endswith("s") or noun in _GROUP_NOUNS_PLURAL else noun + "s"
            members = sorted({f"{title_case(d.group(1).lower())} {noun}" for d in _DEMONYM_RE.finditer(m.group(1))})
            if members:
                out.append(("people", People(members=tuple(members)), m.start(), m.end(), m.group(0)))
        if len(out) > 1:  # "European and American astronauts and Russian cosmonauts": one crew
            first, last = out[0][2], out[-1][3]
            joined = text[first:last]
            if re.fullmatch(r"[^.;]*", joined) and all(
                re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[a[3] : b[2]]) for a, b in itertools.pairwise(out)
            ):
                members = sorted({m for o in out for m in o[1].members})  # type: ignore[union-attr]
                out = [("people", People(members=tuple(members)), first, last, joined)]
        return out

    @staticmethod
    def _roles(text: str) -> list[tuple[FactType, Value, int, int, str]]:
        out: dict[tuple[str, str], tuple[FactType, Value, int, int, str]] = {}
        for m in _ROLE_BEFORE_RE.finditer(text):
            title = _clean_title(m.group(1))
            if title:
                role = Role(person=m.group(2), title=title)
                out[(role.person, title)] = ("title", role, m.start(1), m.end(1), m.group(1))
        for m in _ROLE_AFTER_RE.finditer(text):
            title = _clean_title(m.group(2))
            if title:
                role = Role(person=m.group(1), title=title)
                out[(role.person, title)] = ("title", role, m.start(2), m.end(2), m.group(2))
        return list(out.values())

    @staticmethod
    def _roles_parsed(parsed: Parsed) -> list[tuple[FactType, Value, int, int, str]]:
        """Titles attached to a named person in the parse: "Deputy Prime Minister Dmitry Rogozin",
        "Dmitry Rogozin, the chief executive of Roscosmos"."""
        span = parsed.span()
        doc = parsed.doc
        if span is None or doc is None:
            return []
        out: dict[tuple[str, str], tuple[FactType, Value, int, int, str]] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or ent.start < span.start or ent.end > span.end:
                continue
            start = ent.start
            while start < ent.end - 1 and doc[start].lower_ in _TITLE_SET:
                start += 1  # "CFO Ned Segal" tagged as one name: the title is not part of it
            person = re.sub(r"^(?:Mr|Mrs|Ms|Dr|Gen|General)\.?\s+", "", doc[start : ent.end].text)
            person = re.sub(r"['’]s$", "", person).strip(" \t'\"‘’“”,")  # "Pushpa Kamal Dahal ‘Prachanda’"
            phrases: list[tuple[int, int]] = []
            if start > ent.start:
                phrases.append((ent.start, start))
            i = ent.start - 1
            while i >= span.start and not (doc[i].is_punct and doc[i].text not in {"-", "–"}):
                modifier = doc[i].dep_ in {"compound", "amod", "nmod", "punct", "prep", "pobj", "det", "poss", "case"}
                if not ((modifier and i < doc[i].head.i < ent.end) or (i == ent.start - 1 and ent.root.head.i == i)):
                    break  # (the parser may hang the name on its title: "chief financial officer Ned Segal")
                i -= 1
            if i + 1 < ent.start:
                phrases.append((i + 1, ent.start))
            for child in _appositions(doc, ent):
                if (found := _apposed_title(child, ent.end)) is not None:
                    phrases.append(found)
            for a, b in phrases:
                while b > a + 1 and doc[b - 1].lower_ in HONORIFICS:
                    b -= 1  # "Labour leader Sir Keir Starmer": the title ends before the form of address
                words = doc[a:b]
                if not any(t.lower_ in _TITLE_SET for t in words):
                    continue
                title = _clean_title(words.text)
                s, e = words.start_char - parsed.doc_start, words.end_char - parsed.doc_start
                if title and s >= 0 and e <= len(parsed.text):
                    out[(person, title)] = ("title", Role(person=person, title=title), s, e, words.text)
        return list(out.values())

    @staticmethod
    def _places_and_names(parsed: Parsed, text: str) -> list[tuple[FactType, Value, int, int, str]]:
        out: list[tuple[FactType, Value, int, int, str]] = []
        index = place_index()
        seen: set[tuple[int, int]] = set()
        for m in re.finditer(rf"(?i)\b({'|'.join(sorted(BODIES, key=len, reverse=True))})\b", text):
            word = m.group(1).lower()
            if word in {"mercury", "titan", "sun", "solar"} and not m.group(1)[:1].isupper():
                continue
            if word in _NAMESAKE_BODIES and not _SPACE_CONTEXT.search(text):
                continue  # the Titan submersible, Venus Williams, Ceres in California: not the moon or the planet
            if word == "solar":
                continue
            body = BODIES[word]
            out.append(("place", Place(name=body, key=body.lower(), body=True), m.start(), m.end(), m.group(0)))
            seen.add((m.start(), m.end()))
        doc = parsed.doc
        if doc is None:  # no parse: capitalised runs are the names
            for name, s, e in find_names(text):
                if (s, e) not in seen and name.lower() not in BODIES:
                    out.append(("name", Name(form=name, key=name_key(name)), s, e, name))
            return out
        span = parsed.span()
        if span is None:
            return out
        for ent in doc.ents:
            if ent.start < span.start or ent.end > span.end or ent.label_ not in _NAME_LABELS:
                continue
            s, e = ent.start_char - parsed.doc_start, ent.end_char - parsed.doc_start
            if s < 0 or e > len(text):
                continue
            form = re.sub(r"^(?:the|The)\s+", "", ent.text)
            s += len(ent.text) - len(form)
            low = form.lower()
            if (s, e) in seen or low in BODIES or not form[:1].isalpha() or all(t.like_num for t in ent):
                continue  # a number word the tagger took for a name ("Sixty firefighters") is a figure, not a name
            if ent.label_ in _PLACE_LABELS and _locative(ent.root):
                canon = COUNTRY_ALIASES.get(low, form)
                out.append(
                    (
                        "place",
                        Place(name=canon, key=name_key(canon), countries=tuple(sorted(index.get(canon.lower(), ())))),
                        s,
                        e,
                        form,
                    )
                )
            if ent.label_ == "NORP" and low in DEMONYMS:
                continue
            out.append(("name", Name(form=form, key=name_key(form), label=ent.label_), s, e, form))
        return out

    # ------------------------------------------------------------------ what, when, who

    @staticmethod
    def _attribute(parsed: Parsed, text: str, s: int, e: int, value: Value) -> Attribute:
        if isinstance(value, Role):
            return Attribute(text=f"title of {value.person}", noun="title", subject=value.person, lemmas=("title",))
        if isinstance(value, Name):
            return Attribute(text="name", noun="name", lemmas=())
        if isinstance(value, Status):
            return status_attribute(parsed, s, e)
        if parsed.doc is None:
            return _fallback_attribute(text, s, e, value)
        what = attribute_of(parsed.doc, parsed.doc_start + s, parsed.doc_start + e)
        if isinstance(value, Quantity):
            what = _with_measure(what, value)
        return what

    @staticmethod
    def _polarity(parsed: Parsed, text: str, s: int, e: int) -> tuple[bool, Modality]:
        """Whether the verb governing a value is negated, and whether it is asserted, planned, possible or
        only asked for ("prosecutors sought 50 years")."""
        doc = parsed.doc
        if doc is None:
            return bool(len(NEGATION_RE.findall(text)) % 2), _modality_words(text)
        span = doc.char_span(parsed.doc_start + s, parsed.doc_start + e, alignment_mode="expand")
        if span is None:
            return False, "asserted"
        if _requested(span.root):
            return False, "requested"
        verb = _governing_verb(span.root)
        if verb is None:
            return False, _modality_words(text)
        # "did not agree to buy": the governor's negation reaches its infinitive; it does not reach a clause
        # it reports ("did not say that 12 died") or one the parser hung on it across a comma ("found two
        # bodies, however, these identifications have not been confirmed")
        negated = any(c.dep_ == "neg" for c in verb.children) or any(
            c.dep_ == "neg" for c in verb.head.children if verb.dep_ == "xcomp"
        )
        # it reaches a value through one preposition ("did not find the bodies of 12 people"), not through
        # a phrase inside another ("have not reached [the coach] among the wreckage of three trains")
        negated = negated and _prepositions_between(span.root, verb) < 2
        scope = " ".join(t.text for t in _verb_chain(verb))
        return negated, _modality_words(scope)

    @staticmethod
    def _as_of(
        kind: FactType,
        value: Value,
        what: Attribute,
        dates: list[tuple[DateSlot, int, int]],
        text: str,
        published: date | None,
    ) -> tuple[date | None, str | None]:
        """When a figure holds: an explicit "as of Sunday" / "by Tuesday" in the claim, else publication."""
        if kind != "quantity":
            return published, None
        for d, s, _ in dates:
            if (d.qualifier == "by" or _AS_OF.search(text[:s])) and d.end is not None:
                return d.end, d.text
        return published, None

    @staticmethod
    def _own_source(parsed: Parsed, s: int, e: int) -> str | None:
        """The body a figure is credited to in its own phrase ("5.6 by the USGS"), over the claim's speaker."""
        if parsed.doc is None:
            return None
        span = parsed.doc.char_span(parsed.doc_start + s, parsed.doc_start + e, alignment_mode="expand")
        return value_source(span.root) if span is not None else None

    @staticmethod
    def _according_to(text: str) -> str | None:
        m = _ACCORDING.search(text)
        return " ".join(m.group(1).split()) if m else None

    def _shared_date(self, claim: Claim, parsed: Parsed, published: date | None, source: str | None) -> list[Fact]:
        """The time a split-off clause shares with its partner ("... as cosmonauts conducted a spacewalk")."""
        assert parsed.doc is not None and parsed.shared_time is not None
        start, end = parsed.shared_time
        phrase = parsed.doc.text[start:end]
        found = find_dates(phrase, published)
        if not found:
            return []
        d = found[0][0]
        span = parsed.span()
        root = span.root if span is not None else None
        event = _lemma(root) if root is not None else None
        obj = next((c for c in root.children if c.dep_ in {"dobj", "attr"}), None) if root is not None else None
        noun = _lemma(obj) if obj is not None else None
        what = Attribute(
            text=" ".join(w for w in (noun, event) if w),
            noun=noun,
            event=noun or event,
            lemmas=tuple(w for w in (noun, event) if w),
        )
        what = _in_context(what, parsed.text, len(parsed.text), len(parsed.text))
        anchor = parsed.to_file(0, len(parsed.text))
        return [
            Fact(
                id=f"{claim.id}#{_digest('shared', start, end)}",
                claim_id=claim.id,
                article_id=claim.article_id,
                type="date",
                what=what,
                value=d,
                text=phrase,
                span=anchor,
                as_of=published,
                source=source,
            )
        ]


#: Bodies whose names are as often a vessel's, a person's or a town's: a place only where the claim is about space.
_NAMESAKE_BODIES = frozenset({"titan", "mercury", "venus", "pluto", "europa", "ceres", "phobos"})
_SPACE_CONTEXT = re.compile(
    r"(?i)\b(?:moons?|lunar|planet\w*|orbit\w*|spacecraft|space\s?probe|probe|rover|lander|telescope|nasa|esa"
    r"|space|saturn|jupiter|astronom\w*|flyby|solar system)\b"
)

def _appositions(doc: Doc, ent: SpacySpan) -> list[Token]:
    """Appositions that describe the person ``ent``: its own, unless another person is named in between
    ("CFO Ned Segal and Vijaya Gadde, head of legal policy": Gadde's, whatever the parse hung it on)."""
    out = []
    for child in ent.root.children:
        between = doc[ent.end : child.i]
        if child.dep_ == "appos" and child.i >= ent.end and not any(t.ent_type_ == "PERSON" for t in between):
            out.append(child)
    nxt = ent.end + 1 if ent.end < len(doc) and doc[ent.end].text == "," else len(doc)
    after = doc[nxt] if nxt < len(doc) else None
    if (
        after is not None
        and after.dep_ == "appos"
        and after not in out
        and not (ent.start <= after.head.i < ent.end)
        and after.head.ent_type_ == "PERSON"
    ):
        out.append(after)  # hung on an earlier person by the parse, but it follows this one
    return out


def _apposed_title(head: Token, after: int) -> tuple[int, int] | None:
    """The token range of a title set beside a name, from the apposition's head, else None.

    "Ned Segal, chief financial officer, and Vijaya Gadde, head of legal policy": the title runs up to
    the next person ("chairman and CEO of Microsoft" is one person's); "Bankman-Fried: key moments
    leading up to the founder's trial" has no title for a head.
    """
    if head.lower_ not in _TITLE_SET:
        return None
    people = [c for c in head.children if c.dep_ == "conj" and any(t.ent_type_ == "PERSON" for t in c.subtree)]
    stop = people[0].left_edge.i if people else None
    if people:
        stop = min((t.i for t in head.children if t.dep_ == "cc" and t.i < people[0].i), default=stop)
    end = stop if stop is not None else head.right_edge.i + 1
    named = [t.i for t in head.subtree if t.i > head.i and t.ent_type_ == "PERSON"]
    if named and named[0] == head.i + 1:
        return None  # "chief financial officer Ned Segal": the title of the name that follows it
    end = min(end, named[0]) if named else end
    words = [t for t in head.subtree if ((t.i >= after and not t.is_punct) or t.dep_ == "hyph") and t.i < end]
    while words and (words[-1].dep_ == "cc" or words[-1].is_punct):
        words.pop()
    return (words[0].i, words[-1].i + 1) if words else None


_LOCATIVE_PREPS = frozenset(
    [
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "onto",
        "off",
        "outside",
        "inside",
        "across",
        "around",
        "throughout",
        "toward",
        "towards",
        "through",
        "via",
        "over",
        "between",
        "within",
        "along",
        "beyond",
        "past",
    ]
)
_REACHING = frozenset(
    [
        "hit",
        "strike",
        "rock",
        "jolt",
        "shake",
        "devastate",
        "ravage",
        "reach",
        "leave",
        "enter",
        "visit",
        "cross",
        "block",
    ]
)


#: Counts of people, whose conjoined parts add up ("two police officers and a firefighter were injured").
_PEOPLE_CONCEPTS = frozenset({"deaths", "injured", "missing", "rescued", "displaced", "arrested"})


#: One value as read from a claim: type, value, start, end, surface words, attribute.
_Read = tuple[FactType, Value, int, int, str, Attribute]


def _conjoined_totals(parsed: Parsed, read: Sequence[_Read]) -> list[_Read]:
    """ "Two police officers and a firefighter were injured" also says three were injured: the sum of
    counts of conjoined nouns ("a" / "an" counts one), so a report of "three injured" meets it."""
    doc = parsed.doc
    assert doc is not None
    counts: dict[int, tuple[float, float, int, int]] = {}  # noun token index -> (low, high, start, end)
    first: dict[int, _Read] = {}
    for row in read:
        _, value, s, e, _, _ = row
        if not isinstance(value, Quantity) or value.dimension != "count" or math.isinf(value.high):
            continue
        span = doc.char_span(parsed.doc_start + s, parsed.doc_start + e, alignment_mode="expand")
        if span is not None and span.root.dep_ == "nummod" and span.root.head.pos_ == "NOUN":
            counts[span.root.head.i] = (value.low, value.high, s, e)
            first[span.root.head.i] = row
    out: list[_Read] = []
    for i, row in first.items():
        noun = doc[i]
        if noun.dep_ == "conj" or not noun.conjuncts:
            continue
        low, high, start, _ = counts[i]
        end = noun.idx + len(noun.text) - parsed.doc_start
        for c in noun.conjuncts:
            if c.i in counts:
                low, high = low + counts[c.i][0], high + counts[c.i][1]
            elif any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in c.children):
                low, high = low + 1, high + 1
            else:
                break
            end = max(end, c.idx + len(c.text) - parsed.doc_start)
        else:
            what = row[5]
            if what.concept not in _PEOPLE_CONCEPTS:
                continue  # "3 ships and 40 trucks were sold": a sum of unlike things says nothing
            total = Quantity(text=parsed.text[start:end], low=low, high=high, value=low, vague=low != high)
            attribute = what.model_copy(
                update={
                    "noun": None,
                    "text": f"{what.event or what.concept or ''} (total)".strip(),
                    "lemmas": tuple(w for w in what.lemmas if w != what.noun),
                }
            )
            out.append(("quantity", total, start, end, parsed.text[start:end], attribute))
    return out


def _inside_any(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _locative(tok: Token) -> bool:
    """Whether a place name says where something is or happens ("in Moscow"), not who acts ("Russia said")."""
    for _ in range(4):
        if tok.dep_ in {"conj", "appos", "compound"} and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    if tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE_PREPS:
        return True
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in _REACHING


def _totals(facts: Sequence[Fact]) -> list[Fact]:
    """ "All four lanes were closed" also says there are four lanes: the whole, beside the count closed."""
    out = []
    for f in facts:
        if isinstance(f.value, Quantity) and f.text.lower().startswith("all ") and f.what.relation is None:
            what = f.what.model_copy(update={"relation": "total", "text": f"{f.what.text} (total)".strip()})
            out.append(f.model_copy(update={"id": f"{f.id}~total", "what": what}))
    return out


def _status_verb(parsed: Parsed, s: int, e: int) -> str | None:
    """The lemma of the verb a stage is told with ("Twitter accepted his offer in April": accept)."""
    assert parsed.doc is not None
    span = parsed.doc.char_span(parsed.doc_start + s, parsed.doc_start + e, alignment_mode="expand")
    return _lemma(span.root) if span is not None and span.root.pos_ == "VERB" else None


def _dated_event(
    what: Attribute,
    read: Sequence[tuple[FactType, Value, int, int, str, Attribute]],
    default: date | None,
    absolute: bool = True,
) -> tuple[date | None, str | None]:
    """A value holds when its own event happened: "in 2011 an earthquake killed 300" holds as of 2011.

    Only a date of the value's own event (the same governing verb) counts, and for a figure only an
    absolute one; a stage of a process may take one read against publication ("Twitter accepted
    his offer in April": accepted as of April). A value with none holds as of publication.
    """
    if what.event is None:
        return default, None
    for kind, value, _, _, surface, other in read:
        if (
            kind == "date"
            and isinstance(value, DateSlot)
            and other.event == what.event
            and (value.reference == "absolute" or (not absolute and value.resolved))
            and value.end is not None
            and not value.qualifier
        ):
            # "completed the deal on Thursday", told on Friday: last Thursday, not the next one
            return (value.end if default is None else min(value.end, default)), surface
    return default, None


def _dated_noun_event(
    parsed: Parsed, s: int, e: int, dates: Sequence[tuple[DateSlot, int, int]], published: date | None
) -> tuple[date, str] | None:
    """A figure told of an earlier event named with its year: "the 1999 quake, which killed 17,000".

    From the figure, up through its clause to the noun the clause describes; when that noun carries an
    absolute date of another year than publication ("the 1999 quake", "a quake in 2011 that killed"), the
    figure holds as of that date, so it never meets this event's figures. A participle the parser hangs
    on the main verb instead ("surpassed the toll in a 2011 quake ..., killing 18,400") is the event of a
    dated phrase of that verb.
    """
    doc = parsed.doc
    assert doc is not None
    span = doc.char_span(parsed.doc_start + s, parsed.doc_start + e, alignment_mode="expand")
    if span is None:
        return None
    marked = {}
    for d, ds, de in dates:
        if d.reference == "absolute" and d.end is not None and (published is None or d.end.year != published.year):
            for tok in doc.char_span(parsed.doc_start + ds, parsed.doc_start + de, alignment_mode="expand") or ():
                marked[tok.i] = (d.end, parsed.text[ds:de])
    if not marked:
        return None
    tok, clause = span.root, False
    for _ in range(8):
        if tok.head.i == tok.i:
            return None
        if tok.dep_ in {"relcl", "acl", "advcl"}:
            clause = True
        if tok.dep_ == "advcl" and tok.tag_ == "VBG":
            for child in tok.head.children:
                if child.dep_ == "prep" and child.i < tok.i:
                    dated = next((marked[t.i] for t in child.subtree if t.i in marked), None)
                    if dated is not None:
                        return dated
        tok = tok.head
        if clause and tok.i in marked:  # "since 2016, when a quake struck Kumamoto, killing more than 220"
            return marked[tok.i]
        if clause and tok.pos_ in {"NOUN", "PROPN"}:
            for child in tok.children:
                if child.dep_ in {"relcl", "acl"}:
                    continue
                for t in child.subtree:
                    if t.i in marked:
                        return marked[t.i]
            return None
    return None


#: Characters of claim text either side of a value that make its context.
CONTEXT_CHARS = 70


def _window(text: str, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The claim's whole words either side of a value, the value itself left out, as character ranges."""
    left = max(0, start - CONTEXT_CHARS)
    if start > CONTEXT_CHARS and (space := text.find(" ", left, start)) != -1:
        left = space + 1
    right = min(len(text), end + CONTEXT_CHARS)
    if end + CONTEXT_CHARS < len(text) and (space := text.rfind(" ", end, right)) != -1:
        right = space
    return (left, start), (end, right)


def _in_context(what: Attribute, text: str, start: int, end: int) -> Attribute:
    """``what`` with the words around its value (see :attr:`Attribute.context`)."""
    window = _window(text, start, end)
    return what.model_copy(update={"context": window_text(text, window), "window": window})


def _lemma(tok: Token) -> str:
    return tok.text if tok.pos_ == "PROPN" else tok.lemma_.lower()


def _with_measure(what: Attribute, q: Quantity) -> Attribute:
    """A measure is named by its dimension when the parse gave no adjective ("38 km from X": a distance); a
    measure that is a concept of its own says what a figure of a running count's noun is."""
    measure = what.measure
    if measure is None and q.dimension == "length" and what.relation and what.relation.split()[0] in {"from", "away"}:
        measure = "distance"
    if measure is None and q.unit == "magnitude":
        measure = "magnitude"
    concept = what.concept or CONCEPT_OF.get(measure or "")
    if what.concept in RUNNING_CONCEPTS and measure in CONCEPTS:
        concept = measure  # "a 6.4-magnitude aftershock" is a magnitude, "a 20-minute rescue" a duration
    if measure == what.measure and concept == what.concept:
        return what
    lemmas = what.lemmas if measure in what.lemmas else (*what.lemmas, measure or "")
    return what.model_copy(update={"measure": measure, "concept": concept, "lemmas": tuple(w for w in lemmas if w)})


def _time_span_over(parsed: Parsed, text: str, s: int, e: int) -> tuple[Quantity, int] | None:
    """ "A 3-3 draw over 120 minutes": "over" is the preposition of a span of time, not "more than" (the parse
    makes it one, with the duration its object; "over 120 people" is a modifier of the number)."""
    m = re.match(r"over\s+", text[s:e], re.IGNORECASE)
    if m is None or parsed.doc is None:
        return None
    over = parsed.doc.char_span(parsed.doc_start + s, parsed.doc_start + s + 4, alignment_mode="expand")
    if over is None or over.root.dep_ != "prep":
        return None
    bare = find_quantities(text[s + m.end() : e])
    if len(bare) != 1 or bare[0][1] != 0:
        return None
    return bare[0][0], s + m.end()


def _governing_verb(tok: Token) -> Token | None:
    for _ in range(6):
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _prepositions_between(tok: Token, verb: Token) -> int:
    """How many prepositions the path from a value's token up to its governing verb passes."""
    count = 0
    while tok.i != verb.i and tok.head.i != tok.i:
        count += tok.dep_ in {"prep", "agent"}
        tok = tok.head
    return count


def _verb_chain(verb: Token) -> list[Token]:
    """The verb with its auxiliaries and the verbs it is an infinitive of ("plans to hold", "may have")."""
    chain = [c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"}] + [verb]
    while verb.dep_ in {"xcomp", "ccomp"} and verb.head.i != verb.i:
        verb = verb.head
        chain += [c for c in verb.children if c.dep_ in {"aux", "neg"}] + [verb]
    return chain


#: Words of asking for something: a value asked for ("sought 40 to 50 years", "a plea for five years") is a
#: request, not what happened.
#: Words of asking or trying for something: what they govern is not what happened ("prosecutors sought 50
#: years", "Musk tried to withdraw his offer").
_REQUEST_LEMMAS = frozenset(
    {"seek", "sought", "ask", "request", "demand", "push", "plea", "urge", "recommend", "petition", "try", "attempt"}
)


def _requested(tok: Token) -> bool:
    """Whether a value is what someone asked for: a request word on its way up to its first verb."""
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in _REQUEST_LEMMAS or tok.lower_ in _REQUEST_LEMMAS:
            return True
        if tok.pos_ == "VERB":
            return False
    return False


def _modality_words(text: str) -> Modality:
    if POSSIBLE_RE.search(text):
        return "possible"
    if PLANNED_RE.search(text):
        return "planned"
    return "asserted"


def facts_by_claim(facts: Sequence[tuple[Fact, ...]]) -> dict[str, tuple[Fact, ...]]:
    """Facts keyed by their claim id (a claim without facts maps to an empty tuple)."""
    out: dict[str, tuple[Fact, ...]] = {}
    for group in facts:
        for fact in group:
            out.setdefault(fact.claim_id, ())
            out[fact.claim_id] = (*out[fact.claim_id], fact)
    return out


__all__ = ["FactExtractor", "facts_by_claim", "name_key", "singular"]
