"""From a :class:`~mildip.extract.frames.Draft` to a :class:`~mildip.model.Event`:
the final type, the mechanism and round, modality, date, participants, location and
the evidence span; plus the features the learned scorer reads (:mod:`scorer`).

Type rules of the spec:

* a meeting or talks trigger (``TALKS``) is a CALL when the word itself is a call word
  or a call cue ("video", "phone", "virtually") hangs from the trigger or its verb, or
  stands within five tokens of it;
* a meeting, call or dialogue word whose object phrase names a specific channel (a
  registered mechanism, or a name with identity: "maritime safety consultations") is a
  DIALOGUE; a dialogue word without a specific name is a MEET;
* a RESUME whose object is a session of a named mechanism ("the first round of the
  strategic dialogue in four years") is that DIALOGUE with ``resumed`` - one event, not
  two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from mildip._version import EXTRACTOR_VERSION
from mildip.dates import reference_day
from mildip.extract.arguments import clause_verb
from mildip.extract.dating import choose_date, coordinated_dates
from mildip.extract.frames import Draft
from mildip.extract.frames.interaction import (
    TIME_PREPS,
    calls_something_else,
    carried_by,
    is_demand,
)
from mildip.extract.lexicon import Lexicon
from mildip.extract.modality import (
    NO_EVENT,
    clause_has_cue,
    is_habitual,
    is_indefinite,
    read_modality,
    while_noun,
)
from mildip.extract.naming import channel_phrase, name_phrase, resolve_mechanism, round_of
from mildip.extract.sentence import Analysed, conjuncts, is_infinitive, np_tokens
from mildip.extract.state import DocumentState
from mildip.kb.officials import resolve_participant
from mildip.model import Citation, Document, Event, Evidence, Participant

LIST_ITEM = "list_item: one of several channels acted on in one sentence"
_TALK_TYPES = frozenset({"TALKS", "MEET", "CALL", "DIALOGUE"})
REPEATABLE_TYPES = frozenset({"MEET", "CALL", "INCIDENT", "EXERCISE", "PORT_CALL", "DIALOGUE"})
LASTING_TYPES = frozenset({"MEET", "EXERCISE", "PORT_CALL", "DIALOGUE"})
"""Types whose one event may last several days (an intercept or a call does not)."""
"""Types of which "in 1967 and 1975" tells two events."""
_DEFENCE_TITLE = re.compile(r"(?i)defen[cs]e|military|navy|naval|army|air force|admiral|general|commander|chief of|marine|joint staff|armed forces")
_LEADER_TITLE = re.compile(r"(?i)\bpresident\b|prime minister|premier|\bking\b|chancellor|general secretary")
_REPORTER_WORDS = ("spokes", "press secretary", "reporter", "correspondent", "analyst", "expert")


@dataclass
class Built:
    """An event with the features of its draft (for the scorer)."""

    event: Event
    features: dict[str, object] = field(default_factory=dict)


def _call_cue(sent: Analysed, draft: Draft, lex: Lexicon, strong_only: bool = False) -> bool:
    """Whether the meeting is a call: the trigger is a call word, or a call cue (not
    the trigger itself: "called on the minister" is a visit) hangs from the trigger or
    its verb ("held talks by video link"); unless ``strong_only``,
    also a cue within five tokens of the trigger. A "call" that names or demands
    ("where they called China's coercion a challenge") is no cue."""
    if draft.entry.mode == "call":
        return True
    near = set(_own_phrase(draft.trigger))
    if draft.verb is not None:
        near.update(c for c in draft.verb.children if not _other_clause(c))
        near.update(g for c in draft.verb.children if c.dep_ == "prep" for g in c.children)
    near = {
        t for t in near
        if t.i != draft.trigger.i and not _framed_apart(t, draft.trigger)
        and not _other_call(t, draft.trigger, lex, sent) and not _names_or_demands(t, sent)
    }
    words = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
    if words & lex.cues["call"]:
        return True
    if strong_only:
        return False
    lo, hi = max(0, draft.trigger.i - 5), min(len(sent.doc), draft.trigger.i + 6)
    window = [
        t for t in sent.doc[lo:hi]
        if t.i != draft.trigger.i and not _framed_apart(t, draft.trigger)
        and not _other_call(t, draft.trigger, lex, sent) and not _names_or_demands(t, sent)
    ]
    if {t.lemma_.lower() for t in window} & lex.cues["call"]:
        return True
    text = " ".join(t.lower_ for t in window)
    return any(" " in cue and cue in text for cue in lex.cues["call"])


_CLAUSE_DEPS = frozenset({"conj", "advcl", "ccomp", "xcomp", "parataxis"})


def _other_clause(tok) -> bool:
    """Whether ``tok`` heads a clause of its own under its head ("met at Woodside and
    agreed to resume the commanders' calls": "agreed" tells another event)."""
    return tok.dep_ in _CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX")


def _own_phrase(tok) -> list:
    """``tok``'s subtree without the clauses of its own that hang from it."""
    out = [tok]
    for c in tok.children:
        if not _other_clause(c):
            out.extend(_own_phrase(c))
    return out


def _names_or_demands(tok, sent: Analysed) -> bool:
    """A verb "call" that is no phone call ("where they called China's coercion a
    challenge", "called for restraint")."""
    return tok.lemma_.lower() == "call" and tok.pos_ in ("VERB", "AUX") and calls_something_else(tok, sent.date_of)


def _framed_apart(tok, trigger) -> bool:
    """Whether ``tok`` lies in a phrase of time that does not hold ``trigger`` ("the
    meeting ..., following a video call in April"): a cue there tells another event."""
    t = tok
    while t.head.i != t.i:
        if t.dep_ == "prep" and t.lower_ in TIME_PREPS:
            return trigger not in t.subtree
        t = t.head
    return False


def _other_call(tok, trigger, lex: Lexicon, sent: Analysed) -> bool:
    """Whether ``tok`` is, or modifies, a call word other than ``trigger`` that is dated
    ("Friday's meeting followed the leaders' Sept. 9 video teleconference") or is the
    subject or object of the clause: that call is another event."""
    if is_demand(tok):
        return True
    for t in (tok, tok.head if tok.dep_ in ("compound", "amod", "nmod") else None):
        if t is not None and t.i != trigger.i and t.pos_ in ("NOUN", "PROPN"):
            if any(e.mode == "call" for e in lex.for_token(t.lemma_.lower(), "noun")):
                if t.dep_ in ("nsubj", "nsubjpass", "dobj") and not any(a.i == trigger.i for a in t.ancestors):
                    # "The call was a deliverable from the bilateral meeting": a call that
                    # is an argument of the clause is an event of its own
                    return True
                return any(sent.date_of(x.i) is not None for x in t.subtree)
    return False


_NOT_DIALOGUE_KINDS = frozenset({"exercise_series", "cooperation", "hotline"})
_MECHANISM_HEADS = frozenset({"dialogue", "consultation"})
_DIALOGUE_HEADS = frozenset({"dialogue", "consultation", "talk", "meeting", "negotiation", "session", "round", "exchange"})


def settle_type(
    draft: Draft,
    sent: Analysed,
    lex: Lexicon,
    state: DocumentState,
    mechanism,
    round_: int | None,
) -> str:
    """The spec type of a draft (see the module docstring)."""
    if draft.type not in _TALK_TYPES:
        return draft.type
    registered = mechanism is not None and not mechanism.discovered
    if registered and mechanism.kind == "exercise_series" and draft.trigger.lemma_.lower() in lex.session_nouns:
        # "In May 2024, the sixth edition moved to the coast" after Golden Dragon: a
        # session of the exercise series
        return "EXERCISE"
    if registered and draft.type == "DIALOGUE" and mechanism.kind not in _NOT_DIALOGUE_KINDS:
        # "the Consultation ... last convened virtually": a session of the mechanism
        return "DIALOGUE"
    if _back_to_session(draft, state):
        return "DIALOGUE"
    if registered and mechanism.kind not in _NOT_DIALOGUE_KINDS:
        # "a virtual MMCA meeting" is a session of the MMCA; a session of a channel held
        # by phone ("the theater commanders' talks") is a call
        return "CALL" if mechanism.held_by == "call" else "DIALOGUE"
    if _call_cue(sent, draft, lex, strong_only=True):
        return "CALL"
    if _call_cue(sent, draft, lex):
        return "CALL"
    if draft.entry.mode == "either" or _restates(draft):
        told = state.talk_modes.get(draft.actors)
        if told == "CALL" and clause_has_cue(draft.trigger, clause_verb(draft.trigger), lex, "in_person"):
            # "to hold talks with him in person" after a call: a meeting
            told = "MEET"
        if told == "DIALOGUE" and sent.dates:
            # a dated talk is another one than the session told before
            told = None
        if told is not None:
            return told
        if state.title_call and draft.entry.mode == "either":
            return "CALL"
        if _bare_talk_verb(draft, sent, lex):
            return "CALL"
    head = draft.trigger.lemma_.lower()
    head = head[:-1] if head.endswith("s") and head[:-1] in _DIALOGUE_HEADS else head
    proper = mechanism is not None and any(w[:1].isupper() for w in mechanism.name.split()[1:])
    counted = round_ is not None and round_ >= 2
    if head in _DIALOGUE_HEADS and (proper or counted):
        # "the eighth exchange", "the Border Defence Friendship Exchange": a session
        return "DIALOGUE"
    if head in _MECHANISM_HEADS and (mechanism is not None or lex.resumed.search(sent.text)):
        # "their first security policy dialogue in five years": a dialogue with a name;
        # "their first defence consultations in five years": a round after a gap
        return "DIALOGUE"
    if draft.type == "DIALOGUE" and draft.entry.pos == "noun" and head not in _DIALOGUE_HEADS:
        return "DIALOGUE" if proper or counted else "MEET"
    return "MEET"


_TALK_VERBS = frozenset({"speak", "talk"})
_AT = frozenset({"in", "at", "on"})


def _bare_talk_verb(draft: Draft, sent: Analysed, lex: Lexicon) -> bool:
    """ "Austin spoke with Shoigu today", "we'll talk again": a verb of speaking with no
    sign of a meeting in person in its own clause (an ``in_person`` cue, or a place the
    verb is in or at) tells a call; "since we met in May" is another clause."""
    trig = draft.trigger
    if draft.entry.pos != "verb" or trig.lemma_.lower() not in _TALK_VERBS:
        return False
    clause = sorted(_own_phrase(trig), key=lambda t: t.i)
    text = " ".join(t.lower_ for t in clause)
    cues = lex.cues["in_person"]
    if any(t.lemma_.lower() in cues or t.lower_ in cues for t in clause if t.i != trig.i):
        return False
    if any(" " in cue and cue in text for cue in cues):
        return False
    for prep in trig.children:
        if prep.dep_ == "prep" and prep.lower_ in _AT:
            if any(sent.places_of(o.i) for o in prep.subtree):
                return False
    return True


def _restates(draft: Draft) -> bool:
    """ "It was his first substantive exchange with a PRC defense minister": a talk noun
    predicated of a pronoun names the talk just told, so it takes that talk's mode."""
    trig = draft.trigger
    if trig.pos_ != "NOUN" or trig.dep_ != "attr" or trig.head.lemma_ != "be":
        return False
    return any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in trig.head.children)


def _is_exercise(tok, lex: Lexicon) -> bool:
    return lex.has_frame(tok.lemma_.lower(), "noun", "exercise")


def _perfect(verb) -> bool:
    """ "have agreed", "has met": the present perfect tells what holds now, so the
    narrative's anchor does not date it."""
    return verb is not None and verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in verb.children
    )


def _past_perfect(verb) -> bool:
    """ "had halted", "had been suspended": the past perfect."""
    return verb is not None and verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children
    )


def _plain_past(verb) -> bool:
    """A verb in the simple past with no auxiliary ("signed", not "would have signed")."""
    return verb is not None and verb.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _after(value: str | None, published: date | None) -> bool:
    """Whether the partial date ``value`` lies wholly after the day ``published``."""
    return bool(value and published and value[:10] > published.isoformat()[: len(value)])


def _before(value: str | None, published: date | None) -> bool:
    """Whether the partial date ``value`` lies wholly before the day ``published``."""
    return bool(value and published and value[:10] < published.isoformat()[: len(value)])


def _agreed_content(trig, lex) -> bool:
    """Whether ``trig`` lies in the complement clause of an agreement verb ("agreed to
    resume the Dialogue", "pledged to hold talks")."""
    t = trig
    while t.head.i != t.i:
        if t.dep_ in ("xcomp", "ccomp") and t.head.pos_ == "VERB":
            return lex.has_frame(t.head.lemma_.lower(), "verb", "agree")
        if t.pos_ == "VERB" and t.i != trig.i:
            return False
        t = t.head
    return False


def _since_date(sent: Analysed, verb) -> str | None:
    """The date of a ``since`` phrase of ``verb`` ("since July 2022"), or None; a
    ``since`` clause ("since we met in May") is no such phrase."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "since":
            continue
        for obj in prep.children:
            found = sent.date_of(obj.i) if obj.dep_ == "pobj" else None
            if found is not None and found.value:
                return found.value
    return None


def _back_to_session(draft: Draft, state: DocumentState) -> bool:
    """ "The meeting was hosted in Tokyo ...", "Our meeting took place as ...", right
    after a dialogue session between the same parties: the definite or possessed noun
    refers back to that session."""
    trig = draft.trigger
    if trig.pos_ != "NOUN" or not any(c.lower_ in ("the", "this", "that", "its", "our", "another") for c in trig.children):
        return False
    last = state.last_channels.get("DIALOGUE")
    if last is None or last[0] != draft.actors:
        return False
    if any(c.lower_ in _SERIES_ORDER for c in trig.children):
        # "The next meeting is scheduled for 2026", "met in Honolulu for another working
        # group and plenary": the series told about, however far back
        return True
    return state.last_channel_sentence >= state.sentence_index - 2


def _bare_session(draft: Draft, lex: Lexicon) -> bool:
    """A session noun of an exercise series (``channel_back_exercise``: "edition") with
    no ``of`` phrase, whose parties come from the narrative ("In May 2024, the sixth
    edition moved to the coast"): a session of the series told before."""
    trig = draft.trigger
    return (
        "context" in draft.sources
        and trig.lemma_.lower() in lex.session_nouns
        and trig.lemma_.lower() in lex.channel_back_exercise
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in trig.children)
    )


_SERIES_ORDER = frozenset({"another", "next", "previous", "last", "following", "upcoming", "latest", "preceding"})


def event_verb(draft: Draft, lex: Lexicon, sent: Analysed):
    """The verb whose clause tells the event: the draft's verb, or - for a nominal
    trigger described by a relative clause of a support verb ("the Consultation,
    which last convened in January 2022, will ...") - that clause's verb."""
    trig = draft.trigger
    if trig.pos_ in ("NOUN", "PROPN"):
        found = [
            v
            for c in trig.children
            if c.dep_ in ("relcl", "acl")
            for v in conjuncts(c)
            if lex.in_class("occurrence", v.lemma_)
        ]
        dated = [v for v in found if any(sent.date_of(t.i) is not None for t in _own_clause(v))]
        # "Talisman Sabre, which is conducted by Australia and the United States": an
        # undated clause in the present describes the series, not this session
        told = dated or [v for v in found if not _present(v)]
        if told:
            return told[0]
    return draft.verb


def _present(verb) -> bool:
    """Whether ``verb`` is in the present tense (its own form or its auxiliary's)."""
    return verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children
    )


def _going_on(verb, lex: Lexicon) -> bool:
    """Whether ``verb`` (or the verb whose complement it is) says that something goes on
    now (``[classes] going_on``: "continue", "proceed") in the present ("talks continue",
    "discussions are continuing", "continue to hold talks")."""
    if verb is not None and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        # "China and India continue to hold talks"
        verb = verb.head
    if verb is None or not lex.in_class("going_on", verb.lemma_):
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not aux:
        # the tagger may give the base form for a plural present ("talks continue")
        return verb.tag_ in ("VBZ", "VBP") or verb.tag_ == "VB" and verb.dep_ == "ROOT"
    return verb.tag_ == "VBG" and all(c.lower_ in ("is", "are") for c in aux)


def _simple_present(verb) -> bool:
    """Whether ``verb`` is in the simple present (no auxiliary)."""
    return (
        verb is not None
        and verb.tag_ in ("VBZ", "VBP")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _main_session_verb(draft: Draft, described_by, lex: Lexicon, sent: Analysed):
    """The verb of which a nominal trigger described by a relative clause is the subject,
    when that verb tells a session of its own in its own dated clause ("The Dialogue,
    last held in Sydney in 2019, was not convened in 2020"), else None."""
    trig = draft.trigger
    if described_by is None or described_by.i == trig.i or trig.dep_ not in ("nsubj", "nsubjpass"):
        return None
    main = trig.head
    if main.i == described_by.i or not lex.in_class("occurrence", main.lemma_.lower()):
        return None
    if draft.verb is not None and main.i != draft.verb.i and draft.verb.i != trig.i:
        return None
    own = [t for c in main.children if c.i != trig.i and not _other_clause(c) for t in c.subtree]
    return main if any(sent.date_of(t.i) is not None for t in own) else None


_TIMETABLE_VERBS = frozenset({"fly", "travel", "head", "arrive", "depart", "leave", "visit", "return", "go", "come"})


def _scheduled_present(verb, lex: Lexicon) -> bool:
    """A simple present of moving or taking place ("flies", "begins") - the tense of
    itineraries and programmes."""
    if verb is None or verb.tag_ not in ("VBZ", "VBP"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    return lemma in _TIMETABLE_VERBS or lex.in_class("occurrence", lemma)


def _sequenced(draft: Draft, lex: Lexicon) -> frozenset[int]:
    """ "The meeting followed the two leaders' April 16 video call": the tokens of what a
    definite subject noun follows or precedes, whose dates are that other event's."""
    trig, verb = draft.trigger, draft.trigger.head
    if trig.dep_ != "nsubj" or not _refers_back(trig) or not lex.in_class("sequence", verb.lemma_):
        return frozenset()
    return frozenset(t.i for c in verb.children if c.dep_ == "dobj" for t in c.subtree)


def _refers_back(trig) -> bool:
    """A definite nominal trigger ("the cancellation", "this meeting", "their talks")."""
    return trig.pos_ == "NOUN" and any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those", "its", "their")
        for c in trig.children
    )


def _own_clause(verb) -> list:
    """The tokens of ``verb``'s clause, without the verbs coordinated with it."""
    out = [verb]
    for c in verb.children:
        if not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
            out.extend(c.subtree)
    return out


def _mechanism(registry, sent: Analysed, draft: Draft, lex: Lexicon):
    """(mechanism or None, round) named by a draft's object phrase."""
    obj = draft.objects[0] if draft.objects else draft.trigger
    if obj.pos_ not in ("NOUN", "PROPN") and draft.type in _TALK_TYPES:
        obj = _channel_of_verb(obj, lex) or obj
    if obj.pos_ not in ("NOUN", "PROPN"):
        return None, None
    round_ = round_of(obj, lex, event_verb(draft, lex, sent))
    mechanism = resolve_mechanism(
        registry, channel_phrase(sent, obj, lex), name_phrase(sent, obj, lex), draft.actors
    )
    return mechanism, round_


_CONTENT_DEPS = frozenset({"dobj", "xcomp"})


def _asked_for(draft: Draft) -> frozenset[int]:
    """The tokens of the engagement a proposal verb asks for ("had requested a visit in
    September"), or of what an agreement verb settles ("signed a plan for cooperation in
    2025", "agreed to conclude an arrangement by the end of the year"): their dates are
    the engagement's or the plan's, not the proposal's or the agreement's."""
    if draft.type == "AGREE" and draft.entry.pos == "verb":
        trig = draft.trigger
        return frozenset(
            t.i for c in trig.children if c.dep_ in _CONTENT_DEPS or is_infinitive(c) for t in c.subtree
        )
    if draft.type != "PROPOSE" or draft.entry.pos != "verb":
        return frozenset()
    mine = {t.i for t in draft.trigger.subtree}
    out: set[int] = set()
    for o in draft.objects:
        if o.i == draft.trigger.i or o.pos_ not in ("NOUN", "PROPN"):
            continue
        inside = {t.i for t in o.subtree}
        # "a stop that Berlin had requested in the summer": the clause on the object is
        # the proposal's own
        out |= inside - mine if draft.trigger.i in inside else inside
    return frozenset(out)


def _channel_of_verb(verb, lex: Lexicon):
    """ "the MMCA working group met in Honolulu", "our operators met under the Military
    Maritime Consultative Agreement": the channel a meeting verb's subject is, or that it
    meets under; None when there is none."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN") and lex.in_class("channel", c.lemma_.lower()):
            return c
        if c.dep_ == "prep" and c.lower_ in ("under", "within"):
            for o in c.children:
                if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN"):
                    return o
    return None


def _participants(sent: Analysed, actors: tuple[str, ...], on: str | None) -> list[Participant]:
    out: list[Participant] = []
    for pm in sent.persons:
        title = (pm.title or "").lower()
        if any(w in title for w in _REPORTER_WORDS):
            continue
        head = sent.token_at(pm.start)
        if head is not None:
            tok = sent.doc[head]
            if any(t.lower_ == "according" for t in tok.ancestors):
                continue
        resolved = resolve_participant(pm.name, pm.title, pm.party, on)
        if resolved.party and resolved.party not in actors:
            continue
        if resolved.party is None:
            continue
        if resolved not in out:
            out.append(resolved)
    return out


def _location(sent: Analysed, draft: Draft, actors: tuple[str, ...]) -> str | None:
    if draft.location:
        return draft.location
    for tok in (draft.verb, draft.trigger):
        if tok is None:
            continue
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                for p in c.children:
                    for t in np_tokens(p):
                        pm = sent.place_of(t.i)
                        if pm is not None and pm.kind in ("capital", "place", "country"):
                            return pm.code
    return None


_CLAUSE_BREAKS = frozenset({"parataxis", "advcl"})


def clause_tokens(sent: Analysed, draft: Draft, verb) -> list:
    """The tokens of the clause that states the event: the subtree of its verb (or of
    its trigger), without coordinated clauses ("..., and Shoigu visited China"),
    adverbial clauses and a trailing citation. The whole sentence when that is too
    short to read alone."""
    head = verb if verb is not None else draft.trigger
    drop: set[int] = set()
    for c in head.children:
        if (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i != draft.trigger.i) or c.dep_ in _CLAUSE_BREAKS:
            if draft.trigger.i not in {t.i for t in c.subtree}:
                drop |= {t.i for t in c.subtree}
                drop |= {x.i for x in head.children if x.dep_ == "cc" and x.i < c.i}
    toks = [t for t in head.subtree if t.i not in drop]
    while toks and toks[-1].is_punct:
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    if len(toks) < 4:
        return list(sent.doc)
    return toks


def _evidence_span(sent: Analysed, draft: Draft, verb, citations: list[Citation]) -> tuple[int, int]:
    toks = clause_tokens(sent, draft, verb)
    start, end = sent.phrase(toks)
    for c in citations:
        if start < c.start < end:
            end = min(end, c.start)
    text = sent.text[start - sent.base : end - sent.base].rstrip(" (,;:")
    return start, start + len(text)


def build_event(
    draft: Draft,
    sent: Analysed,
    doc: Document,
    state: DocumentState,
    lex: Lexicon,
    registry,
    citations: list[Citation],
    anchor_here: bool,
    passage: list[Citation] = (),
    verb=None,
) -> list[Built]:
    """The events of ``draft`` - one, one per coordinated date, or none when its
    modality says there is no event. ``citations`` are the sentence's own, ``passage``
    those that source it (they may refine a date of the text). ``verb``: the verb that
    tells the event, when not :func:`event_verb` (a second session, see
    :func:`_main_session_verb`)."""
    described = verb is None
    verb = verb if verb is not None else event_verb(draft, lex, sent)
    if described:
        main = _main_session_verb(draft, verb, lex, sent)
        if main is not None:
            # "The Dialogue, last held in Sydney in 2019, was not convened in 2020": the
            # relative clause tells one session, the main verb another
            args = (draft, sent, doc, state, lex, registry, citations, anchor_here, passage)
            return build_event(*args, verb=verb) + build_event(*args, verb=main)
    trig = draft.trigger
    during = while_noun(trig)
    carried = not during and (
        trig.pos_ not in ("NOUN", "PROPN")
        or (verb is not None and verb.i != draft.verb_i and verb.i != trig.i)
        or (verb is not None and (verb.i == trig.i or carried_by(lex, trig, verb)))
    )
    presupposed = trig.pos_ == "NOUN" and not carried and (
        trig.dep_ in ("nsubj", "nsubjpass") or during
    )
    # "the establishment of a direct link will strengthen ...", "vowed during a summit
    # in Washington to ...": the subject noun's event, or the one during which the clause
    # happened, is taken as given, whatever the verb's tense or mood
    modality = read_modality(trig, None if presupposed else verb, lex, draft.type, carried)
    if modality == NO_EVENT:
        return []
    mechanism, round_ = _mechanism(registry, sent, draft, lex)
    if round_ == 1 and mechanism is None:
        # "the first face-to-face meeting since 2022": a resumption, not round one
        round_ = None
    bare = _bare_session(draft, lex)
    if mechanism is None and ("channel" in draft.sources or bare):
        # "the dialogue", or a bare "the sixth edition" whose parties the narrative gives:
        # the channel of those parties told last
        for family in ("EXERCISE", "DIALOGUE") if bare else ("DIALOGUE", "EXERCISE"):
            known = state.last_channels.get(family)
            if known and known[0] == draft.actors and known[1]:
                mechanism = registry.resolve(known[1], draft.actors)
                break
    type_ = settle_type(draft, sent, lex, state, mechanism, round_)
    if type_ == "DIALOGUE" and mechanism is None and _back_to_session(draft, state):
        told = state.last_channels["DIALOGUE"][1]
        mechanism = registry.resolve(told, draft.actors) if told else None
    if type_ in ("MEET", "CALL", "INCIDENT", "PORT_CALL", "PROPOSE", "REJECT") and (
        mechanism is not None and mechanism.discovered
    ):
        mechanism = None
    registered_kind = mechanism.kind if mechanism is not None and not mechanism.discovered else None
    resumed = draft.resumed or bool(lex.resumed.search(sent.text))
    if type_ == "RESUME" and mechanism is not None and round_ is not None:
        type_, resumed = "DIALOGUE", True
    obj = draft.objects[0] if draft.objects else None
    if type_ == "RESUME" and obj is not None and _is_exercise(obj, lex):
        # an exercise is a session, not a channel: "the drills were revived" is the drill
        type_, resumed = "EXERCISE", True
    precision = doc.published_precision
    published: date | None = reference_day(doc.published, precision)

    def dated(mood: str, beside: frozenset[int] = frozenset()) -> tuple[str | None, str]:
        return choose_date(
            sent,
            draft.trigger,
            verb if carried else None,
            anchor=state.anchor(),
            continued_anchor=state.anchor(continuing=True),
            explicit_anchor=draft.year_of or state.explicit_anchor(),
            anchor_here=anchor_here and not _perfect(verb),
            list_date=state.list_lead[1] if state.list_lead and sent.sentence.is_list_item else None,
            recalled=state.recalled(),
            published=published,
            precision=precision,
            modality=mood,
            citations=citations,
            refine_by=passage,
            not_in=_asked_for(draft) | _sequenced(draft, lex) | beside | draft.not_dated_by,
        )

    value, how = dated(modality)
    if draft.own_date_only and how != "text":
        # the second half of a gapped clause whose date the parse did not give it
        return []
    if modality == "asserted" and how == "text" and _plain_past(verb) and _after(value, published):
        # "the three sides signed a plan for defence cooperation in 2025": a past act told
        # in a story is not dated after the story; the later date is the plan's
        later = frozenset(t.i for t in sent.doc if (m := sent.date_of(t.i)) and _after(m.value, published))
        value, how = dated(modality, later)
    if how == "anchor" and "first_person" in draft.sources and state.anchors:
        # "We ... met on May 2, 2024 ... || We decided to conduct further maritime
        # cooperative activities": the authors' own act in their statement is of the
        # statement's occasion (its first date), not of the story told in between
        value = state.anchors[0].value
    if modality == "asserted" and how == "text" and _scheduled_present(verb, lex):
        # "He flies to Tokyo on Tuesday", "Talisman Sabre, which begins in July": the
        # present of a timetable tells what is to come
        ahead, ahead_how = dated("future")
        if ahead_how == "text" and ahead and published and ahead[:10] > published.isoformat()[: len(ahead)]:
            value, modality = ahead, "future"
    if how in ("citation", "published") and modality == "asserted" and _refers_back(trig):
        # "the "cancellation" of military talks indicates ...": the event told before
        value = state.told.get((type_, draft.actors), value)
    if modality == "negated" and how != "text" and verb is not None and any(c.lower_ == "never" for c in verb.children):
        # "the Indian navy has never carried out joint patrols": a record, not an event
        return []
    if modality == "asserted" and how != "text" and _perfect(verb) and _since_date(sent, verb):
        # "Since 2015, Chinese and Russian forces have trained together in the Baltic":
        # what has been done since a date is a series up to now, not one event
        return []
    if modality == "negated" and how != "text" and _perfect(verb) and (last := _since_date(sent, verb)):
        # "the two leaders haven't spoken on the phone since July 2022": they last spoke
        # then - the record is that call
        value, modality = last, "asserted"
    if how == "published" and modality == "asserted" and value and _past_perfect(verb if carried else None):
        # "Moscow had declined to engage": told as before the story, so not surely of the
        # month it was published; only of its year
        value = value[:4]
    if how != "text" and _going_on(verb, lex):
        # "Working-level discussions ... are continuing": a process under way, not an
        # event of a date
        return []
    if (how != "text" or _simple_present(verb)) and is_habitual(draft.trigger, verb, lex):
        # "the two navies exercise every year": a habit, not an event; told in the simple
        # present it stays one whatever date the sentence gives ("said on Monday that
        # Chinese ships often shadow Malaysian vessels")
        return []
    if how != "text" and modality in ("future", "hypothetical") and is_indefinite(draft.trigger, verb, lex):
        # "these discussions could resume at some point": speculation, not a record
        return []
    if modality in ("future", "hypothetical") and clause_has_cue(draft.trigger, verb, lex, "superseded"):
        # "The eighth exchange had originally been scheduled for September last year": a
        # plan that did not hold
        return []
    if modality == "future" and how == "text" and _before(value, published) and _agreed_content(draft.trigger, lex):
        # "Albanese and Li agreed to resume the Dialogue at the Leaders' Meeting in June
        # 2024", told in 2025: the date is the agreement's; its content is no event
        return []
    if modality == "asserted" and value and published and value[:10] > published.isoformat()[: len(value)]:
        modality = "future"
    if type_ != "RESUME" and type_ != "DIALOGUE" and resumed and not lex.resumed.search(sent.text):
        resumed = False
    start, end = _evidence_span(sent, draft, verb, citations)
    evidence = Evidence(
        doc_id=doc.doc_id,
        start=start,
        end=end,
        quote=doc.text[start:end],
        extractor_version=EXTRACTOR_VERSION,
        sentence_start=sent.sentence.start,
        sentence_end=sent.sentence.end,
        sources_cited=tuple(c for c in citations if sent.sentence.start <= c.start <= sent.sentence.end + 2),
    )
    event = Event(
        type=type_,
        actors=draft.actors,
        date=value,
        modality=modality,
        initiator=draft.initiator,
        mechanism=mechanism.name if mechanism is not None else None,
        mechanism_id=mechanism.mechanism_id if mechanism is not None else None,
        round=round_ if type_ in ("DIALOGUE", "EXERCISE") else None,
        resumed=resumed if type_ not in ("RESUME",) else False,
        participants=_participants(sent, draft.actors, value),
        location=_location(sent, draft, draft.actors),
        evidence=[evidence],
        flags=[LIST_ITEM] if draft.list_item else [],
    )
    features = {
        "type": type_,
        "frame": draft.frame,
        "lemma": draft.trigger.lemma_.lower(),
        "pos": draft.entry.pos,
        "mode": draft.entry.mode or "",
        "weak": draft.entry.weak,
        "n_actors": len(draft.actors),
        "sources": sorted(draft.sources),
        "context": draft.used_context,
        "modality": modality,
        "date_how": how,
        "mechanism": mechanism is not None,
        "registered": registered_kind is not None,
        "round": round_ is not None,
        "participants": len(event.participants),
        "initiator": draft.initiator is not None,
        "trigger_dep": draft.trigger.dep_,
        "object_named": obj is not None and any(t.pos_ == "PROPN" for t in obj.subtree if t.i <= obj.i),
        "verb_lemma": draft.verb.lemma_.lower() if draft.verb is not None else "",
        "tag": draft.trigger.tag_,
        "sentence_index": sent.sentence.index,
        "heading": sent.sentence.is_heading,
        "n_parties_sentence": len({p.code for p in sent.parties if p.code}),
        "military_words": sum(1 for t in sent.doc if lex.in_class("military", t.lemma_)),
        "defence_title": any(_DEFENCE_TITLE.search(p.title or "") for p in sent.persons),
        "leader_title": any(_LEADER_TITLE.search(p.title or "") for p in sent.persons),
        "years_before_publication": (
            published.year - int(value[:4]) if published is not None and value else -1
        ),
        "verb_tag": verb.tag_ if verb is not None else "",
        "list_item": sent.sentence.is_list_item,
        "quote_words": len(doc.text[start:end].split()),
        "reported": any(lex.in_class("reporting", a.lemma_) for a in draft.trigger.ancestors),
        "governors": [a.lemma_.lower() for a in draft.trigger.ancestors if a.pos_ in ("VERB", "NOUN", "ADJ")][:3],
    }
    built = [Built(event, features)]
    if how == "text" and type_ in REPEATABLE_TYPES and value:
        for other in coordinated_dates(
            sent, value, anchor=state.explicit_anchor(), published=published, precision=precision,
            modality=modality, citations=citations, lasting=type_ in LASTING_TYPES,
        ):
            built.append(Built(event.with_(date=other, event_id=""), dict(features)))
    return built
