"""From drafts to :class:`~mildip.model.Event` records: dates, modality, participants,
mechanism, evidence; and the document-level naming of channels found only in the text.
"""

from __future__ import annotations

import re
from datetime import date

from mildip._version import EXTRACTOR_VERSION
from mildip.extract.arguments import Draft
from mildip.extract.dating import choose_date, choose_text_mention, event_dates, refine_by_citation
from mildip.extract.frames import match_registered
from mildip.extract.lexicon import Lexicon
from mildip.extract.modality import modality
from mildip.extract.view import SentenceView
from mildip.kb.officials import resolve_participant
from mildip.model import Citation, Document, Event, Evidence, Participant
from mildip.nlp.dates import find_dates
from mildip.nlp.sentences import Sentence


def _evidence_span(view: SentenceView, draft: Draft) -> tuple[int, int]:
    if draft.evidence:
        return draft.evidence
    start, end = view.sentence.start, view.sentence.end
    text = view.text
    trail = re.search(r"\s*\((?:[^()]|\([^()]*\))*\)[.]?\s*$", text)
    if trail and any(c.start >= start + trail.start() for c in view.citations):
        end = start + trail.start()
    return start, end


_CHANNEL_LEVEL = {"theater_commander": "theater"}


def _channel_of_levels(registry, actors: tuple[str, ...], participants: list[Participant]):
    """A call or meeting between theater commanders of both sides is a round of the
    registered theater-level channel between these parties, when there is exactly one
    (chiefs of defence talk outside their formal dialogue too, so only this level counts) ("Adm. Paparo held a video teleconference with the
    Southern Theater Commander" → the China-U.S. Theater Commanders Talk)."""
    levels = {p.level for p in participants}
    sides = {p.party for p in participants}
    if len(levels) != 1 or sides != set(actors) or len(actors) != 2:
        return None
    wanted = _CHANNEL_LEVEL.get(levels.pop())
    if wanted is None:
        return None
    found = [
        m
        for m in registry
        if m.level == wanted and frozenset(m.parties) == frozenset(actors) and m.kind != "hotline"
    ]
    return found[0] if len(found) == 1 else None


def _clean_mechanism_text(text: str | None) -> str | None:
    """Drop quotation marks and editorial brackets ("[PLA]") from a channel phrase."""
    if not text:
        return None
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"[“”\"‘’']", " ", text) if "’s" not in text else re.sub(r"[“”\"]", " ", text)
    return " ".join(text.split()) or None


_REPORTER = re.compile(r"(?i)spokes(?:person|man|woman)|press secretary")


def _participants(view: SentenceView, draft: Draft, on: str | None) -> list[Participant]:
    """People of the draft's clause (the whole sentence for meetings, calls and rounds)
    whose party is an actor; spokespeople and sources ("according to X") are not."""
    lo, hi = view.clause(draft.trigger[0])
    if draft.type in ("MEET", "CALL", "DIALOGUE", "EXERCISE", "AGREE"):
        lo, hi = view.sentence.start, view.sentence.end
    out: list[Participant] = []
    for pm in view.persons:
        if not (lo <= pm.start < hi) or _REPORTER.search(pm.title or ""):
            continue
        if re.search(
            r"(?i)according to\s+(?:\S+\s+){0,4}$", view.masked[: view.rel(pm.title_start)]
        ):
            continue
        resolved = resolve_participant(pm.name, pm.title, pm.party, on)
        if resolved.party and resolved.party not in draft.actors:
            continue
        if resolved not in out:
            out.append(resolved)
    return out


def unify_discovered_names(mentions: list[Event], registry) -> list[Event]:
    """Within one document, a channel name found only in this text (not registered) that
    re-names the channel of another mention of the same type, parties, agreeing date and
    round takes that mention's name, when both give the same round number, one name
    contains the other, or it is a plain description: a title's "Corps Commander level talks" and the body's "Corps Commander
    level talks on the standoff" are one channel. A registered name wins,
    then the more capitalised one, then the shorter. Cancellations and suspensions keep
    their names: a list of them names different channels."""
    from mildip.dates import dates_agree

    def rank(ev: Event) -> tuple:
        registered = registry.get(ev.mechanism_id) is not None
        caps = sum(w[:1].isupper() for w in (ev.mechanism or "").split())
        return (not registered, -caps, len(ev.mechanism or ""))

    named = [e for e in mentions if e.mechanism and e.type not in ("CANCEL", "SUSPEND")]
    for ev in named:
        if registry.get(ev.mechanism_id) is not None:
            continue
        peers = [
            o
            for o in named
            if o is not ev
            and o.type == ev.type
            and o.actors == ev.actors
            and o.modality == ev.modality
            and dates_agree(o.date, ev.date)
            and (o.round is None or ev.round is None or o.round == ev.round)
        ]
        best = min([ev, *peers], key=rank)
        same_round = ev.round is not None and ev.round == best.round
        if best is not ev and (same_round or _renames(ev.mechanism, best.mechanism)):
            ev.mechanism, ev.mechanism_id = best.mechanism, best.mechanism_id
    return mentions


def _name_words(name: str) -> tuple[set[str], bool]:
    """Content words of a channel name without its party prefix, and whether it has a
    proper name (a capitalised word)."""
    words = name.split()
    if words and "-" in words[0] and words[0][:1].isupper():
        words = words[1:]
    return {w.lower() for w in words}, any(w[:1].isupper() for w in words)


def _renames(discovered: str, other: str) -> bool:
    """May ``discovered`` be another name of ``other``: one's words contain the other's,
    or the discovered name is a plain description ("joint army training")?"""
    a, a_proper = _name_words(discovered)
    b, _ = _name_words(other)
    return a <= b or b <= a or not a_proper


def _without_dates(view: SentenceView, lo: int, hi: int) -> str:
    """The masked text of [lo, hi) with date expressions blanked ("May 2" is no modal)."""
    chars = list(view.masked[view.rel(lo) : view.rel(hi)])
    for d in view.dates:
        for i in range(max(d.start, lo), min(d.end, hi)):
            chars[i - lo] = " "
    return "".join(chars)


def passage_end(sentences: list[Sentence], i: int) -> int:
    """End of the passage of sentence ``i``: the next sentence of its paragraph, if any."""
    nxt = sentences[i + 1] if i + 1 < len(sentences) else None
    if nxt is not None and nxt.paragraph == sentences[i].paragraph:
        return nxt.end
    return sentences[i].end + 2


def to_event(
    draft: Draft,
    view: SentenceView,
    lex: Lexicon,
    doc: Document,
    published: date | None,
    citations: list[Citation],
    list_date: str | None,
    registry,
    passage_end: int,
) -> list[Event]:
    """The event of a draft (dated, with modality, participants, mechanism, evidence), and
    one more per further date coordinated with its own ("on May 24 and June 11")."""
    clause = view.clause(draft.trigger[0])
    before = _without_dates(view, clause[0], draft.trigger[0])
    trigger_text = view.masked[view.rel(draft.trigger[0]) : view.rel(draft.trigger[1])]
    mod = draft.modality_hint or modality(before, trigger_text, lex)
    if mod == "hypothetical" and lex.wishes.search(before):
        # "hoped to visit China to establish ...", "remains ready to meet": a wish
        return []
    sentence_dates = view.dates
    if mod == "future":
        sentence_dates = [
            d for d in find_dates(view.masked, published, view.base, "future") if d.value
        ]
    text_mention = choose_text_mention(
        event_dates(sentence_dates, view.masked, view.base), draft.trigger, clause
    )
    passage = [c.date for c in citations if view.sentence.start <= c.start < passage_end]
    text_date = refine_by_citation(text_mention, passage) or (
        text_mention.value if text_mention else None
    )
    cites = [
        c for c in citations if c.start >= view.sentence.start and c.start <= view.sentence.end + 2
    ]
    cite_date = next((c.date for c in cites if c.date), None)
    dated = choose_date(
        text_date=text_date,
        citation_date=cite_date,
        list_date=list_date,
        published=published,
        event_type=draft.type,
        modality=mod,
    )
    actors = tuple(sorted(draft.actors))
    mechanism = mechanism_id = None
    mech_text = _clean_mechanism_text(draft.mechanism_text)
    if mech_text:
        mech = match_registered(registry, mech_text, actors) or registry.resolve(mech_text, actors)
        mechanism, mechanism_id = mech.name, mech.mechanism_id
    start, end = _evidence_span(view, draft)
    evidence = Evidence(
        doc_id=doc.doc_id,
        start=start,
        end=end,
        quote=doc.text[start:end],
        extractor_version=EXTRACTOR_VERSION,
        sentence_start=view.sentence.start,
        sentence_end=view.sentence.end,
        sources_cited=tuple(cites),
    )
    participants = _participants(view, draft, dated.value)
    if mechanism is None and draft.type in ("CALL", "MEET"):
        by_level = _channel_of_levels(registry, actors, participants)
        if by_level is not None:
            mechanism, mechanism_id = by_level.name, by_level.mechanism_id
    event = Event(
        type=draft.type,
        actors=actors,
        date=dated.value,
        modality=mod,
        initiator=draft.initiator if draft.initiator in actors else None,
        mechanism=mechanism,
        mechanism_id=mechanism_id,
        round=draft.round,
        resumed=draft.resumed,
        participants=participants,
        location=draft.location,
        evidence=[evidence],
    )
    return [event] + [
        event.with_(date=value, event_id="")
        for value in _coordinated_dates(view, text_mention, dated.value, draft.type)
    ]


_REPEATABLE = frozenset({"MEET", "CALL", "INCIDENT", "EXERCISE", "PORT_CALL"})


def _coordinated_dates(view: SentenceView, mention, chosen: str | None, type_: str) -> list[str]:
    """ "approaches ... occurred on May 24 and June 11, 2014": each further date of the
    same precision coordinated with the event's own date is one more event."""
    if mention is None or chosen is None or type_ not in _REPEATABLE:
        return []
    out = []
    dates = sorted(view.dates, key=lambda d: d.start)
    idx = next((i for i, d in enumerate(dates) if d.start == mention.start), None)
    if idx is None:
        return []
    for prev, nxt in zip(dates[idx:], dates[idx + 1 :], strict=False):
        gap = view.masked[view.rel(prev.end) : view.rel(nxt.start)]
        if not re.fullmatch(r",?\s+(?:and|,)\s*", gap) or nxt.precision != mention.precision:
            break
        if nxt.value != chosen:
            out.append(nxt.value)
    return out
