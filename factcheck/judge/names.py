"""Names spelt differently across sources: a misspelling is a property of the sources, not of a pair.

Every name fact of a story is cut into its words and each word is keyed with
case, accents, apostrophes and punctuation folded (so "O’Brien" and "O'Brien"
never differ). A word one set of sources spells unlike a near-identical word
the others use ("Roscomos" beside "Roscosmos", "Rogozn" beside "Rogozin") is
reported once, with each source's spelling; the spelling more sources use is
the reference, and when as many sources use each, neither is called wrong.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from factcheck.facts.entities import city_spellings, place_index
from factcheck.facts.extract import name_key
from factcheck.facts.lexicon import DEMONYMS
from factcheck.facts.model import Fact, Name
from factcheck.judge.confidence import Calibrator, finding_features
from factcheck.schema import FactValue, Finding

#: Word endings that make another form of the same word (a place and its people: "Argentina",
#: "Argentinians", "Argentine"; "Italy", "Italian"; "China", "Chinese").
_SUFFIXES = frozenset(
    {"or", "ors", "ion", "ions", "er", "ers", "ed", "ing", "s", "es", "al", "ial", "ian", "an", "ans", "ic",
     "ics", "ical", "ist", "ists", "ism", "ive", "ity", "ment", "ments", "ance", "ence",
     "a", "e", "y", "i", "is", "ians", "ese", "ine", "ines", "ish"}
)  # fmt: skip
#: Similarity (rapidfuzz ratio, 0-100) from which two words are one name spelt two ways.
NEAR = 85


def near_miss(word: str, known: Iterable[str]) -> str | None:
    """The word (a key) that ``word`` looks like a misspelling of, if any ("roscomos" -> "roscosmos").

    Short words, demonyms and place names are never misspellings, and one word
    extending the other ("russian" / "russia") is another form, not a typo.
    """
    from rapidfuzz import fuzz

    if len(word) < 5 or word in DEMONYMS or word in place_index():
        return None
    near = max(sorted(known), key=lambda x: fuzz.ratio(word, x), default="")
    if not near or near == word or fuzz.ratio(word, near) < NEAR or word.startswith(near) or near.startswith(word):
        return None
    if _place_spellings().get(word, frozenset()) & _place_spellings().get(near, frozenset()):
        return None  # "Marrakech" / "Marrakesh": one city's two recorded spellings
    stem = next((i for i, (x, y) in enumerate(zip(word, near, strict=False)) if x != y), min(len(word), len(near)))
    if word[stem:] in _SUFFIXES and near[stem:] in _SUFFIXES:
        return None  # "administrator" / "administration": two forms of one word, not a typo
    return near


@lru_cache(maxsize=1)
def _place_spellings() -> dict[str, frozenset[int]]:
    """A word key -> the big cities it is a recorded spelling of (the gazetteer's forms, keyed as names are)."""
    out: dict[str, set[int]] = {}
    for form, ids in city_spellings().items():
        key = name_key(form)
        if key.isascii() and key.isalpha() and len(key) >= 5:
            out.setdefault(key, set()).update(ids)
    return {k: frozenset(v) for k, v in out.items()}


#: Head words of an institution's name: one put for another names the institution wrongly.
INSTITUTION_WORDS = frozenset(
    {"administration", "authority", "agency", "commission", "committee", "council", "board", "bureau",
     "department", "ministry", "office", "service", "institute", "organization", "organisation", "association",
     "corporation", "foundation", "federation", "court", "tribunal", "directorate", "inspectorate"}
)  # fmt: skip


def _institution(fact: Fact) -> tuple[tuple[str, ...], str, str] | None:
    """(the two words before the head, the head, the form as written) of an institution's name, or None."""
    assert isinstance(fact.value, Name)
    form = re.sub(r"['’]s$", "", fact.value.form.strip())
    words = name_key(form).split()
    if len(words) < 3 or words[-1] not in INSTITUTION_WORDS:
        return None
    return tuple(words[-3:-1]), words[-1], form


def _name_finding(
    values: tuple[FactValue, ...],
    why: str,
    fact: str,
    key: tuple[str, ...],
    sources: int,
    calibrator: Calibrator | None,
    note: str | None = None,
) -> Finding:
    """The discrepancy finding for a name the sources write two ways (its id from ``key`` and the claims)."""
    cal = calibrator or Calibrator()
    claim_ids = tuple(dict.fromkeys(v.claim_id for v in values))
    confidence = round(cal.probability(finding_features("discrepancy", "misspelling", 1.0, sources, 2, "name")), 4)
    digest = hashlib.sha1("\x1f".join((*key, *claim_ids)).encode()).hexdigest()[:12]
    return Finding(
        id=f"F-{digest}",
        kind="discrepancy",
        type="entity",
        claim_ids=claim_ids,
        confidence=confidence,
        explanation=why,
        fact=fact,
        values=values,
        reason="misspelling",
        note=note,
        level=cal.level(confidence),
    )


def misnamed(facts: Sequence[Fact], calibrator: Calibrator | None = None) -> list[Finding]:
    """One finding per institution that sources give different head words ("Federal Aviation Authority"
    in one, "Federal Aviation Administration" in the others): a wrong name, not a misspelling, so word
    similarity cannot find it. The head more sources use is the reference."""
    heads: dict[tuple[str, ...], dict[str, dict[str, tuple[Fact, str]]]] = {}  # stem -> head -> article -> fact
    for fact in facts:
        if isinstance(fact.value, Name) and (found := _institution(fact)):
            stem, head, form = found
            heads.setdefault(stem, {}).setdefault(head, {}).setdefault(fact.article_id, (fact, form))
    out: list[Finding] = []
    for stem, by_head in sorted(heads.items()):
        if len(by_head) < 2:
            continue
        ranked = sorted(by_head, key=lambda h: (-len(by_head[h]), h))
        usual = ranked[0]
        for odd in ranked[1:]:
            if set(by_head[odd]) & set(by_head[usual]):
                continue  # one source names both: two institutions ("the Rail Authority and the Rail Board")
            values = tuple(
                FactValue(claim_id=f.claim_id, article_id=a, value=form, span=f.span)
                for h in (usual, odd)
                for a, (f, form) in sorted(by_head[h].items())
            )
            usual_form, odd_form = values[0].value, values[-1].value
            n_usual, n_odd = len(by_head[usual]), len(by_head[odd])
            why = (
                f"'{odd_form}' ({', '.join(sorted(by_head[odd]))}) and '{usual_form}' "
                f"({', '.join(sorted(by_head[usual]))}) name one institution differently"
                + ("; as many sources use each." if n_usual == n_odd else f"; {n_usual} sources write '{usual_form}'.")
            )
            ident = ("misnamed", *stem, odd, usual)
            what, note = f"name of the {usual_form}", "another word in the name"
            out.append(_name_finding(values, why, what, ident, n_usual + n_odd, calibrator, note))
    return out


def _words(fact: Fact) -> list[tuple[str, str]]:
    """(key, form) of each capitalised word of a name fact."""
    assert isinstance(fact.value, Name)
    out = []
    for word in fact.value.form.replace("-", " ").split():
        key = name_key(word)
        if word[:1].isupper() and len(key) >= 2:
            out.append((key, word.strip(".,;:'’\"")))
    return out


def _one_name(a: set[frozenset[str]], b: set[frozenset[str]]) -> bool:
    """Whether two near-identical words may be one name's: in some name of each, the other words agree
    (one name's other words hold the other's: "Phil Spenser" / "Phil Spencer", "Rogozn" / "Dmitry Rogozin")."""
    return any(x <= y or y <= x for x in a for y in b)


def misspellings(
    facts: Sequence[Fact], calibrator: Calibrator | None = None, only_in: set[str] | None = None
) -> list[Finding]:
    """One finding per name spelt two ways across the sources of a story.

    With ``only_in`` (draft ids), only spellings those articles use against the others are reported.
    """
    where: dict[str, dict[str, Fact]] = {}  # key -> article -> first fact with it
    forms: dict[str, str] = {}
    rests: dict[str, set[frozenset[str]]] = {}  # key -> the other words of each name it is in
    for fact in facts:
        if not isinstance(fact.value, Name):
            continue
        words = _words(fact)
        for key, form in words:
            where.setdefault(key, {}).setdefault(fact.article_id, fact)
            forms.setdefault(key, form)
            rests.setdefault(key, set()).add(frozenset(k for k, _ in words if k != key))
    out: list[Finding] = []
    done: set[frozenset[str]] = set()
    for key in sorted(where):
        others = {k for k, arts in where.items() if k != key and set(arts) - set(where[key])}
        near = near_miss(key, others)
        if near is None or frozenset((key, near)) in done:
            continue
        done.add(frozenset((key, near)))
        mine, theirs = where[key], where[near]
        if set(mine) & set(theirs) and len(mine) >= len(theirs):
            continue  # one source writes both: a second name, not a typo
        if not _one_name(rests[key], rests[near]):
            continue  # "King Mohammed VI" and "Mohamed Azaw", "Country Club" and "County Sheriff": two names
        odd, usual = (key, near) if len(mine) <= len(theirs) else (near, key)
        odd_arts, usual_arts = sorted(where[odd]), sorted(where[usual])
        if only_in is not None and not set(odd_arts) & only_in:
            continue
        values = tuple(
            FactValue(
                claim_id=f.claim_id, article_id=a, value=forms[k], span=f.span, normalized=None, as_of=None, source=None
            )
            for k in (usual, odd)
            for a, f in sorted(where[k].items())
        )
        if len(odd_arts) == len(usual_arts):
            why = (
                f"'{forms[odd]}' ({', '.join(odd_arts)}) and '{forms[usual]}' ({', '.join(usual_arts)}) look like one "
                "name spelt two ways; as many sources use each spelling."
            )
        else:
            count = f"{len(usual_arts)} other sources" if len(usual_arts) > 1 else "another source"
            why = (
                f"'{forms[odd]}' in {', '.join(odd_arts)} looks like a misspelling of '{forms[usual]}', "
                f"as {count} write it."
            )
        ident = ("misspelling", odd, usual)
        sources = len(odd_arts) + len(usual_arts)
        out.append(_name_finding(values, why, f"spelling of {forms[usual]}", ident, sources, calibrator))
    return out
