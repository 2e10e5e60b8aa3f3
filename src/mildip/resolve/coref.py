"""Coreference: one event per real-world event, whatever the number of reports.

:func:`merge_events` groups event mentions (one document's, or every document's)
into events, applying the analysts' overrides. The store I/O around it
(:func:`mildip.pipeline.rebuild_events`, :func:`mildip.pipeline.record_override`)
lives in :mod:`mildip.pipeline`. The rule, its thresholds and its risks
are in ``docs/coreference.md``; in short, two mentions are one event when

1. type, actor set and modality are equal, mechanisms agree (both set → equal; within
   one document a description in common words agrees with any mechanism, except for
   changes of state) and rounds agree (both set → equal); a state change that is one item of a list of
   channels ("cancelled A, B and C") merges only with a mention of the same mechanism
   (both unset counts);
2. dates agree (:func:`mildip.dates.dates_agree`); a missing date is accepted only on
   strong agreement: the same mechanism *and* round, or a shared participant *and*
   similar evidence;
3. and something links them: the same mechanism and round; or, for a cancellation,
   suspension, resumption or establishment, the same named mechanism; or, within one document,
   the same mechanism (both unset counts); or similar evidence (token Jaccard of
   content words ≥ ``settings.coref_min_similarity_coarse``); or - when both dates
   are known to the day - a shared participant, the same location or the same
   named mechanism.

Clustering is greedy over a canonical order (so the result does not depend on the
input order) and never joins two groups whose dates, mechanisms or rounds would
then conflict. Two events of one mechanism round with disagreeing dates stay
separate and both carry a ``conflicting_date`` flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import combinations

from mildip import dates
from mildip.kb.officials import name_key, person_ids
from mildip.kb.publishers import Publisher, origin_key
from mildip.kb.text import fold
from mildip.model import STATE_CHANGE_TYPES, STRUCTURAL_KINDS, Event, Evidence, Participant
from mildip.resolve.overrides import (
    Override,
    added_mentions,
    apply_overrides,
    apply_review,
    event_anchors,
    explode_for_splits,
    override_note,
    place_added,
)
from mildip.resources import load_tsv
from mildip.settings import Settings

_TOKEN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(row["word"] for row in load_tsv("stopwords.tsv") if row["word"])


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that carry content: folded, stop words and one-letter words dropped."""
    stop = _stopwords()
    return frozenset(t for t in _TOKEN.findall(fold(text)) if len(t) > 1 and t not in stop)


def similarity(a: str, b: str) -> float:
    """Jaccard similarity (0-1) of the content words of two passages."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def _evidence_similarity(a: Event, b: Event) -> float:
    """The best similarity between any passage of ``a`` and any passage of ``b``."""
    return max((similarity(x.quote, y.quote) for x in a.evidence for y in b.evidence), default=0.0)


def _mechanism_keys(e: Event) -> tuple[str | None, str | None]:
    return e.mechanism_id, (fold(e.mechanism) if e.mechanism else None)


def _mechanisms_agree(a: Event, b: Event) -> bool:
    (ida, namea), (idb, nameb) = _mechanism_keys(a), _mechanism_keys(b)
    if (ida and idb and ida != idb) or (namea and nameb and namea != nameb):
        # one text may describe a channel it also names ("opened the Golden Dragon
        # exercise on Monday, and troops held live-fire drills"): a description does not
        # tell two channels apart; a change of state names each channel it acts on
        # ("cancelling the MMCA meetings and the theater commanders' talks")
        return (
            a.type not in STATE_CHANGE_TYPES
            and (_described(a) or _described(b))
            and _single_document(a, b)
        )
    return True


def _described(e: Event) -> bool:
    """Whether the mechanism of ``e`` is a description in common words after its
    parties ("China-Cambodia live-fire drills", "ROK-U.S. large-scale field training"),
    not a name ("China-Japan Security Dialogue", "Golden Dragon")."""
    if not e.mechanism:
        return False
    words = e.mechanism.split()[1:]
    return bool(words) and not any(w[:1].isupper() or w[:1].isdigit() for w in words)


def _same_mechanism(a: Event, b: Event) -> bool:
    """Both name the same mechanism, or neither names one."""
    if bool(a.mechanism or a.mechanism_id) != bool(b.mechanism or b.mechanism_id):
        return False
    return _mechanisms_agree(a, b)


def _same_mechanism_named(a: Event, b: Event) -> bool:
    """Both name a mechanism, and it is the same one."""
    return (
        bool(a.mechanism or a.mechanism_id)
        and bool(b.mechanism or b.mechanism_id)
        and _mechanisms_agree(a, b)
    )


def _same_round(a: Event, b: Event) -> bool:
    return a.round is not None and a.round == b.round and _same_mechanism_named(a, b)


def _participant_keys(e: Event) -> frozenset[str]:
    keys = set()
    for p in e.participants:
        if p.person_id:
            keys.add("id:" + p.person_id)
        elif p.name:
            ids = person_ids(p.name, p.party)
            keys.add("id:" + ids[0] if len(ids) == 1 else "name:" + name_key(p.name))
    return frozenset(keys)


def _single_document(a: Event, b: Event) -> bool:
    docs = {ev.doc_id for ev in a.evidence} | {ev.doc_id for ev in b.evidence}
    return len(docs) == 1


_ONE_SENTENCE_TYPES = frozenset({"MEET", "CALL"})
_LIST_ITEM_FLAG = "list_item: one of several channels acted on in one sentence"


def _other_clause_of_one_sentence(a: Event, b: Event) -> bool:
    """Whether ``a`` and ``b`` were stated by different clauses of one sentence (their
    passages differ but lie in the same sentence). A meeting or call told twice in one
    sentence ("met ... and held talks") is still one event."""
    if _LIST_ITEM_FLAG in a.flags and _LIST_ITEM_FLAG in b.flags:
        # "cancelled A, B and C": the items of one list are different channels
        return any(
            x.doc_id == y.doc_id and x.sentence_start == y.sentence_start
            for x in a.evidence
            for y in b.evidence
        )
    if a.type in _ONE_SENTENCE_TYPES:
        return False
    for x in a.evidence:
        for y in b.evidence:
            same_sentence = (
                x.doc_id == y.doc_id
                and x.sentence_start is not None
                and x.sentence_start == y.sentence_start
            )
            nested = x.start <= y.start and y.end <= x.end or y.start <= x.start and x.end <= y.end
            if same_sentence and not nested:
                return True
    return False


def _describes_on_the_day(a: Event, b: Event) -> bool:
    """Whether one of two mentions of one day describes the channel the other names
    ("opened the Golden Dragon exercise on Monday, and troops held live-fire drills"):
    then two clauses of one sentence tell one event. Two unnamed same-day drills of one
    sentence ("warships began drills, and bombers held a joint patrol") stay two."""
    if not a.date or a.date != b.date or dates.precision(a.date) != "day":
        return False
    if not (a.mechanism and b.mechanism):
        return False
    return _described(a) != _described(b)


def _blocking_key(e: Event) -> tuple:
    return (e.type, e.actors, e.modality)


def same_event(a: Event, b: Event, settings: Settings) -> bool:
    """The pairwise rule of the module docstring: are ``a`` and ``b`` one real-world event?"""
    if _blocking_key(a) != _blocking_key(b) or not _mechanisms_agree(a, b):
        return False
    if a.round is not None and b.round is not None and a.round != b.round:
        return False
    threshold = settings.coref_min_similarity_coarse
    if _same_round(a, b):
        return not (a.date and b.date) or dates.dates_agree(a.date, b.date)
    if not (a.date and b.date):
        shared = bool(_participant_keys(a) & _participant_keys(b))
        return shared and _evidence_similarity(a, b) >= threshold
    if not dates.dates_agree(a.date, b.date):
        return False
    if _other_clause_of_one_sentence(a, b) and not _describes_on_the_day(a, b):
        # "the exercise was held in August, and in October the two navies held another":
        # the extractor keeps the events of one sentence apart on purpose
        return False
    if (
        a.type in STATE_CHANGE_TYPES
        and (_LIST_ITEM_FLAG in a.flags or _LIST_ITEM_FLAG in b.flags)
        and not _same_mechanism(a, b)
    ):
        # "canceling phone calls between commanders as well as the MMCA meetings": an
        # unnamed item of a list is another channel than the named ones
        return False
    if _single_document(a, b) and (a.type not in STATE_CHANGE_TYPES or _same_mechanism(a, b)):
        # one text rarely tells two same-type events of one pair in one period: a
        # re-mention that omits the mechanism is the same event (a cancellation or
        # suspension list names each channel, so there the mechanism must agree)
        return True
    if a.type in STATE_CHANGE_TYPES and _same_mechanism_named(a, b):
        # a channel is cancelled (suspended, resumed, set up) once at a given time
        return True
    if _evidence_similarity(a, b) >= threshold:
        return True
    if dates.precision(a.date) == "day" and dates.precision(b.date) == "day":
        if _participant_keys(a) & _participant_keys(b) or _same_mechanism_named(a, b):
            return True
        return a.location is not None and a.location == b.location
    return False


def _canonical_key(e: Event) -> tuple:
    """A total, input-order-free order of mentions: where they are, then what they say
    (every field that may differ between two mentions of one passage, as strings)."""
    spans = tuple(sorted((ev.doc_id, ev.start, ev.end, ev.quote) for ev in e.evidence))
    return (
        spans[0][:3] if spans else ("", -1, -1),
        e.type,
        e.actors,
        dates.sort_key(e.date),
        e.mechanism or "",
        -1 if e.round is None else e.round,
        e.modality,
        e.initiator or "",
        e.location or "",
        e.mechanism_id or "",
        e.resumed,
        e.responds_to or "",
        tuple(repr(p) for p in e.participants),
        spans,
        e.event_id,
    )


class _Clusters:
    """Union-find whose unions are refused when the joined group would disagree on
    date, mechanism or round, or would hold two events one sentence keeps apart."""

    def __init__(self, mentions: Sequence[Event]):
        self.mentions = mentions
        self.parent = list(range(len(mentions)))
        self.members = {i: [i] for i in range(len(mentions))}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _consistent(self, left: list[int], right: list[int]) -> bool:
        for i in left:
            for j in right:
                a, b = self.mentions[i], self.mentions[j]
                if a.date and b.date and not dates.dates_agree(a.date, b.date):
                    return False
                if not _mechanisms_agree(a, b):
                    return False
                if a.round is not None and b.round is not None and a.round != b.round:
                    return False
                if _other_clause_of_one_sentence(a, b) and not _describes_on_the_day(a, b):
                    return False
        return True

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj or not self._consistent(self.members[ri], self.members[rj]):
            return
        root, child = min(ri, rj), max(ri, rj)
        self.parent[child] = root
        self.members[root] = sorted(self.members[root] + self.members.pop(child))

    def groups(self) -> list[list[int]]:
        return [self.members[r] for r in sorted(self.members)]


def _candidate_pairs(mentions: Sequence[Event]) -> list[tuple[int, int]]:
    """Pairs that could be one event: same type, actors and modality, and dates that
    can agree (same month; a year-only date meets its whole year; an undated mention
    meets everyone). Sorted, so clustering is deterministic."""
    blocks: dict[tuple, dict[str, dict[str, list[int]]]] = {}
    for i, m in enumerate(mentions):
        year, month = (m.date[:4], m.date[5:7]) if m.date else ("", "")
        blocks.setdefault(_blocking_key(m), {}).setdefault(year, {}).setdefault(month, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for by_year in blocks.values():
        everyone = [i for months in by_year.values() for members in months.values() for i in members]
        for year, by_month in by_year.items():
            in_year = [i for members in by_month.values() for i in members]
            for month, members in by_month.items():
                if not year:
                    wide = everyone
                elif not month:
                    wide = in_year
                else:
                    pairs.update(combinations(members, 2))
                    continue
                pairs.update((min(u, i), max(u, i)) for u in members for i in wide if u != i)
    return sorted(pairs)


def _merge_participants(groups: Iterable[Participant]) -> list[Participant]:
    merged: dict[str, Participant] = {}
    for p in groups:
        if p.person_id:
            key = "id:" + p.person_id
        elif p.name:
            key = "name:" + name_key(p.name)
        else:
            key = f"title:{fold(p.title or '')}:{p.party}"
        if key not in merged:
            merged[key] = p
            continue
        old = merged[key]
        merged[key] = Participant(
            name=old.name or p.name,
            title=old.title or p.title,
            party=old.party or p.party,
            level=old.level or p.level,
            person_id=old.person_id or p.person_id,
        )
    return list(merged.values())


def _first(values: Iterable, what: str, flags: list[str]):
    present = [v for v in values if v is not None]
    distinct = list(dict.fromkeys(present))
    if len(distinct) > 1:
        flags.append(f"conflicting_{what}: " + " vs ".join(str(v) for v in distinct))
    return distinct[0] if distinct else None


def _merged_date(members: Sequence[Event], flags: list[str]) -> str | None:
    dated = [m.date for m in members if m.date]
    if not dated:
        return None
    best = dated[0]
    for d in dated[1:]:
        if dates.dates_agree(best, d):
            best = dates.finer(best, d)
    if any(not dates.dates_agree(best, d) for d in dated):
        flags.append("conflicting_date: reported as " + _listing(sorted(set(dated))))
    return best


def _listing(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _origins_and_sides(
    evidence: Sequence[Evidence], publishers: Mapping[str, Publisher | None]
) -> tuple[int, tuple[str, ...]]:
    origins, sides = set(), set()
    for ev in evidence:
        pub = publishers.get(ev.doc_id)
        cited = [origin_key(c.source) for c in ev.sources_cited if c.source]
        origins.update(cited or [pub.publisher_id if pub else "doc:" + ev.doc_id])
        side = ev.side or (pub.side if pub else None)
        if side:
            sides.add(side)
    return len(origins), tuple(sorted(sides))


def _merge_group(
    members: Sequence[Event],
    overrides: Sequence[Override],
    publishers: Mapping[str, Publisher | None],
) -> Event:
    members = sorted(members, key=_canonical_key)
    rep = members[0]
    flags = sorted({f for m in members for f in m.flags})
    new_flags: list[str] = []
    types = list(dict.fromkeys(m.type for m in members))
    if len(types) > 1:
        new_flags.append("override_merged_types: " + "+".join(types))
    evidence: dict[tuple[str, int, int], Evidence] = {}
    for m in members:
        for ev in m.evidence:
            evidence.setdefault((ev.doc_id, ev.start, ev.end), ev)
    ordered = [evidence[k] for k in sorted(evidence)]
    anchors = {a for m in members for a in event_anchors(m)}
    for o in sorted(overrides, key=lambda o: o.sort_key):
        if o.kind in STRUCTURAL_KINDS and anchors.intersection(o.event_keys):
            new_flags.append(override_note(o))
    n_sources, sides = _origins_and_sides(ordered, publishers)
    mechanism_id = _first((m.mechanism_id for m in members), "mechanism_id", new_flags)
    named = [
        m
        for m in members
        if m.mechanism and (mechanism_id is None or m.mechanism_id == mechanism_id)
    ]
    mechanism = (
        named[0].mechanism
        if named
        else _first((m.mechanism for m in members), "mechanism", new_flags)
    )
    event = Event(
        type=rep.type,
        actors=tuple(sorted({a for m in members for a in m.actors})),
        date=_merged_date(members, new_flags),
        modality=rep.modality,
        initiator=_first((m.initiator for m in members), "initiator", new_flags),
        mechanism=mechanism,
        mechanism_id=mechanism_id,
        round=_first((m.round for m in members), "round", new_flags),
        resumed=any(m.resumed for m in members),
        participants=_merge_participants(p for m in members for p in m.participants),
        location=_first((m.location for m in members), "location", new_flags),
        evidence=ordered,
        responds_to=_first((m.responds_to for m in members), "responds_to", new_flags),
        flags=list(dict.fromkeys(flags + new_flags)),
        event_id=rep.compute_id(),
        n_sources=n_sources,
        sides=sides,
    )
    return event


def _flag_conflicting_rounds(events: list[Event]) -> None:
    by_round: dict[tuple, list[Event]] = {}
    for e in events:
        if e.round is not None and (e.mechanism_id or e.mechanism) and e.date:
            key = (e.type, e.actors, e.modality, e.mechanism_id or fold(e.mechanism or ""), e.round)
            by_round.setdefault(key, []).append(e)
    for (_, _, _, _, rnd), same in by_round.items():
        reported = sorted({e.date for e in same if e.date})
        if len(same) > 1 and any(not dates.dates_agree(x, y) for x, y in combinations(reported, 2)):
            note = f"conflicting_date: round {rnd} reported as {_listing(reported)}"
            for e in same:
                if note not in e.flags:
                    e.flags.append(note)


def _unique_ids(events: list[Event]) -> None:
    seen: dict[str, int] = {}
    for e in events:
        n = seen.get(e.event_id, 0)
        seen[e.event_id] = n + 1
        if n:
            e.event_id = f"{e.event_id}-{n + 1}"


def merge_events(
    events: Iterable[Event],
    settings: Settings,
    overrides: Sequence[Override] = (),
    *,
    publishers: Mapping[str, Publisher | None] | None = None,
) -> list[Event]:
    """Group mentions into events (see the module docstring), then apply ``overrides``.

    Works within one document (the extractor calls it on each document's mentions)
    and across documents. Deterministic and independent of the input order. Each
    event gets the union of the evidence (sorted by document, offset), the finest
    agreeing date, the union of participants (one per person), the first non-null
    initiator, location, mechanism and round in canonical order (disagreements are
    flagged ``conflicting_<field>``), ``resumed`` if any mention says so, ``n_sources``
    (distinct origins: the outlet of each document, or the sources a passage cites)
    and ``sides`` (parties whose outlets report it). Its id is the id computed from
    its earliest passage's mention, so it is stable while that passage stays.
    Events added by analysts join the mentions after clustering; then the field
    decisions (accept, reject, edit ...) are applied and set ``review`` and
    ``version`` (:func:`mildip.resolve.overrides.apply_review`); an edit keeps the id.

    ``publishers`` maps a doc_id to the outlet of that document
    (:func:`mildip.kb.publishers.find_publisher`); without it each document
    counts as its own origin and only ``Evidence.side`` gives sides.
    """
    publishers = publishers or {}
    mentions = sorted(explode_for_splits(events, overrides), key=_canonical_key)
    clusters = _Clusters(mentions)
    for i, j in _candidate_pairs(mentions):
        if clusters.find(i) != clusters.find(j) and same_event(mentions[i], mentions[j], settings):
            clusters.union(i, j)
    partition = [[mentions[i] for i in group] for group in clusters.groups()]
    partition = place_added(partition, added_mentions(overrides))
    partition = apply_overrides(partition, overrides)
    merged = [_merge_group(group, overrides, publishers) for group in partition]
    _flag_conflicting_rounds(merged)
    merged.sort(key=lambda e: (dates.sort_key(e.date), e.type, e.event_id))
    _unique_ids(merged)
    reviewed = apply_review(merged, overrides)
    reviewed.sort(key=lambda e: (dates.sort_key(e.date), e.type, e.event_id))
    return reviewed
