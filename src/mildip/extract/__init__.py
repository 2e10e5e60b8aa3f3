"""Extraction: a document's text → its military-diplomacy events, with evidence.

``extract_document(doc, settings)`` is a pure function of the document and the
settings. Steps:

1. split sentences (:mod:`mildip.nlp.sentences`) and parse citations;
2. keep *candidate* sentences: a trigger of the lexicon and a party mention
   (the expensive steps - persons, spaCy NER, frames - see only these);
3. run the frame rules (:mod:`mildip.extract.frames`) on each candidate;
4. date each draft, read its modality, attach participants (roles resolved by the
   event date), resolve its mechanism against the registry;
5. merge repeated mentions of one event within the document
   (:func:`mildip.resolve.coref.merge_events`) and link answers to proposals
   (:func:`mildip.analysis.threads.link_proposals`).

``extract(text, published=...)`` wraps a bare text in a Document.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from mildip._version import EXTRACTOR_VERSION
from mildip.extract.dating import (
    choose_date,
    choose_text_date,
    choose_text_mention,
    event_dates,
    refine_by_citation,
)
from mildip.extract.frames import Context, Draft, drafts_for, match_registered, naval_owner
from mildip.extract.lexicon import Lexicon, load_lexicon
from mildip.extract.modality import modality
from mildip.extract.people import PeopleMemory
from mildip.extract.persons import PersonMention, find_persons
from mildip.extract.view import SentenceView, build_view
from mildip.model import Citation, Document, Event, Evidence, Participant
from mildip.nlp.citations import find_citations
from mildip.nlp.dates import find_dates
from mildip.nlp.gazetteer import Gazetteer, load_gazetteer
from mildip.nlp.sentences import Sentence, split_sentences
from mildip.resolve.officials import resolve_participant
from mildip.settings import Settings, load_settings

__all__ = ["candidate_sentences", "extract", "extract_document"]


def _published(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def extract(
    text: str,
    published: date | str | None = None,
    settings: Settings | None = None,
    doc_id: str = "text",
) -> list[Event]:
    """Events in ``text``; relative dates resolve against ``published``."""
    doc = Document(doc_id=doc_id, text=text, published=_published(published))
    return extract_document(doc, settings)


def candidate_sentences(
    sentences: list[Sentence], gazetteer: Gazetteer, lexicon: Lexicon
) -> list[Sentence]:
    """Sentences with a trigger and a party, a person-like pair of capitalised words, or a
    reference to two parties ("the two sides")."""
    out = []
    for s in sentences:
        if not lexicon.trigger_regex.search(s.text):
            continue
        if (
            gazetteer.find(s.text)
            or re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+", s.text)
            or lexicon.two_parties.search(s.text)
        ):
            out.append(s)
    return out


def _party_at_factory(gazetteer: Gazetteer, text: str):
    def party_at(lo: int, hi: int) -> str | None:
        for p in gazetteer.find(text[lo:hi], offset=lo):
            if p.code and p.kind not in ("place", "forum"):
                return p.code
        return None

    return party_at


def _persons(
    sentence: Sentence,
    masked: str,
    gazetteer: Gazetteer,
    ner_spans: tuple[tuple[int, int], ...],
    published: date | None,
    doc_text: str,
) -> list[PersonMention]:
    found = find_persons(masked, sentence.start, _party_at_factory(gazetteer, doc_text), ner_spans)
    out = []
    for pm in found:
        if pm.party is None:
            resolved = resolve_participant(
                pm.name, pm.title, None, published.isoformat() if published else None
            )
            pm = replace(pm, party=resolved.party)
        out.append(pm)
    return out


def _ner(sentences: list[Sentence], settings: Settings) -> dict[int, tuple[tuple[int, int], ...]]:
    if not settings.use_spacy or not sentences:
        return {}
    from mildip.nlp.spacy_model import person_spans

    spans = person_spans([s.text for s in sentences], settings.spacy_model)
    return {s.index: tuple(sp) for s, sp in zip(sentences, spans, strict=True)}


def _update_context(view: SentenceView, ctx: Context, lex: Lexicon, drafts: list[Draft]) -> None:
    """Remember what later sentences may refer to: the pair of the last event told (or of
    a sentence naming exactly two parties), the last channel round, the navy, a list's lead-in."""
    codes = []
    for p in view.actor_parties(view.base, view.sentence.end):
        if p.code not in codes:
            codes.append(p.code)
    for pm in view.persons:
        if pm.party and pm.party not in codes:
            codes.append(pm.party)
    pairs = [d.actors for d in drafts if len(d.actors) == 2]
    if pairs:
        ctx.recent_pairs.append(set(pairs[-1]))
        ctx.pairs_from_events = True
    elif len(codes) == 2 and not ctx.pairs_from_events:
        ctx.recent_pairs.append(set(codes))
    del ctx.recent_pairs[:-3]
    for d in drafts:
        if d.type in ("DIALOGUE", "EXERCISE") and d.mechanism_text:
            ctx.last_channel = (sorted(d.actors), d.mechanism_text, d.type)
    navy = naval_owner(view, lex)
    if navy:
        ctx.naval_party = navy
    if view.text.rstrip().endswith(":"):
        ctx.list_lead_parties = codes
        # the lead-in's subject announces the measures: the last party no preposition
        # governs ("In view of the U.S. arms sales ..., the Chinese side has decided to:")
        subjects = [
            p
            for p in view.actor_parties(view.base, view.sentence.end)
            if view.role(p.start) is None
        ]
        ctx.list_lead_initiator = subjects[-1].code if subjects else (codes[0] if codes else None)
        ctx.list_lead_parties = [
            p.code
            for p in view.actor_parties(view.base, view.sentence.end)
            if view.role(p.start) in (None, "against", "with", "on")
        ]


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
        m for m in registry
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


def extract_document(doc: Document, settings: Settings | None = None) -> list[Event]:
    """Every event mentioned in ``doc``, one per real-world event of the document."""
    from mildip.analysis.threads import link_proposals
    from mildip.resolve.coref import merge_events
    from mildip.resolve.mechanisms import load_registry

    settings = settings or load_settings()
    lex = load_lexicon()
    gaz = load_gazetteer()
    registry = load_registry(settings)
    published = doc.published
    sentences = split_sentences(doc.text)
    citations = find_citations(doc.text, published)
    candidates = {s.index for s in candidate_sentences(sentences, gaz, lex)}
    ctx = Context(registry=registry)
    people = PeopleMemory()
    pending: list[tuple[Draft, SentenceView, int, str | None]] = []
    list_date: str | None = None
    for i, sent in enumerate(sentences):
        is_candidate = sent.index in candidates
        view = build_view(
            sent, citations, gaz, lex, published, [],
            with_dates=is_candidate or sent.text.rstrip().endswith(":"),
        )
        if is_candidate:
            view.persons.extend(_persons(sent, view.masked, gaz, (), published, doc.text))
            view.persons.extend(people.mentions_in(view))
        people.remember(view)
        usable_dates = event_dates(view.dates, view.masked, view.base)
        if view.text.rstrip().endswith(":"):
            list_date = choose_text_date(
                usable_dates, (view.sentence.end, view.sentence.end), (view.base, view.sentence.end)
            )
        elif not sent.is_list_item:
            list_date = None
        drafts: list[Draft] = []
        if is_candidate:
            neighbours = " ".join(
                s.text for s in sentences[max(0, i - lex.window_before) : i + 1 + lex.window_after]
            )
            drafts = drafts_for(view, lex, ctx, neighbours)
            item_date = None
            if sent.is_list_item:
                # measures listed in an announcement date from its lead-in, else from the
                # announcement itself
                item_date = list_date or (published.isoformat() if published else None)
            pending.extend((d, view, i, item_date) for d in drafts)
        _update_context(view, ctx, lex, drafts)
    # spaCy NER, the expensive step, only sees sentences that state an event: it adds
    # the participants that no title, rank or officials-file name announced
    views = [v for v in {id(v): v for _, v, _, _ in pending}.values() if _unexplained_names(v)]
    ner = _ner([v.sentence for v in views], settings)
    for view in views:
        spans = ner.get(view.sentence.index, ())
        if spans:
            found = _persons(view.sentence, view.masked, gaz, spans, published, doc.text)
            kept = [
                p
                for p in view.persons
                if not any(f.start < p.end and p.start < f.end for f in found)
            ]
            view.persons[:] = sorted(found + kept, key=lambda p: p.start)
    mentions = [
        _to_event(
            d, view, lex, doc, published, citations, item_date, registry, _passage_end(sentences, i)
        )
        for d, view, i, item_date in pending
    ]
    mentions = _unify_discovered_names(mentions, registry)
    return link_proposals(merge_events(mentions, settings), settings)


_NAME_LIKE = re.compile(r"\b[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)+")


def _unexplained_names(view: SentenceView) -> bool:
    """Does the sentence hold two consecutive capitalised words that no party, person,
    date or title word explains (the sentence's first word aside)? Only then may spaCy's
    NER find a participant that the rules missed."""
    covered = [(p.start, p.end) for p in view.parties]
    covered += [(pm.title_start, pm.end) for pm in view.persons]
    covered += [(d.start, d.end) for d in view.dates]
    for m in _NAME_LIKE.finditer(view.masked):
        run = 0
        for w in re.finditer(r"\S+", m.group(0)):
            s = view.base + m.start() + w.start()
            explained = (
                s == view.base
                or w.group(0).lower() in _FUNCTION_WORDS
                or _TITLE_LIKE.fullmatch(w.group(0).rstrip("’'s"))
                or any(a <= s < b for a, b in covered)
            )
            run = 0 if explained else run + 1
            if run >= 2:
                return True
    return False


_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "in", "on", "at", "during", "after", "before", "while"}
)
_TITLE_LIKE = re.compile(
    r"\b(?:Minister|Ministry|Secretary|Department|Command|Commission|Council|Force|Forces|Army|"
    r"Navy|Dialogue|Talks?|Consultations?|Meeting|Exercise|Agreement|Office|Staff|Affairs|"
    r"Defen[cs]e|Security|Military|Theater|Theatre|Chief|Chiefs|General|Admiral|President|"
    r"Premier|Chairman|Director|Commander|Spokesperson|Embassy|House|Party|Summit|Forum)\b"
)


def _unify_discovered_names(mentions: list[Event], registry) -> list[Event]:
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


def _passage_end(sentences: list[Sentence], i: int) -> int:
    """End of the passage of sentence ``i``: the next sentence of its paragraph, if any."""
    nxt = sentences[i + 1] if i + 1 < len(sentences) else None
    if nxt is not None and nxt.paragraph == sentences[i].paragraph:
        return nxt.end
    return sentences[i].end + 2


def _to_event(
    draft: Draft,
    view: SentenceView,
    lex: Lexicon,
    doc: Document,
    published: date | None,
    citations: list[Citation],
    list_date: str | None,
    registry,
    passage_end: int,
) -> Event:
    clause = view.clause(draft.trigger[0])
    before = _without_dates(view, clause[0], draft.trigger[0])
    trigger_text = view.masked[view.rel(draft.trigger[0]) : view.rel(draft.trigger[1])]
    mod = draft.modality_hint or modality(before, trigger_text, lex)
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
    return Event(
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
