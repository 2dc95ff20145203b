"""What a value is about, read from the dependency parse: its noun, its event, its relation.

A figure, date or place alone says nothing comparable: "41" in "41 people were
killed" and "41" in "Route 41" are different things, and so are the 220,000
tonnes of a ship and its 400 metres. The parse tells what a value is attached
to: the noun it counts or measures (its head), the verb that noun is the
subject or object of, the preposition phrase it sits in ("a depth of 18 km",
"38 km from Gaziantep", "signed in 2015"). Those lemmas, mapped to general news
measures where one exists ("killed", "dead", "death toll" -> deaths), are the
:class:`~factcheck.facts.model.Attribute` that the judge aligns facts on. A
counted noun's own participle is its event ("12,873 people killed in Turkey",
whatever the sentence's verb), a named place on the event narrows the figure
("31 died in Wajima, 22 in Suzu"), and a count on top of another ("five more",
"22 others") is marked as such (the judge compares it with nothing).

Only the parse is read here, never the nearby words: a number's neighbour is
often about something else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.facts.lexicon import (
    ALL_UNIT_WORDS,
    ATTRIBUTIVE_UNITS,
    CONCEPT_OF,
    LEVEL_VERBS,
    LIGHT_VERBS,
    MEASURE_ADJECTIVES,
    RUNNING_CONCEPTS,
    SCALES,
)
from factcheck.facts.model import Attribute

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_MODIFIER_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "advmod", "det", "poss", "appos"}
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd", "dative", "agent", "pobj", "npadvmod", "acomp"}
_SUBJ = {"nsubj", "nsubjpass", "csubj", "expl"}
_NOMINAL = {"NOUN", "PROPN", "PRON"}
_VERBAL = {"VERB", "AUX"}
#: Verbs that state a measure of the noun they modify ("a spacewalk lasting 7 hours").
_MEASURE_VERBS = {"last", "measure", "weigh", "cost", "total", "span", "stretch", "run", "carry", "value"}
#: Words that say a figure is the value of something else ("shares worth $900 million").
_WORTH = frozenset({"worth", "valued", "priced"})
#: Words that stand where a noun would but name nothing ("it", "one", "some").
_EMPTY_NOUNS = frozenset({"it", "this", "that", "these", "those", "one", "ones", "some", "any", "all", "each", "both"})
_SKIP_PREPS = {"of", "than", "to", "about", "around", "for", "at", "by", "with", "as", "like"}
#: Parts of a day a date is the day of ("the early hours of Saturday", "the morning of June 6"): part of the date.
_TIMES_OF_DAY = frozenset({"hour", "hours", "morning", "afternoon", "evening", "night", "dawn", "dusk", "midnight"})
#: Nouns that only hold a count of something else ("a total of 64 people", "the number of people"): transparent.
_HOLDERS = frozenset({"total", "number", "tally"})


def _unitish(tok: Token) -> bool:
    low = tok.lower_
    return low in ALL_UNIT_WORDS or low in SCALES or tok.like_num or tok.pos_ == "NUM" or tok.is_punct


def _lemma(tok: Token) -> str:
    """The lowercased lemma; proper nouns keep their text ("Ever Given" is not "give")."""
    if tok.pos_ == "PROPN":
        return tok.text
    if tok.pos_ == "VERB" and tok.text[:1].isupper() and tok.i > 0 and tok.dep_ in _ARG_DEPS:
        return tok.text  # a name the tagger took for a verb ("the Ever Given is ...")
    if tok.dep_ in {"oprd", "acomp"} and tok.tag_ == "VBG":
        return tok.lower_  # "reported missing" is the missing, not "miss"
    if tok.lemma_ == "account" and tok.tag_ == "VBN" and any(c.lower_ == "for" for c in tok.children):
        return "accounted"  # "139 people have been accounted for": the found, not "accounted for 40% of sales"
    lemma = tok.lemma_.lower() if tok.lemma_ else tok.lower_
    return lemma if lemma != "-pron-" else tok.lower_


#: Adjectives that make a different measure of the noun they classify ("net income", "operating income").
_CLASSIFIERS = frozenset(
    {"net", "gross", "operating", "adjusted", "diluted", "pretax", "pre-tax", "core", "underlying"}
)


def _compound_words(tok: Token) -> list[str]:
    """The noun with its compound modifiers, in text order ("death toll", "Key Bridge", "net income")."""
    def classifies(c: Token) -> bool:
        return c.dep_ == "compound" or (c.dep_ == "amod" and c.lower_ in _CLASSIFIERS)

    parts = [c for c in tok.children if c.i < tok.i and not _unitish(c) and classifies(c)]
    return [c.lower_ if c.dep_ == "amod" else _lemma(c) for c in parts] + [_lemma(tok)]


def _measure_after(doc: Doc, span: SpacySpan) -> str | None:
    """An adjective that says what a measure measures: "400 metres long", "a 59-metre-wide hull"."""
    for tok in (*span, *doc[span.end : span.end + 3]):
        for piece in tok.lower_.split("-"):
            if piece in MEASURE_ADJECTIVES:
                return MEASURE_ADJECTIVES[piece]
        if tok.i >= span.end and not (tok.is_punct or tok.lower_ in ALL_UNIT_WORDS):
            break
    return None


def _relation(tok: Token, skip: set[int]) -> str | None:
    """A preposition phrase under ``tok`` that narrows what it is ("from Ankara", "in cash", "per share")."""
    for child in tok.children:
        if child.dep_ != "prep" or child.i in skip or child.lower_ in _SKIP_PREPS:
            continue
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if objects:
            words = _phrase_words(objects[0])
            if words:
                return f"{child.lower_} {' '.join(words[:4])}"
    return None


#: Named-entity labels of places: a figure of an event "in" one of them is that place's part of it.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _where(verb: Token, skip: set[int], at: int) -> str | None:
    """The place an event's figure is narrowed to ("died in Wajima": "in Wajima"), else None.

    Only a named place narrows it: "killed in the quake" names the event itself.
    Of several ("31 died in Wajima, 22 in Suzu"), the one nearest the value (token ``at``) is its own.
    """
    places = []
    for child in verb.children:
        if child.dep_ != "prep" or child.i in skip or child.lower_ not in {"in", "across", "throughout", "inside"}:
            continue
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.ent_type_ in _PLACE_LABELS:
            places.append((abs(child.i - at), child.i, f"{child.lower_} {' '.join(_phrase_words(obj)[:4])}"))
    return min(places)[2] if places else None


def _phrase_words(tok: Token) -> list[str]:
    """The content words of the phrase under ``tok``, lemmatised (names as written)."""
    return [w.text if w.pos_ == "PROPN" else _lemma(w) for w in tok.subtree if not (w.is_punct or w.is_stop)]


def _subject(verb: Token, exclude: set[int]) -> str | None:
    """Who does the event; an infinitive borrows its governor's subject ("Microsoft agreed to buy")."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in _SUBJ and child.pos_ != "PRON" and child.i not in exclude and not child.like_num:
                return _referent(child) or " ".join(_compound_words(_held(child)))
        if verb.dep_ not in {"xcomp", "conj", "advcl"} or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


#: Nouns a report uses to point back at a named body ("the Tories ..., with the party projected to secure").
_BODY_ANAPHORS = frozenset(
    {"party", "company", "firm", "group", "team", "club", "side", "bank", "airline", "carrier", "government",
     "agency", "union", "lender", "insurer", "retailer", "automaker", "carmaker", "chipmaker", "startup", "network"}
)  # fmt: skip


def _referent(noun: Token) -> str | None:
    """The named body a bare "the party", "the company" points back to: the last one named before it in the
    sentence, of an organisation or a people ("Tories"). None for any other subject or when none is named."""
    if noun.pos_ != "NOUN" or _lemma(noun) not in _BODY_ANAPHORS:
        return None
    if [c.lower_ for c in noun.children] != ["the"]:
        return None  # "a party", "the ruling party", "the Labour party" say which, or are not a pointer back
    sent = noun.sent
    named = [e for e in noun.doc.ents if e.label_ in {"ORG", "NORP"} and sent.start <= e.start and e.end <= noun.i]
    return named[-1].text.removeprefix("the ").removeprefix("The ") if named else None


def _light_object(verb: Token, exclude: set[int]) -> Token | None:
    """The object that carries the meaning of a light verb ("conducted a spacewalk"); a name carries none
    ("putting Argentina in the lead")."""
    for child in verb.children:
        nominal = child.dep_ in {"dobj", "obj", "attr"} and child.pos_ == "NOUN"
        if nominal and child.i not in exclude and not _unitish(child):
            return child
    return None


def attribute_of(doc: Doc, start: int, end: int) -> Attribute:
    """The attribute a value at characters ``[start, end)`` of ``doc`` belongs to.

    The value's root token is followed up the tree: through the unit and number
    tokens to the noun it modifies, through a preposition to the noun or verb
    it complements, from a noun to the verb it is the subject or object of.
    A light verb ("have", "conduct") hands over to its object; a level verb
    ("rose to", "reached") to its subject ("the toll").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return Attribute(text="")
    inside = {t.i for t in span}
    measure = _measure_after(doc, span)
    tok = span.root
    noun: Token | None = None
    event: Token | None = None
    relation: str | None = None
    skip_preps: set[int] = set()
    # climb from the value through the words of its own phrase
    guard = 0
    while guard < 6 and tok.head.i != tok.i:
        guard += 1
        head = tok.head
        if tok.dep_ in _MODIFIER_DEPS and (head.i in inside or _unitish(head) or head.lower_ in MEASURE_ADJECTIVES):
            tok = head
            continue
        break
    x = tok
    described = _described(span, tok, inside)
    if described is not None:  # "the 220,000-ton ship moved": the ship's weight, not the moving
        noun = described
        measure = measure or next((ATTRIBUTIVE_UNITS[t.lower_] for t in span if t.lower_ in ATTRIBUTIVE_UNITS), None)
        return _attribute(noun, None, measure, _relation(noun, inside), None)
    offset = _offset(tok, inside)
    if offset is not None:  # "twenty minutes after takeoff", "6 km north of the entrance", "up 36.7%"
        at, relation = offset
        skip_preps.add(at.i)
        held = tok.head if at.head.i == tok.i else at.head  # the direction hangs on the measure: what it is on
        if held.i not in {at.i, tok.i} and held.pos_ in _VERBAL | {"ADJ"}:
            event = held
        elif held.i not in {at.i, tok.i} and held.pos_ in _NOMINAL:
            noun = held
            x = noun
    elif tok.dep_ == "prep" and tok.head.i != tok.i:  # a date or place with its preposition: "on Monday"
        relation = tok.lower_ if tok.lower_ not in _SKIP_PREPS | {"on", "in", "at"} else None
        skip_preps.add(tok.i)
        if tok.head.pos_ in _VERBAL | {"ADJ"}:
            event = tok.head
        elif tok.head.pos_ in _NOMINAL:
            noun = tok.head
            x = noun
        if tok.i in inside:  # "told around 250 of the firefighters": "around" is the figure's own word
            noun = noun or _partitive([t for t in span if t.i != tok.i], inside, skip_preps)
    elif tok.dep_ in _MODIFIER_DEPS and tok.head.i != tok.i and tok.head.pos_ in _NOMINAL | {"ADJ"}:
        noun = tok.head
        x = noun
    else:
        noun = _partitive([tok], inside, skip_preps)
    own = _own_clause(span.root, inside)
    if own is not None and noun is not None and own.i < noun.i:
        noun, x = None, span.root  # "leaving 179 feared dead and two survivors": the 179 are not survivors
    own = own or _own_clause(noun if noun is not None else x, inside)
    if own is not None and event is None:  # "12,873 people killed in Turkey": the killing, not the sentence's verb
        event = _complement(own)
        partitive = x.dep_ == "pobj" and x.head.lower_ == "of" and x.head.head.like_num
        relation = relation or ("total" if partitive else None)  # "179 of the 181 passengers presumed dead"
    day_part = False
    for _ in range(4 if event is None else 0):
        if x.dep_ == "conj" and x.head.i != x.i:
            x = x.head
            continue
        if x.dep_ == "pobj" and x.head.dep_ in {"prep", "agent"}:
            prep = x.head
            governor = prep.head
            skip_preps.add(prep.i)
            if governor.like_num or governor.pos_ == "NUM":  # "two of the four lanes": the whole
                relation = relation or "total"
                x = governor
                continue
            if governor.lower_ in _HOLDERS and noun is not None:  # "a total of 64 people were confirmed dead"
                x = governor
                continue
            if governor.lower_ in _TIMES_OF_DAY and noun is None:  # "arrived in the early hours of Saturday"
                x = governor
                day_part = True
                continue
            if governor.pos_ in _NOMINAL and governor.pos_ != "PRON":
                if noun is None:
                    noun = governor
                else:
                    relation = relation or f"{prep.lower_} {_lemma(noun)}"
                x = governor
                continue
            if governor.pos_ in _VERBAL | {"ADJ", "ADV"}:
                event = governor
                if prep.lower_ not in _SKIP_PREPS and not (day_part and prep.lower_ in {"in", "on", "at", "during"}):
                    relation = relation or prep.lower_
            break
        if x.dep_ in _ARG_DEPS and x.head.i != x.i and x.head.pos_ in _VERBAL | {"ADJ"}:
            event = x.head
            break
        if x.dep_ in {"nsubj", "nsubjpass"} and x.head.i != x.i:
            event = x.head
            break
        break
    verb = event if event is not None and event.pos_ in _VERBAL else None
    if event is not None and event.dep_ in {"oprd", "acomp"} and event.head.pos_ in _VERBAL:
        verb = event.head  # "were confirmed dead": the verb's subject is the doer, its adjective the event
    if event is not None and event.dep_ == "acl" and _lemma(event) in _MEASURE_VERBS and event.head.pos_ in _NOMINAL:
        noun = noun or event.head  # "a spacewalk lasting 7 hours": the spacewalk's duration
        event = event.head
    elif event is not None and _lemma(event) in _MEASURE_VERBS and noun is None:
        subj = next((c for c in event.children if c.dep_ in _SUBJ and c.i not in inside), None)
        noun = subj  # "the talks lasted hours": the talks' duration
    elif event is not None and _lemma(event) in LEVEL_VERBS and noun is None:
        subj = next((c for c in event.children if c.dep_ in _SUBJ), None)
        if subj is not None and subj.i not in inside:
            noun = _held(subj)  # "the death toll rose to 41", "the number of people killed rose to 41"
    elif event is not None and _lemma(event) in LIGHT_VERBS:
        obj = _light_object(event, inside | ({noun.i} if noun is not None else set()))
        if obj is not None:
            event = obj
        elif noun is None:
            subj = next((c for c in event.children if c.dep_ in _SUBJ), None)
            if subj is not None and subj.i not in inside:
                noun = subj  # "the toll is 41"
                if any(c.lower_ in {"together", "combined"} for c in (*event.children, *subj.children)):
                    relation = relation or _joined(subj)  # "Starship and Super Heavy together are 394 feet"
    if noun is not None and noun.dep_ == "compound" and noun.head.pos_ in _NOMINAL:
        noun = noun.head
    if noun is not None and noun.lower_ in _WORTH:  # "shares worth $900 million": the worth of the shares
        owner = (
            noun.head
            if noun.dep_ == "amod"
            else next(
                (c for c in noun.head.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"} and c.i != noun.i), None
            )
        )
        noun = owner if owner is not None and owner.pos_ in _NOMINAL else noun
    if noun is not None and (noun.pos_ == "PRON" or noun.lower_ in _EMPTY_NOUNS):
        noun = None  # "it", "they": says nothing about what the value is of
    counted = _counted_inside(span)
    if counted is not None:  # "no injuries", "some minor injuries": the phrase names what it counts
        noun = counted
    count = next((t for t in span if t.dep_ == "nummod" and t.head.pos_ in {"NOUN", "PROPN"}), None)
    if count is not None and relation is None:
        relation = _joined(count.head)
    if noun is not None and relation is None:
        relation = _relation(noun, skip_preps | inside)
    if relation is None:
        relation = _relation(tok, skip_preps | inside)
    if relation is None and event is not None and event.pos_ == "VERB":
        relation = _where(event, skip_preps | inside, span.root.i)  # "31 people died in Wajima": the toll of Wajima
    if relation is None and _added(span, noun):
        relation = "more"  # "five more people were rescued", "22 others": a count on top of another
    if _of_them(span, inside):
        relation = "of them"  # "injured 672, 205 of them seriously": a part of a count given before
    if _of_another(verb, noun, inside):
        relation = "of another"  # "a second earthquake with a magnitude of 6.4": another quake's magnitude
    subject = _subject(verb, inside) if verb is not None else None
    state = _complement(event) if event is not None and x.dep_ in _SUBJ and event.pos_ in _VERBAL else None
    state = None if state is None or (event is not None and state.i == event.i) else state
    return _attribute(noun, event, measure, relation, subject, state)


#: Words that make a noun another one of its kind ("a second earthquake", "a separate temblor").
_ANOTHER = frozenset({"second", "third", "fourth", "another", "separate"})


def _of_another(verb: Token | None, noun: Token | None, inside: set[int]) -> bool:
    """Whether the figure is of another one of a kind: its noun, or its verb's subject, is "a second ...",
    "another ...", "a separate ..." (an aftershock's magnitude is not the quake's)."""
    holders = [noun] if noun is not None else []
    if verb is not None:
        holders += [c for c in verb.children if c.dep_ in _SUBJ and c.i not in inside]
    return any(c.lower_ in _ANOTHER and c.dep_ in {"amod", "det"} for tok in holders for c in tok.children)


def _of_them(span: SpacySpan, inside: set[int]) -> bool:
    """Whether a figure counts some of those a pronoun points back to ("205 of them", "40 of whom")."""
    for tok in span:
        for child in tok.children:
            of = child.dep_ == "prep" and child.lower_ == "of" and child.i not in inside - {max(inside)}
            if of and any(c.dep_ == "pobj" and c.lower_ in _BACK_POINTING for c in child.children):
                return True
    return False


#: Pronouns a partitive figure points back with.
_BACK_POINTING = frozenset({"them", "those", "whom", "which", "these", "us"})


def _partitive(heads: list[Token], inside: set[int], skip_preps: set[int]) -> Token | None:
    """What a figure counts of ("two of the four lanes", "hundreds of containers": the lanes, the containers)."""
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of" and (child.i not in inside or child.i == max(inside)):
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in _NOMINAL]
                if objects:
                    skip_preps.add(child.i)
                    return objects[0]
    return None


def _own_clause(noun: Token, inside: set[int]) -> Token | None:
    """The participle that says what happened to what a value counts ("people killed", "thousands trapped").

    A reduced relative clause is the counted thing's own event; the verb of the
    sentence around it ("In addition to 12,873 people killed ..., the agency
    said") is about something else.
    """
    for child in noun.children:
        participle = child.dep_ == "acl" and child.pos_ == "VERB" and child.tag_ in {"VBN", "VBG"}
        # "a spacewalk lasting 7 hours" is read as the spacewalk's duration, not as its event
        if participle and child.i not in inside and _lemma(child) not in _MEASURE_VERBS:
            return child
    return None


#: Words that make a count one on top of another ("five more", "another 3,000", "22 others", "12 additional").
_ADDED = frozenset({"more", "other", "others", "another", "additional", "further"})


def _added(span: SpacySpan, noun: Token | None) -> bool:
    """Whether a count is an addition to another count, not a total ("more than 400" is a bound, not one)."""
    if noun is not None and noun.lower_ in {"other", "others"}:
        return True
    holders = [t for t in span if t.like_num or t.pos_ == "NUM"] + ([noun] if noun is not None else [])
    for tok in holders:
        for child in tok.children:
            after = child.nbor(1) if child.i + 1 < len(child.doc) else None
            if child.lower_ in _ADDED and not (after is not None and after.lower_ == "than"):
                return True
    return False


def _held(noun: Token) -> Token:
    """What a holder noun counts ("a total of 64 people": the people), else the noun itself."""
    if noun.lower_ in _HOLDERS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                obj = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ in _NOMINAL), None)
                if obj is not None:
                    return obj
    return noun


def _complement(verb: Token) -> Token:
    """The adjective a verb hands its meaning to ("presumed dead", "feared missing"), else the verb."""
    return next((c for c in verb.children if c.dep_ in {"oprd", "acomp"} and c.tag_ in {"JJ", "VBN", "VBG"}), verb)


def _joined(noun: Token) -> str | None:
    """A noun that the count covers too ("177 passengers and crew": "and crew"), else None.

    A conjunct with a number or a determiner of its own ("171 passengers and 6 crew", "two police
    officers and a firefighter") is a count of its own.
    """
    for child in noun.children:
        if (
            child.dep_ == "conj"
            and child.pos_ in {"NOUN", "PROPN"}
            and not any(
                w.like_num or w.pos_ == "NUM" or w.dep_ in {"nummod", "quantmod", "det", "poss"} for w in child.subtree
            )
        ):
            return f"and {_lemma(child)}"
    return None


def _counted_inside(span: SpacySpan) -> Token | None:
    """The noun of a running count inside a value's own phrase ("nor any reports of injuries"), if any."""
    nouns = [t for t in span if t.pos_ in {"NOUN", "ADJ", "VERB"} and CONCEPT_OF.get(_lemma(t)) in RUNNING_CONCEPTS]
    return nouns[-1] if nouns else None


_COMPASS = frozenset(
    ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
     "north-west", "south-east", "south-west", "northwards", "southwards", "upstream", "downstream"]
)  # fmt: skip


def _offset(tok: Token, inside: set[int]) -> tuple[Token, str] | None:
    """A measure that says how far from something: "20 minutes after takeoff", "60 miles from the border",
    "6 km north of the entrance", "up 36.7%". The word it hangs on, and the relation it names."""
    at = tok.head
    # "about six kilometers (3.7 miles) north of the entrance": a parenthesis between the measure and its
    # direction leaves the direction hanging on the measure, not the measure on the direction
    compass = [c for c in tok.children if c.lower_ in _COMPASS and c.i not in inside and c.i > tok.i]
    if compass and any(c.dep_ == "prep" and c.lower_ in {"of", "from"} for c in compass[0].children):
        at = compass[0]
    elif tok.dep_ != "npadvmod" or at.i == tok.i or at.i in inside or at.pos_ not in {"ADP", "ADV"}:
        return None
    preps = [at] if at.pos_ == "ADP" else [c for c in at.children if c.dep_ == "prep" and c.lower_ in {"of", "from"}]
    for prep in preps:
        objects = [c for c in prep.children if c.dep_ == "pobj" and not c.like_num and c.i not in inside]
        if objects:
            words = _phrase_words(objects[0])
            where = f"{at.lower_} {prep.lower_}" if prep.i != at.i else at.lower_
            if at.lower_ in _COMPASS:  # "6 km north of the entrance" and "95 miles from it": a distance from it
                where = "from"
            return at, f"{where} {' '.join(words[:4])}".strip()
    return at, at.lower_


def _described(span: SpacySpan, tok: Token, inside: set[int]) -> Token | None:
    """The noun a measure stands in front of: "a 1,300-foot ship", "a 20-minute call", else None.

    A hyphenated measure ("430-foot") is an adjective whatever the parser made
    of it, so the noun is then read from the words after it.
    """
    doc = tok.doc
    if not any(doc[i].lower_ in ATTRIBUTIVE_UNITS or doc[i].lower_ in MEASURE_ADJECTIVES for i in inside):
        return None
    head = tok.head
    nominal = head.pos_ in {"NOUN", "PROPN"} or head.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}
    structural = tok.dep_ in {"amod", "compound", "nummod", "nmod"} and head.i not in inside and head.i > tok.i
    if structural and nominal:  # "the 200,000-ton Ever Given": the tagger may call the name a verb
        return head
    if "-" not in span.text or span.end >= len(doc) or not doc[span.end].is_alpha:
        return None
    noun = doc[span.end]
    while noun.dep_ in {"compound", "amod", "advmod"} and noun.head.i > noun.i:
        noun = noun.head
    return noun if noun.pos_ in _NOMINAL | _VERBAL and noun.pos_ != "PRON" else None


def _attribute(
    noun: Token | None,
    event: Token | None,
    measure: str | None,
    relation: str | None,
    subject: str | None,
    state: Token | None = None,
) -> Attribute:
    """The attribute from its parts: the noun, the event, what is measured, a narrowing phrase, the doer, and
    the state the event leaves the counted in ("52 people remained unaccounted for": unaccounted, so missing)."""
    noun_words = _compound_words(noun) if noun is not None else []
    lemmas = [*noun_words]
    if event is not None:
        lemmas.append(_lemma(event))
    if state is not None:
        lemmas.append(_lemma(state))
    if measure:
        lemmas.append(measure)
    # a count of buildings counts them ("120 homes destroyed"); "is home to 12,000 people" counts people
    concepts = [CONCEPT_OF[w] for w in lemmas if w in CONCEPT_OF and (CONCEPT_OF[w] != "buildings" or w in noun_words)]
    # what happened to those counted says what the count is: "175 passengers were killed" is a toll
    concept = next((c for c in concepts if c in RUNNING_CONCEPTS), concepts[0] if concepts else None)
    words = [*noun_words]
    if event is not None and _lemma(event) not in words and _lemma(event) not in LIGHT_VERBS:
        words.append(event.text.lower() if event.pos_ in _VERBAL else _lemma(event))
    if state is not None and _lemma(state) not in words:
        words.append(_lemma(state))
    if measure and measure not in words:
        words.insert(0, measure)
    if relation and relation != "total":
        words.append(relation)
    return Attribute(
        text=" ".join(words),
        noun=" ".join(noun_words) if noun_words else None,
        event=_lemma(event) if event is not None else None,
        relation=relation,
        subject=subject,
        concept=concept,
        measure=measure,
        lemmas=tuple(dict.fromkeys(lemmas)),
    )
