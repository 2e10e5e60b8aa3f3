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
    if not FRAMES:
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

    def registered_parties(self, phrase: str) -> tuple[str, ...]:
        """The parties of the registered mechanism that ``phrase`` names, or ()."""
        mech = self.registry.match(phrase) if phrase else None
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
    sources: set[str] = set()
    counterpart = False
    for side in sides:
        for c in side.codes:
            if c not in codes:
                codes.append(c)
        anaphoric += [c for c in side.anaphoric if c not in anaphoric]
        sources |= side.sources
        counterpart = counterpart or side.counterpart
    if len(codes) < 2 and anaphoric and (not codes or codes[0] in anaphoric):
        codes += [c for c in anaphoric if c not in codes]
        sources.add("anaphor")
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
    if allow_context and not codes and ctx.lex.two_parties.search(ctx.sent.text):
        codes = list(ctx.state.pair())
        sources.add("context")
    return codes, sources


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
