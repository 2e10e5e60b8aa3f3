"""Frames: from one trigger token of a parsed sentence to event drafts.

Each frame is a small module that registers one function with :func:`register`, as
spaCy components register themselves; the lexicon (``data/frames.toml``) says which
frame each trigger word uses. A frame reads the dependency tree around its trigger
(:mod:`mildip.extract.arguments`) and returns :class:`Draft` objects: the type, the
parties, the initiator, the phrase that names the object (for mechanism names and
rounds) and how each party was found. No frame looks at the literal trigger text: what
differs between words is in the lexicon entry (:class:`~mildip.extract.lexicon.Trigger`).

Frames: ``interaction`` (meetings, talks, calls, dialogue sessions), ``hosting``
(receive, host), ``visit``, ``exercise``, ``port_call``, ``agree``, ``establish``,
``channel_action`` (suspend, cancel, resume), ``propose``, ``reject``, ``incident``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from mildip.extract.arguments import Found, Resolver
from mildip.extract.lexicon import Lexicon, Trigger
from mildip.extract.sentence import Analysed
from mildip.extract.state import DocumentState
from mildip.nlp.ordinals import parse_cardinal

FRAME_MODULES = (
    "interaction",
    "hosting",
    "visit",
    "exercise",
    "port_call",
    "agree",
    "establish",
    "channel_action",
    "propose",
    "reject",
    "incident",
)

FrameFn = Callable[["FrameContext", object, Trigger], list["Draft"]]
FRAMES: dict[str, FrameFn] = {}


def register(name: str) -> Callable[[FrameFn], FrameFn]:
    """Decorator: make ``fn`` the frame called ``name``."""

    def wrap(fn: FrameFn) -> FrameFn:
        FRAMES[name] = fn
        return fn

    return wrap


def get_frame(name: str) -> FrameFn:
    """The frame function registered as ``name`` (importing the frame modules once)."""
    if name not in FRAMES:
        for module in FRAME_MODULES:
            import_module(f"{__name__}.{module}")
    return FRAMES[name]


@dataclass
class Draft:
    """An event as one frame saw it in one sentence, before dating and naming."""

    type: str
    actors: tuple[str, ...]
    trigger: object
    entry: Trigger
    initiator: str | None = None
    verb: object = None
    objects: list = field(default_factory=list)
    sources: frozenset[str] = frozenset()
    resumed: bool = False
    location: str | None = None
    frame: str = ""
    list_item: bool = False
    """One of several objects acted on by one trigger ("cancelled A, B and C")."""
    not_dated_by: frozenset[int] = frozenset()
    """Token indices whose dates belong to another event of the same trigger (the
    gapped second half of "held a sail with A on Monday and, on Friday, with B")."""
    own_date_only: bool = False
    """The draft exists because a phrase of its own dates it (that gapped second half):
    without a date from the text it is no event."""
    year_of: str | None = None
    """The year that a yearless date of the draft takes from earlier in its sentence
    ("in March 2020 ... and again in August": 2020), over the narrative's."""

    @property
    def verb_i(self) -> int | None:
        """Index of the verb the frame found (None for a headline without one)."""
        return self.verb.i if self.verb is not None else None

    @property
    def used_context(self) -> bool:
        """Whether some party came from the document state, not from this sentence."""
        return bool(self.sources & {"context", "counterpart", "anaphor", "memory", "pronoun"})


@dataclass
class FrameContext:
    """What every frame may consult for one sentence."""

    sent: Analysed
    state: DocumentState
    lex: Lexicon
    registry: object
    resolver: Resolver = field(init=False)
    trigger: object = None
    """The trigger token the current frame reads (set by the dispatcher)."""

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.sent, self.state, self.lex)

    def parties(self, heads, source: str, places: bool = False) -> Found:
        return self.resolver.parties(heads, source, places)

    def implicit_subject(self) -> Found:
        """The subject a list item leaves out: the lead-in's ("the Chinese side has
        decided to take the following countermeasures: ... Canceling ...")."""
        found = Found()
        if self.sent.sentence.is_list_item and self.state.list_lead:
            for code in self.state.list_lead[0]:
                found.add(code, "list")
        return found

    def registered(self, phrase: str):
        """The registered mechanism that ``phrase`` names, or None."""
        return self.registry.match(phrase) if phrase else None

    def registered_parties(self, phrase: str) -> tuple[str, ...]:
        """The parties of the registered mechanism that ``phrase`` names, or ()."""
        mech = self.registered(phrase)
        return tuple(mech.parties) if mech is not None and mech.parties else ()


def assemble(
    ctx: FrameContext, sides: list[Found], allow_context: bool = True, entry=None
) -> tuple[list[str], set[str]]:
    """The ordered party codes of ``sides`` and their sources, completed from the
    document state: "his counterpart" gives the other party of the narrative, and a
    single party (or none) with "the two sides"-like support takes the narrative pair."""
    if entry is not None and not entry.context:
        allow_context = False
    codes: list[str] = []
    anaphoric: list[str] = []
    channel: list[str] = []
    sources: set[str] = set()
    counterpart = False
    for side in sides:
        for c in side.codes:
            if c not in codes:
                codes.append(c)
        anaphoric += [c for c in side.anaphoric if c not in anaphoric]
        channel += [c for c in side.channel if c not in channel]
        sources |= side.sources
        counterpart = counterpart or side.counterpart
    if len(codes) < 2 and anaphoric and (not codes or codes[0] in anaphoric):
        codes += [c for c in anaphoric if c not in codes]
        sources.add("anaphor")
    elif len(anaphoric) >= 3 and not set(anaphoric) <= set(codes):
        # "The three ministers then joined Austin for a four-way meeting": a counted
        # group of earlier parties joins whoever is named
        codes += [c for c in anaphoric if c not in codes]
        sources.add("anaphor")
    if len(codes) < 2 and channel and (not codes or codes[0] in channel):
        codes += [c for c in channel if c not in codes]
        sources.add("channel")
    if counterpart and len(codes) == 1:
        other = ctx.state.counterpart_of(codes[0], loose=True)
        if other and other not in codes:
            codes.append(other)
            sources.add("counterpart")
    if allow_context and len(codes) == 1:
        pair = ctx.state.pair()
        if len(pair) >= 2 and codes[0] in pair:
            codes.extend(c for c in pair if c not in codes)
            sources.add("context")
    two = ctx.lex.two_parties.search(ctx.sent.text)
    if allow_context and not codes and (two or _back_reference(ctx.trigger)):
        # "the two sides ..." in the sentence, or "The agreement, signed in Manila in
        # July, ...": the narrative's parties
        codes = list(ctx.state.pair_for(two.group(0)) if two else ctx.state.pair())
        sources.add("context")
    if allow_context and len(codes) < 2 and ctx.trigger is not None:
        # "Australian and Philippine officials said the first patrol could take place":
        # the reporters' parties, when the clause names too few
        reported = reporters_of(ctx, ctx.trigger)
        if not codes and len(set(reported)) >= 2:
            codes += [c for c in reported if c not in codes]
            sources.add("reporter")
    return codes, sources


_VAGUE_QUANTITIES = frozenset({"all", "dozens", "hundreds", "thousands", "numerous", "many", "several", "multiple", "such", "countless", "scores", "frequent", "repeated", "some", "various", "regular"})
_AGGREGATE = 5


def generic_mention(ctx: FrameContext, noun) -> bool:
    """Whether a nominal trigger names a kind or a count of events rather than one
    event: "military incidents between U.S. and PLA forces", "more than 180 intercepts",
    "numerous joint exercises", "more exercises than" - a plural without a determiner,
    a date, a verb that carries it or a complement naming its parties; or a count of
    five or more."""
    from mildip.extract.arguments import subjects
    from mildip.extract.frames.interaction import carried_by, framed_by_time

    if _served_by_means(ctx, noun):
        return True
    if _supposed(ctx, noun):
        return True
    if noun.tag_ not in ("NNS", "NNPS") or (noun.pos_ == "PROPN" and not ctx.sent.sentence.is_heading):
        return False
    for c in noun.subtree:
        if c.lower_ in _VAGUE_QUANTITIES:
            return True
    if any(c.dep_ == "amod" and c.lower_ in ("more", "fewer", "less") for c in noun.children):
        # "have held more exercises this year than at any time since 2016": a comparison
        # of counts
        return True
    quantity = _partitive_head(noun)
    if quantity is not None and (quantity.lower_ in _VAGUE_QUANTITIES or quantity.lower_ in ("most", "all", "none", "few", "number")):
        # "many of the PLA's senior-level visits", "some of the operational dialogues",
        # "the number of close encounters"
        return True
    for c in noun.children:
        # "more than 180 intercepts", "eight joint patrols": a count of five or more
        # ("two earlier calls" is a small count)
        if c.dep_ == "nummod" and (count := parse_cardinal(c.text)) is not None and count >= _AGGREGATE:
            return True
    from mildip.extract.arguments import clause_verb, prep_objects

    verb = clause_verb(noun)
    if _dated(ctx, noun, verb):
        return False
    if _said_in_general(ctx, noun):
        return True
    if any(c.dep_ in ("det", "poss") for c in noun.children):
        return False
    if verb is not None and verb.i != noun.i and carried_by(ctx.lex, noun, verb):
        # "which engages in discussions and consultations with the Philippines": a
        # present-tense habit, not an event
        return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in verb.children)
    if verb is not None and framed_by_time(noun, verb) and not _now_tense(verb) and subjects(verb):
        # "Prabowo and Marles signed the treaty after talks over lunch": the talks the
        # subject held then, not talks in general
        return False
    if noun.dep_ == "nsubj" and verb is not None and noun.head.i == verb.i and _now_tense(verb):
        # "Joint aerial patrols have likewise seen the two flying across the Pacific",
        # "once-bilateral drills with Thailand have since morphed into ...": a kind of
        # event that a statement about the present is made of
        return True
    return not prep_objects(noun, {"between", "with", "among"})


def _served_by_means(ctx: FrameContext, noun) -> bool:
    """Whether ``noun`` (or the first of its conjuncts) is the undated ``for`` complement
    of a noun of ``[classes] means`` ("the peak forum for discussions between the two
    defence establishments", "create the conditions for dialogue")."""
    from mildip.extract.arguments import clause_verb

    t = noun
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ != "pobj" or t.head.lower_ != "for" or t.head.head.pos_ not in ("NOUN", "PROPN"):
        return False
    return ctx.lex.in_class("means", t.head.head.lemma_) and not _dated(ctx, noun, clause_verb(noun))


def _dated(ctx: FrameContext, noun, verb) -> bool:
    """Whether a date of the sentence dates ``noun`` (carried by ``verb``)."""
    from mildip.extract.dating import attached

    for d in ctx.sent.dates:
        head = ctx.sent.span_head(d.start, d.end)
        if head is not None and attached(head, noun, verb):
            return True
    return False


def _supposed(ctx: FrameContext, noun) -> bool:
    """ "A defence dialogue between India and Vietnam would help both sides": an event
    noun with an indefinite article, subject of a modal verb that is not one of the
    event taking place (``support`` class), is an event supposed, a kind, not one told."""
    if noun.dep_ != "nsubj" or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        return False
    verb = noun.head
    modal = any(c.dep_ == "aux" and c.lower_ in ctx.lex.cues["hypothetical_aux"] for c in verb.children)
    return modal and not ctx.lex.in_class("support", verb.lemma_.lower())


def _now_tense(verb) -> bool:
    """A verb in the simple present or the present perfect ("have morphed")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not aux:
        return verb.tag_ in ("VBZ", "VBP")
    return all(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in aux)


def generic_object(ctx: FrameContext, tok, entry: Trigger) -> bool:
    """Whether a visit's noun names a kind or count of events ("paid regular visits to
    Australian ports"): the trigger noun itself, or a multi-word verb entry's noun
    ("pay visit") as the verb's object (see :func:`generic_mention`)."""
    from mildip.extract.arguments import objects

    if entry.pos == "noun":
        return generic_mention(ctx, tok)
    return any(o.lemma_.lower() in entry.rest and generic_mention(ctx, o) for o in objects(tok))


def _partitive_head(noun):
    """The quantity word of "many of the visits" (``noun`` or a conjunct before it being
    the object of its ``of``), or None."""
    t = noun
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i != t.head.i:
        return t.head.head
    return None


def _said_in_general(ctx: FrameContext, noun) -> bool:
    """ "the PLA's bilateral exercises tend to be scripted", "how large the joint
    exercises are": a plural subject of a present-tense verb that neither carries nor
    dates it states what such events are like."""
    head = noun.head
    if noun.dep_ != "nsubj" or head.tag_ not in ("VBZ", "VBP"):
        return False
    if any(c.dep_ in ("aux", "auxpass") or c.tag_ in ("VBN", "VBG") for c in head.children):
        return False
    lemma = head.lemma_.lower()
    return not (ctx.lex.in_class("occurrence", lemma) or ctx.lex.in_class("support", lemma) and lemma != "be")


def _back_reference(tok) -> bool:
    """A definite noun ("the agreement", "this exercise") that names no party: it
    refers back to the narrative."""
    return tok is not None and tok.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these") for c in tok.children
    )


def reporters_of(ctx: FrameContext, tok) -> list[str]:
    """Parties of the subject of the verb of saying whose clause holds ``tok``."""
    from mildip.extract.arguments import conjuncts

    t = tok
    while t.head.i != t.i and t.dep_ != "ccomp":
        t = t.head
    if t.dep_ != "ccomp" or not ctx.lex.in_class("reporting", t.head.lemma_):
        return []
    subj = [s for c in t.head.children if c.dep_ == "nsubj" for s in conjuncts(c)]
    return ctx.parties(subj, "reporter").codes


def draft(
    ctx: FrameContext,
    tok,
    entry: Trigger,
    codes: list[str],
    sources: set[str],
    frame: str,
    **extra,
) -> list[Draft]:
    """One draft when ``codes`` holds two distinct parties or more, else none."""
    actors = tuple(sorted(set(codes)))
    if len(actors) < 2:
        return []
    initiator = extra.pop("initiator", None)
    if initiator not in actors:
        initiator = None
    return [
        Draft(
            type=extra.pop("type", entry.type),
            actors=actors,
            trigger=tok,
            entry=entry,
            initiator=initiator,
            sources=frozenset(sources),
            frame=frame,
            **extra,
        )
    ]
