"""The fact stage: each claim's checkable facts (what, value, when, who says so), one file per value type.

``FactExtractor`` reads claims through their parse (``factcheck.parse.Parsed``);
``SlotExtractor`` reads the bag of values of plain texts for sentence pairs.
"""

from factcheck.facts.extract import FactExtractor, facts_by_claim, name_key
from factcheck.facts.model import (
    Attribute,
    ClockTime,
    DateSlot,
    Fact,
    FactType,
    Name,
    People,
    Place,
    Quantity,
    Role,
    Slots,
    Status,
    Value,
)
from factcheck.facts.slots import SlotExtractor, extract_fast

__all__ = [
    "Attribute",
    "ClockTime",
    "DateSlot",
    "Fact",
    "FactExtractor",
    "FactType",
    "Name",
    "People",
    "Place",
    "Quantity",
    "Role",
    "SlotExtractor",
    "Slots",
    "Status",
    "Value",
    "extract_fast",
    "facts_by_claim",
    "name_key",
]
