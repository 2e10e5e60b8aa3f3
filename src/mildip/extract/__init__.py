"""Extraction: documents → the mentions of military-diplomacy events they tell, with
evidence.

``extract_mentions(docs, settings)`` is a pure function of the documents and the
settings. Steps:

1. split sentences (:mod:`mildip.nlp.sentences`), find citations and party mentions;
2. choose candidate sentences (:mod:`candidates`: a lemma-level trigger word plus a
   party, a person or a reference to the narrative's parties) and parse them with
   spaCy's tagger, lemmatizer and parser (no NER) in one ``nlp.pipe`` batch;
3. read the document in order, keeping its state (:mod:`state`: the narrative's
   parties, people, the speaker, the time anchor); on each candidate, run the frames
   of its trigger words over the parse (:mod:`triggers`, :mod:`frames`) and build
   events (:mod:`build`: type, mechanism, round, modality, date, participants);
4. let the learned scorer drop weak candidates (:mod:`scorer`).

Merging the mentions of one event and linking answers to proposals come next, in
:mod:`mildip.resolve`; :mod:`mildip.api` (``mildip.extract_document``,
``mildip.extract(text, published=...)``) runs both stages.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from mildip.dates import reference_day
from mildip.extract.build import Built, build_event
from mildip.extract.candidates import document_names, is_candidate, series_pattern
from mildip.extract.dating import DATELINE, HORIZON_PREPS, is_reduced_relative, reyear
from mildip.extract.dating import REYEARABLE as _REYEARABLE
from mildip.extract.frames import FrameContext
from mildip.extract.lexicon import Lexicon, load_lexicon
from mildip.extract.modality import is_question
from mildip.extract.persons import PersonMention, find_persons, lone_names, name_spans
from mildip.extract.scorer import load_scorer
from mildip.extract.sentence import ACTOR_KINDS, Analysed
from mildip.extract.state import DocumentState
from mildip.extract.triggers import drafts_for_sentence
from mildip.kb.officials import (
    person_ids,
    posts_of,
    resolve_participant,
    senior_surnames,
    sole_surname_holder,
)
from mildip.kb.publishers import source_side
from mildip.model import Document, Event
from mildip.nlp.citations import find_citations
from mildip.nlp.dates import find_dates
from mildip.nlp.gazetteer import Gazetteer, find_dyads, load_gazetteer
from mildip.nlp.sentences import Sentence, split_sentences
from mildip.settings import Settings, load_settings

__all__ = ["analyse_document", "analyse_documents", "extract_mentions", "published_value"]

_JOINT = ("joint statement", "joint declaration", "joint communique", "joint communiqué", "joint press statement", "joint readout")


def published_value(value: date | str | None) -> date | str | None:
    """``value`` as ``Document(published=...)`` takes it: a date, or a string that
    :func:`mildip.ingest.as_published` reads (``"2024-01"``, ``"April 2023"``) as a
    partial ISO date, which gives the Document its precision. ValueError otherwise."""
    if value is None or isinstance(value, date):
        return value
    from mildip.ingest.metadate import as_published

    return as_published(value).iso


def _party_at_factory(gazetteer: Gazetteer, text: str):
    def party_at(lo: int, hi: int) -> str | None:
        for p in gazetteer.find(text[lo:hi], offset=lo):
            if p.code and p.kind in ACTOR_KINDS:
                return p.code
        return None

    return party_at


def _covered_tokens(spacy_doc, parties, base: int) -> set[int]:
    """Indices of the tokens inside gazetteer names (parties, places, forums)."""
    spans = [(p.start - base, p.end - base) for p in parties]
    return {t.i for t in spacy_doc if any(a < t.idx + len(t.text) and t.idx < b for a, b in spans)}


def _resolve_surname(surname: str) -> str | None:
    parties = {p.party for pid in person_ids(surname) for p in posts_of(pid)}
    return parties.pop() if len(parties) == 1 else None


def _persons(
    sent: Sentence, gazetteer: Gazetteer, doc: Document, ner_spans, state: DocumentState, lone=()
) -> list[PersonMention]:
    """The persons of a sentence, with their parties. ``lone``: spans of single proper
    nouns; one that is neither a person named before nor part of another name is the
    surname of the one senior official of that name in office on the publication date,
    if there is exactly one ("Teodoro met Austin"), else on a date the sentence writes
    or the narrative's anchor ("Austin and Wei met in November 2022" in a 2024 text)."""
    found = find_persons(sent.text, sent.start, _party_at_factory(gazetteer, doc.text), ner_spans)
    on = doc.published.isoformat() if doc.published else None
    for lo, hi in lone:
        start, end = sent.start + lo, sent.start + hi
        surname = sent.text[lo:hi]
        if any(p.start <= start < p.end for p in found) or state.remembered_name(surname) or on is None:
            continue
        post = _surname_holder(surname, on, sent, doc, state)
        if post is not None:
            found.append(PersonMention(start, end, post.name, None, post.party, start))
    out = []
    for pm in found:
        if pm.party is None:
            party = resolve_participant(pm.name, pm.title, None, on).party
            if party is None:
                surname = pm.name.replace(",", " ").split()[-1]
                remembered = state.remembered_name(surname)
                party = remembered.party if remembered else None
            pm = replace(pm, party=party)
        out.append(pm)
    return out


def _surname_holder(surname: str, on: str, sent: Sentence, doc: Document, state: DocumentState):
    """The one senior official called ``surname`` on the publication date ``on``, else
    on the first of the sentence's dates, or of the narrative's anchor, that has one."""
    post = sole_surname_holder(surname, on, state.family_name_first)
    if post is not None:
        return post
    told = [d.value for d in find_dates(sent.text, doc.published) if d.value and d.value <= on]
    for when in [*told, state.anchor()]:
        if when:
            post = sole_surname_holder(surname, when, state.family_name_first)
            if post is not None:
                return post
    return None


def alliance_test(published, settings: Settings):
    """Whether an actor set's parties are allies at ``published`` (the shipped and the
    user's party groups); the document state asks it for "the allies"."""
    from mildip.kb.groups import allied, load_groups

    groups = load_groups(settings)
    on = str(published)[:10] if published else None
    return lambda parties: allied(parties, on, groups)


def initial_state(doc: Document, lex: Lexicon | None = None) -> DocumentState:
    """The state before the first sentence: the author's side from the header, and
    the parties of a joint statement from its title or opening."""
    state = DocumentState(family_name_first=(lex or load_lexicon()).family_name_first)
    state.author_side = source_side(doc.publication, doc.url)
    gaz = load_gazetteer()
    head = f"{doc.title or ''} {doc.text[:400]}"
    if any(j in head.lower() for j in _JOINT):
        codes = [p.code for p in gaz.find(doc.title or doc.text[:400]) if p.code and p.kind in ACTOR_KINDS]
        state.joint_authors = tuple(dict.fromkeys(codes))
    title = [p.code for p in gaz.find(doc.title or "") if p.code and p.kind in ACTOR_KINDS]
    if len(set(title)) == 2:
        state.title_set = tuple(sorted(set(title)))
    return state


_CALL_TITLE = re.compile(
    r"(?i)\b(?:video|phone|telephone|teleconference)\b|\bcall(?:s|ed)?\b(?!\s+(?:for|on|upon|off|to)\b)"
)
"""A title that announces a phone or video call; "calls for more support", "calls on"
(a visit) and "called off" announce none."""
_REFERENCE_LINE = re.compile(r"^\s*(?:\[\d+\]|\d{1,3}[.)]\s|Notes?\b|Sources?:|References?\b)")
_OPENING_DATE = 12
"""A date that starts within this many characters of an unparsed sentence frames it."""


_SPAN_NOUNS = frozenset({"half", "end", "start", "beginning", "middle", "part", "course", "spring", "summer", "autumn", "fall", "winter", "quarter", "months", "weeks", "days"})
"""Nouns that name a part of a date ("the second half of 2016", "the end of May")."""


def _main_clause(tok) -> bool:
    """Whether the date whose head is ``tok`` frames the main clause: an adverbial of
    the root verb ("In 2022, ...", "On May 29, the Pentagon announced ..."), not a date
    inside a noun phrase ("the November 2022 Bali meeting") or a subordinate clause."""
    t = tok
    if t.dep_ == "pobj" and t.head.lower_ in HORIZON_PREPS:
        # "haven't spoken since July 2022", "by 2027": a horizon, not the narrative's time
        return False
    if t.dep_ == "pobj" and t.head.dep_ == "prep":
        t = t.head.head
        while t.pos_ in ("NOUN", "ADJ") and t.lower_ in _SPAN_NOUNS and t.dep_ == "pobj" and t.head.dep_ == "prep":
            # "in the second half of 2016", "at the end of 2019": a part of the date
            t = t.head.head
    elif t.dep_ in ("npadvmod", "nmod", "appos") or t.pos_ == "NUM":
        t = t.head
    elif t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT":
        # "2023 was the low point.", "2022 began with something like a thaw."
        return True
    else:
        return tok.dep_ == "ROOT"
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" and t.head.lower_ in ("after", "following", "during"):
        # "After Pelosi's visit to Taiwan last August, Beijing issued ...": the frame of
        # the main clause's time
        t = t.head.head
    if t.pos_ not in ("VERB", "AUX"):
        # "In May, a J-16 cut directly in front of ...": a root the tagger took for a
        # noun still heads the clause when it has a subject
        return t.dep_ == "ROOT" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ == "advcl" and t.head.dep_ == "ROOT" and is_reduced_relative(t):
        # "The first real result came from the ninth round, held on 24 January 2021":
        # the participle dates the main clause's own noun
        return True
    if t.dep_ == "advcl" and t.head.dep_ == "ROOT" and any(
        c.dep_ in ("advmod", "mark") and c.lower_ == "when" for c in t.children
    ):
        # "Contacts restarted only when Gates was received in Beijing in January 2011":
        # the time of "when" is the main clause's time
        return True
    return t.dep_ == "ROOT" or t.head.i == t.i


def _anchor_from(sent: Analysed | None, sentence: Sentence, published, cites=(), governing: str | None = None):
    """``(date, explicit, inherited)`` this sentence sets for the narrative: a date of its main
    clause ("In 2022, China ..."), not of a relative or subordinate clause nor of a
    citation; in a sentence without a parse, one that opens it. A month without a year
    ("In April, ...") under a ``governing`` explicit anchor takes its year and governs
    in turn, as far as that anchor reaches (``inherited``). None when there is none."""
    if _REFERENCE_LINE.match(sentence.text):
        return None
    spans = [(c.start, c.end) for c in cites]
    line = DATELINE.match(sentence.text)
    if line:
        spans.append((sentence.start, sentence.start + line.end()))
    if sent is not None:
        for d in sent.dates:
            if not d.value or any(a <= d.start < b for a, b in spans):
                continue
            head = sent.span_head(d.start, d.end)
            if head is not None and _main_clause(head):
                return _governed(d, governing, published)
        body = sentence.start + (line.end() if line else 0)
        for d in sent.dates:
            # "In 2014, when Xi addressed Parliament in November, ...": a date that opens
            # the sentence frames it, whatever clause the parser hung it on
            if d.value and d.start >= body and d.start - body <= _OPENING_DATE and d.kind in ("year", "my", "mdy", "dmy"):
                return _governed(d, governing, published)
        return None
    body = sentence.start + (line.end() if line else 0)
    for d in find_dates(sentence.text, published, sentence.start):
        if d.value and d.start >= body and (d.start - body <= _OPENING_DATE or _adverbial_year(sentence, d)):
            return _governed(d, governing, published)
    return None


_NOUN_MODIFIER_YEAR = re.compile(r"(?i)(?:\b(?:the|a|an|its|their|his|her|this|that)|['’]s)\s+$")


def _adverbial_year(sentence: Sentence, d) -> bool:
    """Whether a year later in an unparsed sentence frames it ("2022 was the year ...",
    "... held talks in 2019"), not a modifier of a noun ("despite the 2016 arbitral
    ruling", "Tsai's 2016 election")."""
    if d.kind == "rel_year":
        return True
    before = sentence.text[max(0, d.start - sentence.start - 12) : d.start - sentence.start]
    return d.kind == "year" and not _NOUN_MODIFIER_YEAR.search(before)


def _governed(d, governing: str | None, published) -> tuple[str, bool, bool]:
    """(value, explicit, inherited) of an anchoring date: a yearless month or day
    re-yeared by the governing explicit anchor counts as explicit, inherited from it."""
    if d.relative and governing and d.kind in _REYEARABLE:
        value = reyear(d, governing, published)
        if value:
            return value, True, True
    return d.value, not d.relative, False


def _list_lead(
    sent: Analysed | None, sentence: Sentence, parties, published
) -> tuple[tuple[str, ...], str | None]:
    """(subject parties, date) of a sentence that opens a list."""
    codes: list[str] = []
    if sent is not None:
        root = next((t for t in sent.doc if t.dep_ == "ROOT"), None)
        if root is not None:
            for s in root.children:
                if s.dep_ in ("nsubj", "nsubjpass"):
                    for t in s.subtree:
                        codes += [p.code for p in sent.parties_of(t.i) if p.code not in codes]
    if not codes:
        codes = [p.code for p in parties if p.code and p.kind in ACTOR_KINDS][:1]
    dates = [d.value for d in find_dates(sentence.text, published, sentence.start) if d.value]
    return tuple(codes), (dates[0] if dates else None)


def _main_subject(sent: Analysed):
    """The subject token of the sentence's main verb, or None."""
    root = next((t for t in sent.doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _subject_persons(sent: Analysed) -> list[PersonMention] | None:
    """The persons in the subject of the sentence's main verb; [] when that subject is a
    pronoun ("he met ...": the remembered subject stays); None when there is no subject
    to read or it holds no person mention (the first person named is taken; a subject
    that is a remembered surname, "Hegseth also met Teodoro", is set after this by
    :meth:`DocumentState.subject_is_surname`)."""
    subj = _main_subject(sent)
    if subj is None:
        return None
    if subj.pos_ == "PRON":
        return []
    found = []
    for t in subj.subtree:
        person = sent.person_of(t.i)
        if person is not None and person not in found:
            found.append(person)
    return found or None


def _update_naval(sent: Analysed, state: DocumentState, lex: Lexicon, built: list[Built]) -> None:
    """Remember the party of the ship or navy a sentence is about (see DocumentState)."""
    calls = [b.event.initiator for b in built if b.event.type == "PORT_CALL" and b.event.initiator]
    root = next((t for t in sent.doc if t.dep_ == "ROOT"), None)
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")] if root is not None else []
    naval = bool(subj) and any(lex.in_class("naval", t.lemma_) for t in subj[0].subtree)
    if calls:
        state.naval_party = calls[-1]
    elif naval:
        codes = [p.code for t in subj[0].subtree for p in sent.parties_of(t.i)]
        if codes:
            state.naval_party = codes[0]
    pronoun = bool(subj) and subj[0].lower_ == "it"
    state.naval_recent = naval or bool(calls) or (pronoun and state.naval_recent)


UNNAMED_CHANNEL_TYPES = frozenset({"SUSPEND", "CANCEL", "RESUME"})
"""Types whose unnamed objects in one sentence are one event ("resume dialogues and
consultations"); sessions and incidents stay apart."""


def _unnamed_channels(a: Built, b: Built) -> bool:
    """Whether ``a`` and ``b`` act on channels of one sentence that neither names, by
    mechanism or by a proper name ("dialogues and consultations")."""
    return (
        a.event.type in UNNAMED_CHANNEL_TYPES
        and a.event.mechanism is None
        and b.event.mechanism is None
        and not a.features.get("object_named")
        and not b.features.get("object_named")
    )


def _merge_sentence(built: list[Built]) -> list[Built]:
    """Drafts of one sentence with the same type, parties and date tell one event; a
    meeting or call of the same parties and date as a session of a dialogue told in the
    same sentence ("met in Beijing for the 14th round of their consultations") is that
    session; a talk that could be a meeting or a call ("spoke with") told with a call of
    the same parties and day is that call."""
    from mildip.dates import dates_agree

    sessions = [b.event for b in built if b.event.type == "DIALOGUE"]
    calls = [b.event for b in built if b.event.type == "CALL" and b.event.modality == "asserted"]
    built = [
        b
        for b in built
        if not (
            b.event.type in ("MEET", "CALL")
            and any(s.actors == b.event.actors and dates_agree(s.date, b.event.date) for s in sessions)
        )
        and not (
            # "Austin spoke with Shoigu today, their first conversation since Feb. 18": a
            # talk that could be either, told with a call of the same parties and day, is it
            b.event.type == "MEET"
            and b.features.get("mode") == "either"
            and any(c.actors == b.event.actors and c.date == b.event.date for c in calls)
        )
    ]
    kept: list[Built] = []
    for b in built:
        twin = next(
            (
                k
                for k in kept
                if k.event.type == b.event.type
                and k.event.actors == b.event.actors
                and k.event.modality == b.event.modality
                and dates_agree(k.event.date, b.event.date)
                and (k.event.mechanism == b.event.mechanism or not (k.event.mechanism and b.event.mechanism))
                and (
                    k.event.type in ("MEET", "CALL")
                    # "resume dialogues and consultations": unnamed channels of the same
                    # parties cannot be told apart
                    or _unnamed_channels(k, b)
                    or k.event.evidence[0].start == b.event.evidence[0].start
                    and k.event.evidence[0].end == b.event.evidence[0].end
                )
                and (_unnamed_channels(k, b) or not (k.event.flags and b.event.flags))
            ),
            None,
        )
        if twin is None:
            kept.append(b)
            continue
        e, o = twin.event, b.event
        if o.date and e.date and len(o.date) > len(e.date) and not (
            twin.features.get("date_how") == "text" and b.features.get("date_how") != "text"
        ):
            # the finer date, unless only the text dates the first and the second's comes
            # from a citation or the publication ("met ... on May 18-20 for talks (X, May 21)")
            e.date = o.date
        e.mechanism = e.mechanism or o.mechanism
        e.mechanism_id = e.mechanism_id or o.mechanism_id
        e.round = e.round if e.round is not None else o.round
        e.initiator = e.initiator or o.initiator
        e.location = e.location or o.location
        e.resumed = e.resumed or o.resumed
    return kept


def analyse_documents(docs: list[Document], settings: Settings) -> list[list[Built]]:
    """:func:`analyse_document` for each of ``docs``, with the candidate sentences of
    all of them parsed in one ``nlp.pipe`` stream (the parser works best on long
    streams)."""
    from mildip.nlp.spacy_model import parse

    from mildip.kb.mechanisms import load_registry

    lex, gaz = load_lexicon(), load_gazetteer()
    series = series_pattern(load_registry(settings))
    splits = [split_sentences(d.text) for d in docs]
    names = [document_names(d.text) | senior_surnames(lex.family_name_first) for d in docs]
    chosen = [
        [s for s in sentences if is_candidate(s, gaz, lex, series, words)]
        for sentences, words in zip(splits, names, strict=True)
    ]
    stream = parse(
        [s.text for group in chosen for s in group], settings.spacy_model, settings.use_parser, lex.joined_forms()
    )
    out = []
    for doc, sentences, group in zip(docs, splits, chosen, strict=True):
        parsed = {s.index: next(stream) for s in group}
        out.append(_analyse(doc, settings, lex, sentences, parsed))
    return out


def analyse_document(doc: Document, settings: Settings) -> list[Built]:
    """Every built event mention of ``doc`` with its scorer features, in text order,
    before scoring and coreference."""
    return analyse_documents([doc], settings)[0]


def passage_citations(sentences, citations) -> list[list]:
    """For each sentence, the citations that source it: its own, else the next ones in
    its paragraph (a reference closing a passage sources every sentence since the
    previous one)."""
    own = [[c for c in citations if sent.start <= c.start <= sent.end + 2] for sent in sentences]
    out: list[list] = [[] for _ in sentences]
    following: list = []
    paragraph = None
    for i in range(len(sentences) - 1, -1, -1):
        if sentences[i].paragraph != paragraph:
            paragraph, following = sentences[i].paragraph, []
        if own[i]:
            following = own[i]
        out[i] = following
    return out


def _analyse(doc: Document, settings: Settings, lex: Lexicon, sentences, parsed) -> list[Built]:
    from mildip.kb.mechanisms import load_registry

    gaz = load_gazetteer()
    registry = load_registry(settings)
    reference = reference_day(doc.published, doc.published_precision)
    citations = find_citations(doc.text, reference)
    state = initial_state(doc, lex)
    state.allied = alliance_test(doc.published, settings)
    state.title_call = bool(doc.title) and _CALL_TITLE.search(doc.title) is not None
    out: list[Built] = []
    passage = passage_citations(sentences, citations)
    headed: set[int] = set()
    for position, sent in enumerate(sentences):
        state.next_sentence(sent.paragraph)
        state.read_turn(sent.text, _resolve_surname)
        parties = gaz.find(sent.text, sent.start) + find_dyads(sent.text, sent.start)
        line = DATELINE.match(sent.text)
        if line:
            # "SINGAPORE (AFP) -": the wire's dateline names no party
            parties = [p for p in parties if p.start >= sent.start + line.end()]
        spacy_doc = parsed.get(sent.index)
        analysed = None
        built: list[Built] = []
        if spacy_doc is not None:
            covered = _covered_tokens(spacy_doc, parties, sent.start)
            persons = _persons(
                sent, gaz, doc, name_spans(spacy_doc, covered), state, lone_names(spacy_doc, covered)
            )
            dates = find_dates(sent.text, reference, sent.start)
            analysed = Analysed(sent, spacy_doc, parties, persons, dates)
            cites = [c for c in citations if sent.start <= c.start <= sent.end + 2]
            if not is_question(sent.text):
                ctx = FrameContext(analysed, state, lex, registry)
                anchor_here = state.anchor_in_reach()
                for draft in drafts_for_sentence(ctx):
                    built += build_event(
                        draft, analysed, doc, state, lex, registry, cites, anchor_here, passage[position]
                    )
            built = _merge_sentence(built)
            state.remember_people(persons, _subject_persons(analysed))
            subject = _main_subject(analysed)
            if subject is not None and subject.pos_ == "PROPN":
                state.subject_is_surname(subject.text)
            _update_naval(analysed, state, lex, built)
        else:
            state.remember_people(_persons(sent, gaz, doc, (), state))
        anchor = _anchor_from(
            analysed, sent, reference, [c for c in citations if sent.start <= c.start <= sent.end],
            state.explicit_anchor(),
        )
        if anchor:
            state.set_anchor(*anchor)
        written = [
            d.value for d in (analysed.dates if analysed is not None else find_dates(sent.text, reference, sent.start))
            if d.value and not any(c.start <= d.start <= c.end for c in citations)
        ]
        if written:
            state.mentioned = (written[-1], state.sentence_index)
        if sent.text.rstrip().endswith(":"):
            state.list_lead = _list_lead(analysed, sent, parties, reference)
        elif not sent.is_list_item:
            state.list_lead = None
        for b in built:
            if b.event.type in ("MEET", "CALL", "DIALOGUE") and b.event.modality == "asserted":
                state.talk_modes[b.event.actors] = b.event.type
            if b.event.modality == "asserted" and b.event.date:
                state.told[(b.event.type, b.event.actors)] = b.event.date
            if b.event.type == "PROPOSE":
                state.last_proposal = (b.event.actors, b.event.initiator, state.sentence_index)
            if b.event.type in ("SUSPEND", "CANCEL", "RESUME") and b.event.modality == "asserted":
                state.last_acted = (b.event.actors, state.sentence_index)
        for b in built:
            if b.event.type in ("DIALOGUE", "EXERCISE") and b.event.modality != "negated":
                state.last_channels[b.event.type] = (b.event.actors, b.event.mechanism)
                state.last_family = b.event.type
                state.last_channel_sentence = state.sentence_index
        codes = [p.code for p in parties if p.code and p.kind in ACTOR_KINDS]
        state.remember_parties(codes, [], spacy_doc is not None and not built)
        out.extend(built)
        if sent.is_heading:
            headed.update(id(b) for b in built)
    return _without_restated_headlines(_journeys_of_visits(_talks_that_were_calls(out), lex), headed)


_VISIT_DAYS = 3
"""How many days after a journey the talks it leads to may fall."""


def _journeys_of_visits(built: list[Built], lex: Lexicon) -> list[Built]:
    """ "Marles flew into Manila on Tuesday ... The next day he held talks with Galvez": an
    asserted visit told by a verb of journey (``journey`` class), dated to the day, is
    the visit of the asserted meeting of the same parties that the document dates up to
    :data:`_VISIT_DAYS` days later; it takes that meeting's date (coreference then
    merges them)."""

    def day(e) -> date | None:
        try:
            return date.fromisoformat(e.date) if e.date and len(e.date) == 10 else None
        except ValueError:
            return None

    meetings = [b.event for b in built if b.event.type == "MEET" and b.event.modality == "asserted" and day(b.event)]
    for b in built:
        e = b.event
        start = day(e)
        if e.type != "MEET" or e.modality != "asserted" or start is None:
            continue
        if b.features.get("frame") != "visit" or not lex.in_class("journey", str(b.features.get("lemma"))):
            continue
        later = sorted(
            m.date for m in meetings
            if m is not e and m.actors == e.actors and 0 < (day(m) - start).days <= _VISIT_DAYS
        )
        if later:
            e.date = later[0]
    return built


def _talks_that_were_calls(built: list[Built]) -> list[Built]:
    """ "Brown held talks today with Gen. Liu Zhenli. ... according to a summary of the
    video teleconference": asserted talks that could be a meeting or a call ("held
    talks", "spoke with"), dated as a call between the same parties told in the same
    document, are that call (coreference then merges them)."""
    from mildip.dates import dates_agree

    calls = [
        b.event for b in built if b.event.type == "CALL" and b.event.modality == "asserted" and b.event.date
    ]
    for b in built:
        e = b.event
        if e.type == "MEET" and e.modality == "asserted" and b.features.get("mode") == "either" and any(
            c.actors == e.actors and dates_agree(c.date, e.date) for c in calls
        ):
            e.type = "CALL"
    return built


def _without_restated_headlines(built: list[Built], headed: set[int]) -> list[Built]:
    """Drop the events of headings that the body tells too ("INDOPACOM: Chinese fighter
    flew within 20 feet of U.S. RC-135" above the story of that intercept): an event of
    the body of the same type sharing a party is the same event, told with its details
    (with the very same parties, coreference merges them instead, unless the heading
    has no date of its own and the body tells it with the same modality and a
    compatible mechanism: dated by the publication, it would not agree with the body's
    date of the event)."""
    body = [b for b in built if id(b) not in headed]

    def restated(b: Built) -> bool:
        same_type = [o for o in body if o.event.type == b.event.type]
        if any(o.event.actors == b.event.actors for o in same_type):
            return b.features.get("date_how") != "text" and any(
                o.event.actors == b.event.actors
                and o.event.modality == b.event.modality
                and (o.event.mechanism == b.event.mechanism or not (o.event.mechanism and b.event.mechanism))
                for o in same_type
            )
        return any(set(o.event.actors) & set(b.event.actors) for o in same_type)

    return [b for b in built if id(b) not in headed or not restated(b)]


def extract_mentions(docs: list[Document], settings: Settings | None = None) -> list[list[Event]]:
    """The event mentions of each of ``docs``, parsed in one stream and weighed by the
    learned scorer (when ``settings.use_scorer``): one mention per event told, not yet
    merged into events (that is :func:`mildip.resolve.document.resolve_document`)."""
    settings = settings or load_settings()
    scorer = load_scorer(settings.scorer_model) if settings.use_scorer else None
    out = []
    for built in analyse_documents(list(docs), settings):
        if scorer is not None:
            built = [b for b in built if scorer.keep(b.features)]
        out.append([b.event for b in built])
    return out
