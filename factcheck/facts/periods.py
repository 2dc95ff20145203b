"""The period a percentage change covers: "up 108% for the year" is not "up 24% on Thursday".

Markets and company news give several changes of one figure side by side: the
day's move, the move so far this year, growth on a year earlier or on the last
quarter. Each is a fact of its own: the aligner never sets two changes of
different periods beside each other, nor a cumulative change (so far this
year) beside an unmarked one (the day's move, the latest report's growth).
"""

from __future__ import annotations

import re

from factcheck.facts.model import Fact, Quantity

#: Period -> the phrases that name it, read next to the figure in its own clause.
_PERIODS: dict[str, str] = {
    "year to date": (
        r"so far this year|so far in \d{4}|this year|for the year|year[- ]to[- ]date|ytd"
        r"|since the (?:start|beginning) of (?:the|this) year|since january"
    ),
    "on a year earlier": (
        r"(?:from|on|over|than|compared (?:with|to)|against) (?:a|the) year (?:earlier|before|ago)"
        r"|(?:from|on|than|compared (?:with|to)) (?:the )?(?:same (?:period|quarter|month) )?(?:of )?(?:a )?(?:last|"
        r"previous|prior) year|year[- ](?:on|over)[- ]year|yoy|annually|on an annual basis"
    ),
    "on the last quarter": (
        r"(?:from|on|over|than|compared (?:with|to)) (?:the )?(?:previous|prior|last|preceding) quarter"
        r"|quarter[- ](?:on|over)[- ]quarter|sequentially|qoq"
    ),
    "over a month": r"this month|for the month|over the (?:past|last) month|in the (?:past|last) month",
    "over a week": r"this week|for the week|over the (?:past|last) week|in the (?:past|last) week",
}
_PERIOD_RES = {name: re.compile(rf"\b(?:{pattern})\b", re.I) for name, pattern in _PERIODS.items()}
#: Periods that add up many moves: an unmarked change (the day's, the latest report's) is none of them.
CUMULATIVE = frozenset({"year to date", "over a month", "over a week"})
#: Where the figure's clause ends: the next clause or the next figure has periods of its own.
_CLAUSE_END = re.compile(r"[,;:.!?()]|\d|\b(?:and|but|while|whereas|after|before)\b", re.I)


def change_period(fact: Fact) -> str | None:
    """The period a percentage figure's change covers, read in its clause ("up 170% so far this year")."""
    if not isinstance(fact.value, Quantity) or fact.value.dimension != "percent":
        return None
    left, _, right = fact.what.context.partition("…")  # "left … right" (:func:`factcheck._text.window_text`)
    end = _CLAUSE_END.search(right)
    after = right[: end.start()] if end else right
    before = re.split(r"[,;:.!?()]", left)[-1][-40:]
    for name, pattern in _PERIOD_RES.items():
        if pattern.search(after) or pattern.search(before):
            return name
    return None

