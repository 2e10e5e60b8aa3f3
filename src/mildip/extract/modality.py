"""Modality from the parse: asserted, future, hypothetical, negated - or no event.

The cues are read on the trigger's **governor chain**: the trigger, the verb that
carries it, and the verbs that govern that one through ``xcomp``/``ccomp``/``conj``/
``advcl`` links ("plans to hold talks": *hold* is governed by *plans*), never from
words that merely stand nearby.

* **negated**: a ``neg`` dependent ("did not meet"), "no" on a nominal trigger ("held
  no talks"), "never", a negating governor ("failed to meet"), or "yet to" ("have yet
  to agree");
* **future**: "will"/"shall" on the chain, a governor of planning or scheduling ("plans
  to", "is scheduled to", "agreed to"), a future modifier ("the upcoming talks", "the
  next round"), or an event date after publication;
* **hypothetical**: "could", "might", "may", "would" on the chain, "if"/"whether"/
  "unless", or a governor of considering or urging;
* **no event** (:data:`NO_EVENT`): a wish or readiness ("hopes to visit", "ready to
  meet"), a question, or a habit without a date ("the two navies exercise every year").
"""

from __future__ import annotations

from mildip.extract.lexicon import Lexicon
from mildip.model import STATE_CHANGE_TYPES

NO_EVENT = "none"
_CHAIN_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "acl", "relcl", "pcomp", "prep", "pobj", "dobj", "nsubjpass", "nsubj", "attr", "compound", "oprd", "acomp"})
_CONDITION_MARKS = frozenset({"if", "whether", "unless", "should"})


WHILE_PREPS = frozenset({"during", "amid", "amidst", "throughout", "at"})
"""A noun after these happened while its clause did ("during the visit", "at the
meeting"): the clause's date dates it, and the clause's mood does not reach it ("vowed
during a summit to ..." tells of a summit that took place)."""


def while_noun(tok) -> bool:
    """Whether ``tok`` is the noun of a :data:`WHILE_PREPS` phrase ("during a summit")."""
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in WHILE_PREPS


_PAST_MARKS = frozenset({"since", "after"})
_WHEN_MARKS = frozenset({"when", "while", "once"})


def _told_as_past(clause) -> bool:
    """Whether an adverbial clause tells what happened, whatever the mood of the clause
    it hangs on: a clause of "since" or "after", or one of "when" / "while" / "once" in
    the simple past ("When Gates traveled to Singapore, he did not meet a Chinese
    official")."""
    if clause.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod")}
    return bool(marks & _PAST_MARKS) or (clause.tag_ == "VBD" and bool(marks & _WHEN_MARKS))


def governor_chain(trigger, verb) -> list:
    """The trigger, its verb and the verbs governing that verb (up to a reporting verb
    or the root), in order; a noun "during" a clause (:func:`while_noun`) alone."""
    chain = [trigger]
    if verb is None and while_noun(trigger):
        return chain
    if verb is not None and verb.i != trigger.i:
        chain.append(verb)
    t = chain[-1]
    for _ in range(6):
        if t.head.i == t.i or t.dep_ not in _CHAIN_DEPS:
            break
        if t.dep_ == "ccomp":
            break
        if t.dep_ == "relcl" and t.tag_ == "VBD" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            # "requested a port call, which Beijing turned down": a relative clause in the
            # past with its own subject tells what happened, whatever its noun's clause says
            break
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            # "will not call at Shanghai, a stop ... that Beijing turned down", "China did
            # not attend, and the U.S. held the drill": a conjoined clause with its own
            # subject has its own mood
            break
        if _told_as_past(t):
            # "I have not spoken with Dong since we met in Singapore": the clause of
            # "since" tells what happened, whatever the main clause's mood
            break
        t = t.head
        if t.i == trigger.i:
            # "the Consultation, which last convened in January 2022, will serve ...":
            # the clause describing the noun tells its event; the noun's verb does not
            break
        if t.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            chain.append(t)
    return chain


def _children(tok):
    return list(tok.children)


NEGATABLE = frozenset({"MEET", "CALL", "TALKS", "DIALOGUE", "RESUME", "PORT_CALL", "EXERCISE"})
"""Types whose "did not happen" is itself worth recording ("held no talks"); for the
others ("did not enter the airspace", "does not honor its agreements") a negation
means no event."""
_DEONTIC = frozenset({"should", "must", "ought"})




def _not_yet(tok, lex: Lexicon) -> bool:
    """ "have yet to agree", "are yet to hold": ``tok`` is "have" or "be" with an adverb
    of ``[cues] not_yet`` and a to-infinitive it governs, so that infinitive has not
    happened."""
    return (
        tok.lemma_.lower() in ("have", "be")
        and any(c.dep_ == "advmod" and lex.cue("not_yet", c.lower_) for c in tok.children)
        and any(c.dep_ == "xcomp" for c in tok.children)
    )


def _done(verb) -> bool:
    """Whether ``verb`` is in the simple past or a perfect ("decided", "has decided")."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def read_modality(trigger, verb, lex: Lexicon, event_type: str, carried: bool = True) -> str:
    """The modality of an event triggered by ``trigger`` (carried by ``verb``), or
    :data:`NO_EVENT`. A nominal trigger that its verb does not carry ("did not
    mention the encounter") takes no negation from that verb."""
    chain = governor_chain(trigger, verb)
    directed_refusal = event_type in ("REJECT", "CANCEL", "SUSPEND")
    negated = False
    for tok in chain:
        if tok.i != trigger.i and (tok.pos_ == "NOUN" or not carried):
            continue
        for c in _children(tok):
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det", "preconj") and low in ("never", "no", "neither", "nor")):
                negated = True
            if c.dep_ in ("nsubj", "nsubjpass") and any(
                d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children
            ):
                # "no U.S. warship visited Vietnam in 2023": nothing did
                negated = True
            if c.dep_ == "aux" and low in _DEONTIC:
                # "the two militaries should strengthen dialogue": advice, not an event
                return NO_EVENT
        if _counterfactual(tok):
            # "the ship would have collided": what did not happen
            return NO_EVENT
        if tok.i != trigger.i and tok.lemma_.lower() in lex.cues["negating_governors"] and not directed_refusal:
            negated = True
        if tok.i != trigger.i and _not_yet(tok, lex):
            negated = True
    governors = _clause_ancestors(trigger)
    if event_type not in ("AGREE", "PROPOSE", "REJECT") and any(
        a.lemma_.lower() in lex.cues["wish_governors"] for a in governors
    ):
        # a wish or a readiness, granted or denied ("isn't prepared to engage in
        # exercises"), is no event
        return NO_EVENT
    if negated:
        return "negated" if event_type in NEGATABLE else NO_EVENT
    if any(
        a.lemma_.lower() in lex.cues["enabling_governors"] and a.tag_ not in ("VBD", "VBN")
        for a in governors
    ):
        # "an agreement that will allow their forces to train in each other's territory"
        return NO_EVENT
    future = hypothetical = False
    for tok in chain:
        for c in _children(tok):
            low = c.lower_
            if c.dep_ in ("aux", "auxpass") and low in lex.cues["future_aux"]:
                future = True
            elif c.dep_ in ("aux", "auxpass") and low in lex.cues["hypothetical_aux"] or c.dep_ == "mark" and low in _CONDITION_MARKS:
                hypothetical = True
            elif c.dep_ in ("amod", "advmod", "compound") and low in lex.cues["future_modifiers"] and tok.i == trigger.i:
                future = True
        if tok.i != trigger.i and not any(c.dep_ == "oprd" and c.head.i == tok.i for c in chain):
            # ("what the Pentagon called an unsafe intercept": naming, not a call for it)
            lemma = tok.lemma_.lower()
            if lemma in lex.cues["decision_governors"] and event_type in STATE_CHANGE_TYPES and _done(tok):
                # "China decided on Monday to suspend military talks": the decision made
                # is the change made
                pass
            elif lemma in lex.cues["future_governors"]:
                future = True
            elif lemma in lex.cues["hypothetical_governors"]:
                hypothetical = True
            if tok.lower_ in ("due", "set", "scheduled", "expected", "slated", "poised") or (
                lemma == "be" and any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in tok.children)
            ):
                future = True
    if trigger.dep_ == "xcomp" and any(c.lower_ == "to" and c.dep_ == "aux" for c in trigger.children):
        if trigger.head.lemma_.lower() in ("be",):
            future = True
    if hypothetical and not future:
        return "hypothetical"
    if future:
        return "future"
    return "asserted"


def _clause_ancestors(trigger) -> list:
    """The trigger's ancestors up to the head of a clause of "after" or "since", which
    tells what happened whatever governs it ("after an F-22 shot down a Chinese balloon,
    the Pentagon asked for a call": the request does not make the shooting a wish)."""
    out = []
    t = trigger
    while t.head.i != t.i:
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            # "will not call at Shanghai, a stop ... that Beijing turned down", "China did
            # not attend, and the U.S. held the drill": a conjoined clause with its own
            # subject has its own mood
            break
        if _told_as_past(t):
            break
        t = t.head
        out.append(t)
    return out


def _counterfactual(tok) -> bool:
    """ "would have collided", "could have been avoided": a modal with the perfect."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    return tok.tag_ == "VBN" and "have" in aux and bool(aux & {"would", "could", "might"})


def is_question(text: str) -> bool:
    """A sentence that asks (it ends with a question mark)."""
    return text.rstrip(" \"'”’)").endswith("?")


def clause_has_cue(trigger, verb, lex: Lexicon, cue_list: str) -> bool:
    """Whether the clause of the trigger's verb (not another clause of the sentence)
    holds a word or phrase of the cues ``cue_list``."""
    head = verb if verb is not None else trigger
    clause = [t for t in head.subtree if not _in_other_clause(t, head)]
    low = " ".join(t.lower_ for t in clause)
    cues = lex.cues[cue_list]
    if any(" " in cue and f" {cue} " in f" {low} " for cue in cues):
        return True
    return any(t.lower_ in cues for t in clause)


def is_habitual(trigger, verb, lex: Lexicon) -> bool:
    """Whether the trigger's clause states a habit ("the two navies exercise every
    year", "regularly hold talks"): a habitual adverb or phrase in its clause or in the
    clause its purpose infinitive serves, or the ``of`` complement of a noun of habit ("a
    long history of training together")."""
    if clause_has_cue(trigger, verb, lex, "habitual") or _of_habit(trigger, lex):
        return True
    head = verb if verb is not None else trigger
    if _tally(head):
        return True
    if _perfect_or_present(head) and clause_has_cue(trigger, verb, lex, "iterative"):
        # "have repeatedly blocked Philippine resupply missions": a series up to now
        return True
    while head.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        # "have met regularly since 1998 to conduct the MMCA dialogue": a purpose shares
        # the habit of the clause it serves
        head = head.head
        if clause_has_cue(head, head, lex, "habitual"):
            return True
    return False


def _perfect_or_present(head) -> bool:
    """Whether the verb ``head`` is in the present perfect or the simple present."""
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ in ("VBP", "VBZ") for c in head.children):
        return True
    return head.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in head.children)


def _tally(head) -> bool:
    """ "have met 21 times since the clash", "visited Hanoi four times": a count of
    occasions (*times* with a number) on the verb tells a tally, not one event."""
    return any(
        c.lemma_.lower() == "time"
        and c.tag_ == "NNS"
        and any(n.dep_ == "nummod" or n.like_num for n in c.children)
        for c in head.children
    )


def _of_habit(trigger, lex: Lexicon) -> bool:
    """Whether ``trigger`` (or the first of its conjuncts) is the ``of`` complement of a
    noun of ``[cues] habit_nouns`` ("a long history of training and operating together")."""
    t = trigger
    for _ in range(3):
        if t.dep_ == "conj":
            t = t.head
            continue
        if t.dep_ in ("pobj", "pcomp") and t.head.lower_ == "of":
            return lex.cue("habit_nouns", t.head.head.lemma_)
        return False
    return False


def is_indefinite(trigger, verb, lex: Lexicon) -> bool:
    """Whether the trigger's clause puts it at an indefinite time ("these discussions
    could resume at some point", "will eventually meet")."""
    return clause_has_cue(trigger, verb, lex, "indefinite_time")


def _in_other_clause(tok, head) -> bool:
    t = tok
    while t.i != head.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "advcl", "ccomp", "acl", "parataxis"):
            return True
        t = t.head
    return False
