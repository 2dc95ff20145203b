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
from collections.abc import Iterable, Sequence

from factcheck.facts.entities import place_index
from factcheck.facts.extract import name_key
from factcheck.facts.lexicon import DEMONYMS
from factcheck.facts.model import Fact, Name
from factcheck.judge.confidence import Calibrator, finding_features
from factcheck.schema import FactValue, Finding

#: Word endings that make another form of the same word.
_SUFFIXES = frozenset(
    {"or", "ors", "ion", "ions", "er", "ers", "ed", "ing", "s", "es", "al", "ial", "ian", "an", "ans", "ic",
     "ics", "ical", "ist", "ists", "ism", "ive", "ity", "ment", "ments", "ance", "ence"}
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
    stem = next((i for i, (x, y) in enumerate(zip(word, near, strict=False)) if x != y), min(len(word), len(near)))
    if word[stem:] in _SUFFIXES and near[stem:] in _SUFFIXES:
        return None  # "administrator" / "administration": two forms of one word, not a typo
    return near


def _words(fact: Fact) -> list[tuple[str, str]]:
    """(key, form) of each capitalised word of a name fact."""
    assert isinstance(fact.value, Name)
    out = []
    for word in fact.value.form.replace("-", " ").split():
        key = name_key(word)
        if word[:1].isupper() and len(key) >= 2:
            out.append((key, word.strip(".,;:'’\"")))
    return out


def misspellings(
    facts: Sequence[Fact], calibrator: Calibrator | None = None, only_in: set[str] | None = None
) -> list[Finding]:
    """One finding per name spelt two ways across the sources of a story.

    With ``only_in`` (draft ids), only spellings those articles use against the others are reported.
    """
    where: dict[str, dict[str, Fact]] = {}  # key -> article -> first fact with it
    forms: dict[str, str] = {}
    for fact in facts:
        if not isinstance(fact.value, Name):
            continue
        for key, form in _words(fact):
            where.setdefault(key, {}).setdefault(fact.article_id, fact)
            forms.setdefault(key, form)
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
        claim_ids = tuple(dict.fromkeys(v.claim_id for v in values))
        cal = calibrator or Calibrator()
        x = finding_features("discrepancy", "misspelling", 1.0, len(odd_arts) + len(usual_arts), 2, "name")
        confidence = round(cal.probability(x), 4)
        digest = hashlib.sha1("\x1f".join(("misspelling", odd, usual, *claim_ids)).encode()).hexdigest()[:12]
        out.append(
            Finding(
                id=f"F-{digest}",
                kind="discrepancy",
                type="entity",
                claim_ids=claim_ids,
                confidence=confidence,
                explanation=why,
                fact=f"spelling of {forms[usual]}",
                values=values,
                reason="misspelling",
                level=cal.level(confidence),
            )
        )
    return out
