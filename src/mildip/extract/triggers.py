"""Trigger dispatch: every lexicon entry that a token of a parsed sentence matches,
run through its frame, top of the tree first.

A token matches an entry when its lemma (lower case; a plural proper noun such as
"Talks" is tried singular too) is the entry's head, its part of speech is the entry's
(``VERB``; ``NOUN``/``PROPN``), and the entry's other words are lemmas of its
dependents ("call **off**", "**port** call", "put ... on **hold**"). Entries are tried
most specific first (more words first); the first that gives drafts wins for that token.

Tokens are visited from the root down, and a draft claims the phrases it acts on: the
object of a cancellation, the proposal or engagement of a PROPOSE/REJECT ("refused to
meet", "cancelled the talks"), the channel that is established. A trigger inside a
claimed phrase gives no event of its own.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from mildip.extract.arguments import has_words, prep_objects, recalled_ordinal
from mildip.extract.candidates import SESSION_KINDS
from mildip.extract.dating import attached
from mildip.extract.frames import Draft, FrameContext, get_frame
from mildip.extract.frames.gapping import split_gapped
from mildip.extract.lexicon import Lexicon, Trigger
from mildip.extract.sentence import is_infinitive
from mildip.kb.text import fold

_CLAIMING_FRAMES = frozenset({"channel_action", "propose", "reject", "establish"})
FRAME_PRIORITY = (
    "port_call",
    "incident",
    "channel_action",
    "establish",
    "propose",
    "reject",
    "exercise",
    "agree",
    "hosting",
    "visit",
    "interaction",
)
"""When two entries of one word are equally specific, the more demanding frame is
tried first (a ship's visit is a port call; an unsafe encounter is an incident)."""
_POS = {"VERB": "verb", "NOUN": "noun", "PROPN": "noun"}


def _lemmas(tok) -> list[str]:
    """The lemma, then forms that may be the lemma when the lemmatizer missed it
    ("axed" → "ax", "relaunched" → "relaunche"): the word itself and its inflection
    stripped. Only lexicon heads among them ever match."""
    lemma = tok.lemma_.lower()
    out = [lemma]
    if tok.pos_ == "PROPN" and lemma.endswith("s") and len(lemma) > 3:
        out.append(lemma[:-1])
    if tok.lower_ != lemma:
        out.append(tok.lower_)
    if tok.pos_ == "VERB":
        word = tok.lower_
        for suffix, repl in _INFLECTIONS:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                out.append(word[: len(word) - len(suffix)] + repl)
    return list(dict.fromkeys(out))


_INFLECTIONS = (("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("es", ""), ("s", ""))


def matching_entries(tok, lex: Lexicon) -> list[Trigger]:
    """Lexicon entries that ``tok`` matches, most specific first. A noun that only
    modifies another noun ("the Military Maritime Consultative **Agreement** meeting")
    states no event of its own."""
    pos = _POS.get(tok.pos_)
    if pos == "noun" and tok.dep_ == "ROOT" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        # "a Chinese J-16 cut across the nose of ...": a main "noun" with a subject is
        # a verb the tagger missed
        pos = "verb"
    if pos is None or (pos == "noun" and tok.dep_ == "compound" and not names_event(tok)):
        return []
    if pos == "noun" and tok.dep_ == "compound" and lex.cue("joint", tok.lower_):
        # "Bilateral Defense Guidelines": an adjective in a name, not "a bilateral"
        return []
    found: list[Trigger] = []
    for lemma in _lemmas(tok):
        for entry in lex.for_token(lemma, pos):
            if entry.plural and tok.tag_ not in ("NNS", "NNPS"):
                continue
            if entry not in found and (not entry.rest or has_words(tok, entry.rest)):
                found.append(entry)
    return sorted(found, key=lambda e: (-len(e.rest), FRAME_PRIORITY.index(e.frame)))


def names_event(tok) -> bool:
    """ "Exercise Malabar", "Operation Pacific Eagle": a capitalised event noun before a
    proper name is the name's head word, not a modifier."""
    return tok.text[:1].isupper() and tok.head.pos_ == "PROPN" and tok.i < tok.head.i


def event_token(tok):
    """The token a frame reads for trigger ``tok``: the name it heads ("Malabar" for
    "Exercise Malabar"), else ``tok`` itself."""
    return tok.head if tok.dep_ == "compound" and names_event(tok) else tok


def _depth(tok) -> int:
    d, t = 0, tok
    while t.head.i != t.i and d < 50:
        t, d = t.head, d + 1
    return d


def _first_draft(ctx: FrameContext, tok, entries: list[Trigger]) -> tuple[list[Draft], Trigger | None]:
    """The drafts of the most specific of ``entries`` that gives any, and that entry."""
    for entry in entries:
        ctx.trigger = event_token(tok)
        made = get_frame(entry.frame)(ctx, ctx.trigger, entry)
        if made:
            return made, entry
    return [], None


_CLAIMING = _CLAIMING_FRAMES | {"propose", "reject", "agree"}


def _claims(ctx: FrameContext, tok, entry: Trigger, made: list[Draft]) -> set[int]:
    """Tokens the drafts of ``tok`` act on, whose own triggers give no event."""
    claimed: set[int] = set()
    if entry.frame in _CLAIMING_FRAMES:
        for d in made:
            for obj in d.objects:
                # "reopened the naval hotline, a channel that Beijing had frozen in 2019":
                # a relative clause with its own subject tells its own event
                claimed.update(t.i for t in obj.subtree if not _in_example(t, obj) and not _own_clause(t, obj))
    if entry.pos == "verb" and tok.lemma_.lower() in _TOPIC_VERBS:
        # "will discuss ... the resumption of military-to-military communications": topics
        claimed |= _topics(tok)
    if entry.frame in ("propose", "reject") and entry.pos == "verb":
        # "proposed a call ... to discuss the balloon": the purpose is the proposal's
        for c in tok.children:
            if c.dep_ in ("xcomp", "advcl", "ccomp") and not _time_clause(c):
                claimed.update(t.i for t in c.subtree)
    if entry.frame == "agree" and entry.pos == "verb":
        # "agreed to convene a working group": one AGREE, not a future meeting too -
        # unless the clause schedules it ("agreed to meet in Hanoi in May")
        for c in tok.children:
            inner = [t.i for t in c.subtree]
            complement = c.i > tok.i and (c.dep_ in ("xcomp", "ccomp") or is_infinitive(c))
            if complement and not _schedules(ctx, c, inner):
                claimed.update(inner)
    # "the hotline, which opened on March 31": the object's clause holds the trigger
    claimed.discard(tok.i)
    return claimed


def _schedules(ctx: FrameContext, clause, inner) -> bool:
    """Whether a date of ``clause`` dates its own verb or a verb joined to it ("agreed to
    meet in Hanoi in May", "agreed to open and operate two hotlines as of Friday"), not a
    noun inside it ("agreed to restore defence exchanges strained by a 2018
    dispute")."""
    for i in inner:
        if ctx.sent.date_of(i) is None:
            continue
        tok = ctx.sent.doc[i]
        verbs = [clause, *(c for c in clause.children if c.dep_ == "conj" and c.pos_ == "VERB")]
        if any(attached(tok, v, v) for v in verbs):
            return True
    return False


_TIME_MARKS = frozenset({"after", "before", "since", "when", "while", "once", "until", "because"})


def _time_clause(clause) -> bool:
    """Whether ``clause`` is a clause of time or cause ("after an F-22 shot down a
    Chinese balloon, the Pentagon asked for a call"): it tells its own event, not the
    purpose of a proposal."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in clause.children)


def _topics(tok) -> set[int]:
    """The tokens of what a verb of discussing (``tok``) is about: its objects and
    prepositional phrases."""
    return {t.i for c in tok.children if c.dep_ in ("dobj", "prep") for t in c.subtree}


_EXAMPLE_PREPS = frozenset({"as", "like", "including"})
_TOPIC_VERBS = frozenset({"discuss", "address", "raise", "review", "cover", "touch", "exchange", "debate", "consider", "examine", "explore"})


def _in_example(tok, top) -> bool:
    """Whether ``tok`` lies in a "such as ..." or "including ..." phrase under ``top``:
    an example of what is proposed or cancelled is an event of its own."""
    t = tok
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ == "prep" and t.lower_ in _EXAMPLE_PREPS:
            return True
        t = t.head
    return False


def _sourced(doc) -> set[int]:
    """Tokens of an "according to ..." phrase: they name a source, not an event."""
    out: set[int] = set()
    for t in doc:
        if t.lower_ == "according" and t.dep_ == "prep":
            out.update(x.i for x in t.subtree if not _own_clause(x, t))
    return out


def _own_clause(tok, top) -> bool:
    """Whether ``tok`` lies in a clause with its own subject under ``top`` (the parser
    hangs "According to X, the U.S. side proposed ..." as a clause of X)."""
    t = tok
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "acl", "ccomp", "advcl") and any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP") for c in t.children):
            return True
        t = t.head
    return False


def _named_noun(kind: str) -> tuple[str, str]:
    """The noun (and its frame) that a bare name of a registry kind stands for."""
    return ("exercise", "exercise") if kind == "exercise_series" else ("dialogue", "interaction")


@lru_cache(maxsize=8)
def _series_names(registry) -> dict[str, str]:
    """Folded names and aliases of the registry's exercise series, dialogues and
    consultations, each with its kind."""
    return {fold(n): m.kind for m in registry if m.kind in SESSION_KINDS for n in m.names}


def series_entries(ctx: FrameContext, tok) -> list[Trigger]:
    """ "the GSDF will participate in Talisman Sabre 2023", "the 34th AUSMIN will be
    held in 2024": a proper name that is, with its compounds, the name of a registered
    exercise series, dialogue or consultation states the session, as the noun
    "exercise" or "dialogue" does. [] for any other token."""
    if tok.pos_ != "PROPN" or tok.dep_ == "compound":
        return []
    words = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i] + [tok]
    kind = _series_names(ctx.registry).get(fold(" ".join(w.text for w in words)))
    if kind is None:
        return []
    noun, frame = _named_noun(kind)
    return [e for e in ctx.lex.for_token(noun, "noun") if e.frame == frame and not e.rest][:1]


def recalled_session_entries(ctx: FrameContext, tok) -> list[Trigger]:
    """ "This is the third exercise of the Sea Guardian series. The first was held in
    the northern Arabian Sea in 2020, and the second in waters off Shanghai in 2022",
    "The last of those dialogues, the 22nd, was held in Sydney in 2019": an ordinal
    after "the" that a verb of occurrence tells (or whose "of" phrase is a channel
    noun) is a session of the series told last, as the noun of that series' family
    is. [] for any other token."""
    family = ctx.state.last_family
    if family is None or not recalled_ordinal(tok):
        return []
    of_channel = any(o.lemma_.lower() in ctx.lex.channel_back for o in prep_objects(tok, {"of"}))
    verb = tok.head
    told = tok.dep_ in ("nsubj", "nsubjpass", "conj") and ctx.lex.in_class("occurrence", verb.lemma_.lower())
    if not (of_channel or told):
        return []
    noun, frame = _named_noun("exercise_series" if family == "EXERCISE" else "dialogue")
    return [e for e in ctx.lex.for_token(noun, "noun") if e.frame == frame and not e.rest][:1]


_ACTING_FRAMES = frozenset({"channel_action", "propose", "reject"})


def _tells_name(tok, entries: list[Trigger]) -> bool:
    """Whether the trigger ``tok`` beside a series name tells that name's event: a noun
    ("the Blue Strike joint training") or a verb that acts on it ("called off Golden
    Dragon")."""
    return tok.pos_ in ("NOUN", "PROPN") or any(e.frame in _ACTING_FRAMES for e in entries)


def drafts_for_sentence(ctx: FrameContext) -> list[Draft]:
    """Every draft of one analysed sentence (see the module docstring).

    Two passes: from the root down, the triggers that claim phrases ("cancelled the
    talks", "refused to meet") mark them; then in text order, so that each event told
    updates the narrative's pair before the next trigger of the sentence reads "the two
    sides"."""
    doc = ctx.sent.doc
    claimed: set[int] = set(_sourced(doc))
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _TOPIC_VERBS and tok.dep_ in ("xcomp", "advcl", "acl", "relcl"):
            # "a mechanism to review unsafe military incidents", "a channel to discuss
            # the resumption of ...": what a talk is for names no event of its own,
            # whether or not the talk itself gives one
            claimed |= _topics(tok)
    candidates = {
        tok.i: found
        for tok in doc
        if not ctx.sent.in_name(tok.i) and (found := matching_entries(tok, ctx.lex))
    }
    named = {event_token(doc[i]).i for i in candidates}
    for tok in doc:
        if tok.i not in candidates and tok.i not in named and not ctx.sent.in_name(tok.i):
            series = series_entries(ctx, tok) or recalled_session_entries(ctx, tok)
            near = [tok.head, *tok.children, *(c for c in tok.head.children if c.dep_ == "appos")]
            if series and not any(t.i in candidates and _tells_name(t, candidates[t.i]) for t in near if t.i != tok.i):
                # "the fifth 'Blue Strike' joint training", "exercise Shakti": the
                # exercise word beside the name tells it already, and "cancelled Golden
                # Dragon" acts on it; "Joint Sea 2024 opened in July" does neither
                candidates[tok.i] = series
    for i in sorted(candidates, key=lambda i: (_depth(doc[i]), i)):
        entries = candidates[i]
        if i in claimed or not any(e.frame in _CLAIMING or e.pos == "verb" and doc[i].lemma_.lower() in _TOPIC_VERBS for e in entries):
            continue
        made, entry = _first_draft(ctx, doc[i], entries)
        if made:
            claimed |= _claims(ctx, doc[i], entry, made)
    drafts: list[Draft] = []
    for i in sorted(candidates):
        if i in claimed:
            continue
        made, _entry = _first_draft(ctx, doc[i], candidates[i])
        made = split_gapped(ctx, made)
        if doc[i].dep_ == "conj" and recalled_ordinal(doc[i]):
            # "The first was held in 2020, and the second in waters off Shanghai in
            # 2022": the gapped ordinal has only the dates of its own phrase
            own = {t.i for t in doc[i].subtree}
            outside = frozenset(t.i for t in doc[i].head.subtree if t.i not in own)
            made = [replace(d, not_dated_by=d.not_dated_by | outside, own_date_only=True) for d in made]
        drafts.extend(made)
        for d in made:
            ctx.state.recent_sets.append(d.actors)
            if d.type == "PROPOSE":
                # "a stop that Berlin had requested and that Beijing turned down": a later
                # refusal in the sentence may answer it
                ctx.state.last_proposal = (d.actors, d.initiator, ctx.state.sentence_index)
    return sorted(drafts, key=lambda d: d.trigger.i)
