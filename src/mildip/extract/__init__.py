"""Extraction: a document's text → its military-diplomacy events, with evidence.

``extract_document(doc, settings)`` is a pure function of the document and the
settings. Steps:

1. split sentences (:mod:`mildip.nlp.sentences`) and parse citations;
2. keep *candidate* sentences: a trigger of the lexicon and a party mention
   (the expensive steps - persons, spaCy NER, frames - see only these);
3. run the frame rules (:mod:`mildip.extract.frames`) on each candidate;
4. run spaCy's NER only on sentences that gave a draft and hold names the rules cannot
   explain (:mod:`ner_gate`); date each draft, read its modality, attach participants
   (roles resolved by the event date) and resolve its mechanism (:mod:`records`);
5. merge repeated mentions of one event within the document
   (:func:`mildip.resolve.coref.merge_events`) and link answers to proposals
   (:func:`mildip.analysis.threads.link_proposals`).

``extract(text, published=...)`` wraps a bare text in a Document.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from mildip.extract.dating import choose_text_date, event_dates
from mildip.extract.frames import Context, Draft, drafts_for, naval_owner
from mildip.extract.lexicon import Lexicon, load_lexicon
from mildip.extract.ner_gate import unexplained_names
from mildip.extract.people import PeopleMemory
from mildip.extract.persons import PersonMention, find_persons
from mildip.extract.records import passage_end, to_event, unify_discovered_names
from mildip.extract.view import SentenceView, build_view
from mildip.kb.officials import resolve_participant
from mildip.model import Document, Event
from mildip.nlp.citations import find_citations
from mildip.nlp.gazetteer import Gazetteer, load_gazetteer
from mildip.nlp.sentences import Sentence, split_sentences
from mildip.settings import Settings, load_settings

__all__ = ["candidate_sentences", "extract", "extract_document"]


def _published(value: date | str | None) -> date | str | None:
    """``value`` as ``Document(published=...)`` takes it: a date, or a string that
    :func:`mildip.ingest.as_published` reads (``"2024-01"``, ``"April 2023"``) as a
    partial ISO date, which gives the Document its precision. ValueError otherwise."""
    if value is None or isinstance(value, date):
        return value
    from mildip.ingest.metadate import as_published

    return as_published(value).iso


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


def extract_document(doc: Document, settings: Settings | None = None) -> list[Event]:
    """Every event mentioned in ``doc``, one per real-world event of the document."""
    from mildip.analysis.threads import link_proposals
    from mildip.kb.mechanisms import load_registry
    from mildip.resolve.coref import merge_events

    settings = settings or load_settings()
    lex = load_lexicon()
    gaz = load_gazetteer()
    registry = load_registry(settings)
    published = doc.published
    sentences = split_sentences(doc.text)
    citations = find_citations(doc.text, published)
    candidates = {s.index for s in candidate_sentences(sentences, gaz, lex)}
    ctx = Context(registry=registry)
    people = PeopleMemory(lex.family_name_first)
    pending: list[tuple[Draft, SentenceView, int, str | None]] = []
    list_date: str | None = None
    for i, sent in enumerate(sentences):
        is_candidate = sent.index in candidates
        view = build_view(
            sent,
            citations,
            gaz,
            lex,
            published,
            [],
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
    views = [v for v in {id(v): v for _, v, _, _ in pending}.values() if unexplained_names(v)]
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
        event
        for d, view, i, item_date in pending
        for event in to_event(
            d, view, lex, doc, published, citations, item_date, registry, passage_end(sentences, i)
        )
    ]
    mentions = unify_discovered_names(mentions, registry)
    return link_proposals(merge_events(mentions, settings), settings)
