"""The date of a draft: the sentence's temporal expression that the parse attaches to
its trigger, else the narrative anchor, else the publication date.

1. Among the sentence's dates (citations excluded), take the one nearest the trigger in
   the dependency tree (fewest arcs to the trigger or to the verb that carries it;
   text distance breaks ties). A future event re-reads the dates forward ("on Tuesday"
   after publication); a hypothetical one takes, for each date, the reading nearer the
   publication date.
   A date of the text less precise than a citation closing the passage that falls within
   it ("last August ... (FMPRC, August 5, 2022)") takes the citation's precision.
2. A month or day written without a year ("In August") inside a narrative whose anchor
   is another year takes the anchor's year ("In 2022, ... In August" → 2022-08).
3. With no date in the sentence: an anchored expression ("the next day", "two days
   later", "that week") resolved against the narrative anchor; then the anchor itself
   when it was set in the same paragraph; then a citation of the passage ("(MND,
   February 9)"); then the publication date at month precision (year precision for
   future, hypothetical and negated events, which need not fall in the month of
   writing).

A publication date known only to the month or year caps the precision of relative
expressions ("on Tuesday" in a text dated 2024-01 gives 2024-01).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

from mildip.dates import bounds, truncate
from mildip.extract.modality import while_noun
from mildip.extract.sentence import Analysed
from mildip.nlp.dates import DateMention, find_anchored, find_dates, recalls_time

DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .’'-]{1,40}|[A-Z][A-Za-z .’'-]{1,40}(?=[^()]{0,60}\())"
    r"(?:,\s*[A-Z][A-Za-z .’'-]{1,40}){0,2},?\s*"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*)?(?:\([^)]{1,40}\)\s*)?(?:--|—|–|-)\s+"
)
"""A wire dateline ("SEOUL, July 27 (Yonhap) --", "WASHINGTON (Reuters) -"): its date is
the report's, not an event's."""
_YEARLESS = frozenset({"md", "dm", "part_month", "that_month", "range_md", "range_dm", "weekday", "rel_day", "season"})
_PRECISION_ORDER = {"year": 0, "month": 1, "day": 2}


def _ancestors(tok) -> list:
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < 40:
        out.append(out[-1].head)
    return out


def tree_distance(a, b) -> int:
    """Number of dependency arcs between tokens ``a`` and ``b`` of one parse."""
    up_a = _ancestors(a)
    index = {t.i: n for n, t in enumerate(up_a)}
    for m, t in enumerate(_ancestors(b)):
        if t.i in index:
            return index[t.i] + m
    return 99


def _first_verb_above(tok):
    t = tok
    for _ in range(40):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "prep":
            # a participle used as a preposition ("following the 2016 election") opens
            # no clause of its own
            return t
    return None


HORIZON_PREPS = frozenset({"towards", "toward", "until", "till", "through", "by", "beyond", "to", "since"})
"""A date after these is a horizon ("a partnership towards 2030", "by 2027"), not the
event's date."""


SEQUENCE_PREPS = frozenset({"after", "following", "before", "ahead", "prior", "since"})
"""A date inside the object of these ("following a video call in April", "after the 2016
election") dates that object's event; the event told next to it gets only its year."""


RELATIVE_PRONOUNS = frozenset({"that", "which"})


def in_relative_clause(date_head, trigger) -> bool:
    """Whether ``date_head`` lies in a relative clause about the nominal ``trigger``
    ("the exercises that our forces conducted in April", "the first Maritime Cooperative
    Activity among our four countries, which our navies conducted on April 7"). The small
    parser often hangs the pronoun on the main verb or on the last noun of a phrase and
    reads "forces conducted" as a reduced clause on "forces", so the clause is found in
    the text: a relative pronoun follows the trigger's phrase with no verb between them,
    and the first verb above the date is the first verb after the pronoun."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    above = _first_verb_above(date_head)
    if above is None or above.i <= trigger.i:
        return False
    doc = trigger.doc
    pronoun = None
    for t in doc[trigger.i + 1 : min(above.i, trigger.i + 12)]:
        if t.pos_ in ("VERB", "AUX"):
            return False
        if t.tag_ == "WDT" and t.lower_ in RELATIVE_PRONOUNS:
            pronoun = t
            break
    if pronoun is None:
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in doc[pronoun.i + 1 : above.i])


def attached(date_head, trigger, verb) -> bool:
    """Whether a date whose head token is ``date_head`` may date the trigger: the first
    verb above it is the trigger, the verb that carries it, a verb governing those
    ("said on Tuesday that ..."), or a participial/relative clause on a nominal trigger
    ("talks held on Tuesday"). A date inside another clause ("since relations were
    restored in 1995") dates that clause's event, not this one."""
    if any(t.i == trigger.i for t in date_head.subtree):
        # "since August, when Beijing canceled ...": the clause tells what the date saw
        return True
    if date_head.dep_ == "pobj" and date_head.head.lower_ in HORIZON_PREPS:
        return False
    if _names_a_horizon(date_head):
        return False
    if any(a.lower_ == "according" for a in date_head.ancestors):
        # "according to a 2007 diplomatic cable": the source's date
        return False
    above = _first_verb_above(date_head)
    if above is None:
        return True
    chain = {t.i for t in _ancestors(trigger)}
    if verb is not None:
        chain |= {t.i for t in _ancestors(verb)}
    if above.i in chain:
        return not _reported_as_done(above, verb if verb is not None else trigger)
    if _in_frame_of(date_head, chain) or _opens_the_main_clause(date_head, trigger, verb):
        return True
    if above.head.i == trigger.i and above.dep_ in ("acl", "relcl"):
        return True
    if above.dep_ == "acl" and above.head.pos_ == "PROPN" and any(a.i == trigger.i for a in above.head.ancestors):
        # "the activity among Australia, Japan and the Philippines, held in April": the
        # parser hangs the participle on the last name of the event's own phrase
        return True
    if _reduced_relative_on(above, trigger):
        return True
    return in_relative_clause(date_head, trigger)


def is_reduced_relative(participle) -> bool:
    """Whether ``participle`` is a past participle with no subject or auxiliary, set off
    by a comma (", held on 24 January 2021"): a clause that describes the noun before it."""
    if participle is None or participle.tag_ != "VBN" or participle.dep_ not in ("advcl", "acl", "conj") or participle.i < 2:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in participle.children):
        return False
    return participle.doc[participle.i - 1].text == ","


def _opens_the_main_clause(date_head, trigger, verb) -> bool:
    """ "In January 2010, after the Obama administration notified Congress ..., Beijing
    suspended military exchanges": a date phrase that opens the sentence, set off by a
    comma, dates the main clause's verb even when the parser hangs it on the clause
    that follows it."""
    prep = date_head.head
    if date_head.dep_ != "pobj" or prep.dep_ != "prep" or prep.i != date_head.sent.start:
        return False
    after = prep.right_edge.i + 1
    if after >= len(date_head.doc) or date_head.doc[after].text != ",":
        return False
    main = verb if verb is not None else trigger
    return main.dep_ == "ROOT" and prep.head.i != main.i and any(a.i == main.i for a in prep.head.ancestors)


def _in_frame_of(date_head, chain: set[int]) -> bool:
    """ "At an informal meeting that he hosted in Beijing in October 2015, Chang proposed
    ...": a date inside the phrase of a noun after "at" or "during" (:func:`while_noun`)
    that frames one of the trigger's verbs dates what happened at it."""
    for a in date_head.ancestors:
        if while_noun(a):
            return a.head.head.i in chain
    return False


def _reduced_relative_on(participle, trigger) -> bool:
    """ "came from the ninth round, held on 24 January 2021": a reduced relative
    (:func:`is_reduced_relative`) right after the trigger's phrase describes the trigger,
    whatever verb the parser hangs it on."""
    return is_reduced_relative(participle) and max(t.i for t in trigger.subtree) == participle.i - 2


def _names_a_horizon(date_head) -> bool:
    """ "Since the 2016 arbitral ruling, ...": a date that modifies the object of a
    horizon preposition of time (not "to" or "by", which also join nouns: "an addendum
    to the 1990 memorandum") dates that object, which bounds the event without dating it."""
    t = date_head
    while t.dep_ in ("compound", "nummod", "amod", "poss", "npadvmod") and t.head.i != t.i:
        t = t.head
    return t.i != date_head.i and t.dep_ == "pobj" and t.head.lower_ in HORIZON_PREPS - {"to", "by"}


def _dates_the_plan(date_head, clause) -> bool:
    """ "agreed in May to hold joint drills", "the November summit produced an agreement
    to restore military communications": a date outside the infinitive that tells a
    future event, on the verb that governs it, dates the agreement or plan."""
    if any(t.i == clause.i for t in date_head.subtree):
        return False
    t = clause
    while t.head.i != t.i:
        if t.dep_ in ("xcomp", "acl", "ccomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            inside = {x.i for x in t.subtree}
            return date_head.i not in inside
        t = t.head
    return False


def _reported_as_done(governor, clause) -> bool:
    """ "Hegseth said today that he and Dong have agreed ...": a date of a verb that
    governs the event's clause as its complement, when that clause is perfect, dates the
    saying: the event was done before it."""
    t = clause
    while t.head.i != t.i and t.i != governor.i and t.dep_ != "ccomp":
        t = t.head
    if t.dep_ != "ccomp" or t.head.i != governor.i:
        return False
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in t.children)


def _in_sequence_object(date_head, trigger) -> bool:
    """Whether ``date_head`` hangs, below its first verb, inside a noun that is the
    object of a preposition of sequence told after the trigger, and the trigger is not in
    that noun's phrase ("met in person, following a video call in April"). A fronted
    phrase ("After Pelosi's visit last August, Beijing cancelled ...") still frames the
    sentence."""
    for a in date_head.ancestors:
        if a.pos_ in ("VERB", "AUX") and a.dep_ != "prep":
            return False
        if a.dep_ == "pobj" and a.pos_ in ("NOUN", "PROPN") and a.head.lower_ in SEQUENCE_PREPS:
            return a.head.i > trigger.i and not any(t.i == trigger.i for t in a.subtree)
    return False


def frames_sentence(date_head, trigger) -> bool:
    """Whether the date whose head is ``date_head`` opens the sentence as a fronted
    adverbial of the main clause ("In June 2018, after his summit with ..., Trump
    announced ..."): it then dates every event the sentence tells before its main verb,
    nouns in a leading phrase included."""
    if date_head.i >= trigger.i:
        return False
    top = date_head
    while top.head.i != top.i and top.head.pos_ not in ("VERB", "AUX"):
        top = top.head
    root = top.head
    if root.dep_ != "ROOT" or top.left_edge.i > date_head.sent.start + 1:
        return False
    after = top.right_edge.i + 1
    return after < len(date_head.doc) and date_head.doc[after].text == "," and trigger.i < root.i


def _clause_verb_i(date_head, trigger) -> int | None:
    """The index of the verb whose clause holds ``date_head`` (the trigger's own index
    when the date hangs inside the trigger's phrase)."""
    if any(t.i == trigger.i for t in date_head.ancestors):
        return trigger.i
    above = _first_verb_above(date_head)
    return above.i if above is not None else None


def cap_precision(value: str | None, kind: str, precision: str) -> str | None:
    """``value`` no finer than the publication date allows for a relative ``kind``."""
    if value is None or precision == "day" or kind not in _YEARLESS | {"rel_month", "rel_year", "last_month", "anchored"}:
        return value
    if precision == "month" and kind in ("weekday", "rel_day"):
        return None
    if precision == "month" and kind in ("md", "dm", "anchored"):
        return truncate(value, "month") if len(value) > 7 else value
    if precision == "year":
        return value[:4]
    return value


REYEARABLE = frozenset({"md", "dm", "part_month", "that_month", "range_md", "range_dm", "season"})
"""Kinds of date written without a year, which a narrative's explicit year governs."""


def reyear(mention: DateMention, anchor: str | None, published: date | None) -> str | None:
    """The value of a yearless ``mention`` in the year of ``anchor`` (never after
    publication); its own value when it has a year or there is no anchor."""
    value = mention.value
    if not value or not anchor or mention.kind not in REYEARABLE:
        return value
    if not mention.relative:
        return value
    year = anchor[:4]
    if year == value[:4]:
        return value
    candidate = year + value[4:]
    if published is not None and candidate > published.isoformat():
        return value
    if len(anchor) > 4 and candidate[:7] < anchor[:7] and mention.kind != "that_month":
        # "in November 2023, ... || the April 10 summit": a month before the anchor's
        # month is not read back into the anchor's year; "that June" is
        # in it whatever its month
        return value
    return candidate


_UNIT_DAYS = {"day": 1, "week": 7}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}


def _shift_by_lead(value: str | None, verb, sent: Analysed, mention: DateMention) -> str | None:
    """ "On July 30, 2021, a day after Austin and Duterte met in Manila, ...": the date
    written before "a day after" is the main clause's, so the meeting is a day earlier
    ("two weeks before" is two weeks later). None when the clause is not so framed."""
    if value is None or len(value) != 10 or verb is None:
        return None
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if mark is None:
        return None
    lead = next(
        (c for c in [*verb.children, *mark.children] if c.dep_ == "npadvmod" and c.lemma_.lower() in _UNIT_DAYS),
        None,
    )
    if lead is None or sent.base + lead.idx <= mention.start:
        return None
    count = next((c for c in lead.children if c.dep_ in ("det", "nummod")), None)
    n = _COUNTS.get(count.lower_) if count is not None else None
    if n is None and count is not None and count.like_num:
        n = int(count.text) if count.text.isdigit() else None
    if n is None:
        return None
    days = n * _UNIT_DAYS[lead.lemma_.lower()]
    sign = -1 if mark.lower_ == "after" else 1
    return (date.fromisoformat(value) + timedelta(days=sign * days)).isoformat()


def _leads_other_clause(mention: DateMention, trigger, sent: Analysed) -> bool:
    """ "The call comes a month after Austin met Wei": "a month after" counts from the
    event of the clause it opens, so it does not date ``trigger`` outside that clause
    by the narrative's time."""
    for t in sent.doc:
        if t.dep_ == "mark" and t.lower_ in ("after", "before") and sent.base + t.idx + len(t.text) == mention.end:
            return trigger.i not in {x.i for x in t.head.subtree}
    return False


def _before_the_frame(mention: DateMention, anchor: str | None, verb, sent: Analysed) -> str | None:
    """ "The call comes a month after Austin met Wei": "a month after" ends at the
    conjunction that opens the clause of the event, so the event lies a month before
    the narrative's time, not after it. The mirrored value, or None when the expression
    does not lead the event's clause."""
    if not anchor or mention.value is None or len(mention.value) != len(anchor[: len(mention.value)]):
        return None
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if mark is None or sent.base + mark.idx + len(mark.text) != mention.end:
        return None
    base = anchor[: len(mention.value)]
    if len(base) == 10:
        delta = date.fromisoformat(mention.value) - date.fromisoformat(base)
        return (date.fromisoformat(base) - delta).isoformat()
    if len(base) == 7:
        months = lambda v: int(v[:4]) * 12 + int(v[5:7]) - 1  # noqa: E731
        y, mo = divmod(2 * months(base) - months(mention.value), 12)
        return f"{y:04d}-{mo + 1:02d}"
    return None


def sentence_dates(sent: Analysed, published: date | None, modality: str, citations) -> list[DateMention]:
    """The sentence's dates outside citations: re-read forward for a future event, and
    for a hypothetical one read whichever way lies nearer the publication date ("may meet
    in November" in September is this November; "if the meeting on October 31 ..." in
    November is last month's)."""
    found = sent.dates
    if modality in ("future", "hypothetical"):
        ahead = [d for d in find_dates(sent.text, published, sent.base, "future") if d.value]
        found = ahead if modality == "future" else _nearer(found, ahead, published)
    spans = [(c.start, c.end) for c in citations]
    line = DATELINE.match(sent.text)
    if line:
        spans.append((sent.base, sent.base + line.end()))
    return [d for d in found if d.value and not any(a <= d.start < b for a, b in spans)]


def _nearer(back: list[DateMention], ahead: list[DateMention], published: date | None) -> list[DateMention]:
    """Per date of the sentence, the reading (``back`` or ``ahead``) nearer ``published``."""
    if published is None:
        return ahead
    past = {(d.start, d.end): d for d in back}
    out = []
    for d in ahead:
        other = past.get((d.start, d.end))
        if other is not None and other.value and _distance(other.value, published) < _distance(d.value, published):
            d = other
        out.append(d)
    return out


def _distance(value: str, published: date) -> int:
    """Days from ``published`` to the nearest day of the partial date ``value``."""
    lo, hi = bounds(value)
    if lo <= published <= hi:
        return 0
    return min(abs((lo - published).days), abs((hi - published).days))


def governing_anchor(mentions: list[DateMention], anchor: str | None) -> str | None:
    """The narrative anchor that re-years the sentence's yearless dates: none when the
    sentence sets its own frame ("in April and July of this year", "last month")."""
    if any(d.kind in ("rel_year", "rel_month") for d in mentions):
        return None
    return anchor


def coordinated_dates(
    sent: Analysed, value: str, *, anchor, published, precision, modality, citations, lasting=False
) -> list[str]:
    """Further dates coordinated with the date ``value`` was read from ("in 1967 and
    1975", "in March, April and May"): each dates one more event of a repeatable type.
    For an event that ``lasting`` over days (an exercise, a visit), consecutive days
    ("on Saturday and Sunday", "on June 3 and June 4") are the days of that one event,
    which keeps the first: none of them is another event."""
    mentions = sentence_dates(sent, published, modality, citations)
    anchor = governing_anchor(mentions, anchor)
    heads = {}
    for d in mentions:
        head = sent.span_head(d.start, d.end)
        if head is not None:
            heads[head.i] = d
    out = []
    for i, d in heads.items():
        if cap_precision(reyear(d, anchor, published), d.kind, precision) != value:
            continue
        tok = sent.doc[i]
        for c in tok.subtree:
            other = heads.get(c.i)
            if c.i == i or other is None or c.dep_ not in ("conj", "appos") or not _another_date(d, other):
                continue
            if c.dep_ == "appos" and other.precision != d.precision:
                # "in 2018, 2019 and March 2020": the parser may take the second year of a
                # list for an apposition of the first
                continue
            v = cap_precision(reyear(other, anchor, published), other.kind, precision)
            if v and v != value and v not in out:
                out.append(v)
        for other in _listed_by_prepositions(sent, tok, d, heads):
            v = cap_precision(reyear(other, anchor, published), other.kind, precision)
            if v and v != value and v not in out:
                out.append(v)
    if lasting and out and _consecutive_days([value, *out]):
        return []
    return out


def _another_date(first: DateMention, other: DateMention) -> bool:
    """Whether ``other``, conjoined to ``first``, is another date of the list: of the same
    precision ("in March, April and May"), or one with its own written year that is not a
    part of ``first`` ("in 2018, 2019 and March 2020"; not "in May and on May 24")."""
    if other.precision == first.precision:
        return True
    if other.relative or not other.value or not first.value:
        return False
    return not (other.value.startswith(first.value) or first.value.startswith(other.value))


_LIST_GAP = re.compile(r"\s*,?\s*(?:(?:and|or)\s+)?")


def _listed_by_prepositions(sent: Analysed, tok, first: DateMention, heads: dict) -> list[DateMention]:
    """ "in December 2020, in November 2021 and on May 24, 2022": dates with their own
    written year, each after its own preposition of the same verb (or conjoined to one),
    listed right after ``first`` (whose head is ``tok``) with only commas and "and"
    between them."""
    if tok.dep_ != "pobj" or tok.head.dep_ not in ("prep", "conj"):
        return []
    verb = tok.head.head
    while verb.dep_ == "conj" and verb.pos_ == "ADP":
        verb = verb.head
    preps = sorted(
        {p.i: p for c in verb.children if c.dep_ == "prep" for p in (c, *c.conjuncts) if p.pos_ == "ADP"}.values(),
        key=lambda p: p.i,
    )
    out, end = [], first.end
    for p in preps:
        if p.i <= tok.i:
            continue
        other = next((heads[o.i] for o in p.children if o.dep_ == "pobj" and o.i in heads), None)
        if other is None or other.relative:
            break
        if not _LIST_GAP.fullmatch(sent.text[end - sent.base : p.idx]):
            break
        out.append(other)
        end = other.end
    return out


def _consecutive_days(values: list[str]) -> bool:
    """Whether the day-precision dates ``values`` form one unbroken run of days."""
    try:
        days = sorted({date.fromisoformat(v) for v in values})
    except ValueError:
        return False
    if any(len(v) != 10 for v in values):
        return False
    return all((b - a).days == 1 for a, b in pairwise(days))


def choose_date(
    sent: Analysed,
    trigger,
    verb,
    *,
    anchor: str | None,
    anchor_here: bool,
    explicit_anchor: str | None = None,
    continued_anchor: str | None = None,
    list_date: str | None = None,
    recalled: str | None = None,
    published: date | None,
    precision: str,
    modality: str,
    citations,
    refine_by=(),
    not_in=frozenset(),
) -> tuple[str | None, str]:
    """``(date, how)`` for a draft; ``how`` is one of "text", "anchored", "anchor",
    "citation", "published" or "none" (see the module docstring). An anchored
    expression ("the following week") reads ``continued_anchor``, which may lie further
    back than ``anchor``. ``refine_by``: the
    citations of the passage, which may make a date of the text more precise.
    ``not_in``: token indices whose dates belong to another event (the engagement a
    proposal asks for: "requested a visit in September")."""
    mentions = sentence_dates(sent, published, modality, citations)
    scored = []
    bounds = set()
    own = {t.i for t in trigger.subtree}
    for d in mentions:
        head = sent.span_head(d.start, d.end)
        if head is None or head.i in not_in or not attached(head, trigger, verb):
            continue
        if (
            verb is None
            and trigger.dep_ == "pobj"
            and not while_noun(trigger)
            and head.i not in own
            and not (0 < head.i - max(own) <= 3)
            and not frames_sentence(head, trigger)
            and not _reduced_relative_on(_first_verb_above(head), trigger)
        ):
            # a noun its verb does not carry ("besides the meeting with Austin, Dong held
            # talks on Thursday"): only its own dates count; but "In March, during the
            # visit, ..." dates the visit by its clause
            continue
        if modality == "future" and _dates_the_plan(head, verb if verb is not None else trigger):
            continue
        if _in_sequence_object(head, trigger):
            bounds.add(id(d))
        dist = min(tree_distance(head, trigger), tree_distance(head, verb) if verb is not None else 99)
        if in_relative_clause(head, trigger):
            # the clause tells this noun's event: as near as a date on the noun itself
            dist = min(dist, 1)
        scored.append((dist, -_PRECISION_ORDER.get(d.precision or "year", 0), abs(head.i - trigger.i), d))
    best = None
    if scored:
        nearest = min(s[0] for s in scored)
        # among the nearest dates (one arc of slack), the most precise: "Earlier this year,
        # ... held a call ... on April 20" is dated April 20
        best = min((s for s in scored if s[0] <= nearest + 1), key=lambda s: s[:3])[3]
        own_clause = {trigger.i} | ({verb.i} if verb is not None else set())
        finer = [
            s[3] for s in scored
            if best.value and s[3].value and len(s[3].value) > len(best.value) and s[3].value.startswith(best.value)
            and _clause_verb_i(sent.span_head(s[3].start, s[3].end), trigger) in own_clause
        ]
        if finer:
            # "Earlier this year, Wei held a phone call with Austin on April 20": a date of
            # the clause that refines the nearest one is the event's
            best = max(finer, key=lambda d: len(d.value))
    if best is not None:
        governing = governing_anchor(mentions, explicit_anchor)
        frame = [a for a in find_anchored(sent.text, continued_anchor or anchor, sent.base) if len(a.value) == 4]
        if frame:
            # "The following year, at the start of May, ...": the sentence's own year
            governing = frame[0].value
        value = cap_precision(reyear(best, governing, published), best.kind, precision)
        shifted = _shift_by_lead(value, verb, sent, best)
        if shifted is not None:
            return shifted, "text"
        if value is not None and id(best) in bounds:
            # "met in person, following a video call in April": only after the call, so
            # in its year
            return value[:4], "text"
        if value is not None:
            refined = [
                c.date for c in refine_by
                if c.date and len(value) < len(c.date) and c.date.startswith(value) and not best.kind.startswith("range")
            ]
            if refined:
                # "last August ... (FMPRC, August 5, 2022)": the citation gives the day; a
                # range of days ("on November 18-20 ... (INDOPACOM, November 21)") keeps
                # its month, the report's day being none of them
                return refined[0], "text"
            return value, "text"
        # a weekday in a text dated to the month: the month of publication
        return published.isoformat()[:7], "published"
    anchored = [
        a for a in find_anchored(sent.text, continued_anchor or anchor, sent.base)
        if not _leads_other_clause(a, trigger, sent)
    ]
    if anchored:
        mirrored = _before_the_frame(anchored[0], continued_anchor or anchor, verb if verb is not None else trigger, sent)
        return mirrored or anchored[0].value, "anchored"
    if recalled and recalls_time(sent.text):
        # "... when Obama visited New Delhi in January 2015. || Obama and Modi also
        # agreed at the time to ...": the time the last sentence told
        return recalled, "anchored"
    if list_date:
        return list_date, "list"
    if anchor and anchor_here:
        return anchor, "anchor"
    cited = [c.date for c in citations if c.date]
    if cited:
        return cited[0], "citation"
    if published is None:
        return None, "none"
    iso = published.isoformat()
    if modality in ("future", "hypothetical", "negated") or precision == "year":
        return iso[:4], "published"
    return iso[:7], "published"
