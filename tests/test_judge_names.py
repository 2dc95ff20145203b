"""Misspellings across sources: a word spelt two ways is one name's only where the rest of the names agree."""

from __future__ import annotations

import pytest

from factcheck.facts.extract import name_key
from factcheck.facts.model import Attribute, Fact, Name
from factcheck.judge.names import misspellings
from factcheck.schema import Span


def name(n: int, article: str, form: str) -> Fact:
    return Fact(
        id=f"n{n}", claim_id=f"c{n}", article_id=article, type="name", what=Attribute(text="name"),
        value=Name(form=form, key=name_key(form)), text=form, span=Span(start=0, end=len(form)),
    )  # fmt: skip


def spelt(*names: tuple[str, str]) -> list[tuple[str, ...]]:
    facts = [name(i, article, form) for i, (article, form) in enumerate(names)]
    return [tuple(sorted({v.value for v in f.values})) for f in misspellings(facts)]


@pytest.mark.parametrize(
    "names",
    [
        # two people who share a first name spelt two ways: nothing about either is misspelt
        (("a", "King Mohammed VI"), ("b", "Mohamed Azaw")),
        # a word of one name beside a word of another ("Spanish Lakes Country Club", "St. Lucie County")
        (("a", "Spanish Lakes Country Club"), ("b", "St. Lucie County"), ("c", "Sarasota County")),
        # one city's two recorded spellings
        (("a", "Marrakech"), ("b", "Marrakech"), ("c", "Marrakesh")),
    ],
)
def test_judge_names_words_of_different_names_are_not_misspellings(names: tuple[tuple[str, str], ...]) -> None:
    assert spelt(*names) == []


@pytest.mark.parametrize(
    ("names", "pair"),
    [
        ((("a", "Phil Spencer"), ("b", "Phil Spencer"), ("c", "Phil Spenser")), ("Spencer", "Spenser")),
        ((("a", "Dmitry Rogozin"), ("b", "Rogozin"), ("c", "Rogozn")), ("Rogozin", "Rogozn")),
        ((("a", "Coromandel Express"), ("b", "Coromandel Express"), ("c", "Coromandal Express")),
         ("Coromandal", "Coromandel")),
    ],
)  # fmt: skip
def test_judge_names_a_word_of_one_name_spelt_two_ways_is_a_misspelling(
    names: tuple[tuple[str, str], ...], pair: tuple[str, str]
) -> None:
    assert spelt(*names) == [pair]
