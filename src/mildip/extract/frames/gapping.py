"""Gapped clauses: "held its first joint sail with the U.S. Navy from Nov. 21 to 23, and
days later, on Nov. 25 and 26, with the Royal Australian Navy"; "spoke by phone in March
2020 and again in August".

The parser hangs the second ``with`` phrase on the verb as a conjunct of its own: the
verb is said once and left out after. When that conjunct carries a date of its own, it
tells a second event of the same trigger, with the party of the second phrase in place
of the first one's and dated by what the conjunct says; the first event keeps the other
dates of the sentence. A dated conjunct with "again" ("and again in August") tells the
same event once more, between the same parties.
"""

from __future__ import annotations

from dataclasses import replace

from mildip.extract.frames import Draft, FrameContext

GAPPED_PREPS = frozenset({"with"})


def _objects(prep) -> list:
    return [p for p in prep.children if p.dep_ == "pobj"]


def _dated_gaps(ctx: FrameContext, verb) -> list:
    """The ``with`` conjuncts of ``verb`` that hold a date."""
    return [
        c
        for c in verb.children
        if c.dep_ == "conj" and c.pos_ == "ADP" and c.lower_ in GAPPED_PREPS
        and any(ctx.sent.date_of(t.i) for t in c.subtree)
    ]


def split_gapped(ctx: FrameContext, drafts: list[Draft]) -> list[Draft]:
    """``drafts`` with each draft whose verb has a dated gapped ``with`` conjunct split:
    one draft with the first ``with`` party, one per conjunct with its party, each with
    the parties of the rest of the clause; then each draft with a dated "and again"
    phrase told once more (see the module docstring). Other drafts come back unchanged."""
    out: list[Draft] = []
    for d in drafts:
        verb = d.verb
        gaps = _dated_gaps(ctx, verb) if verb is not None else []
        direct = [
            c for h in (verb, d.trigger) if h is not None
            for c in h.children if c.dep_ == "prep" and c.lower_ in GAPPED_PREPS
        ]
        first = set(ctx.parties([o for p in direct for o in _objects(p)], "with").codes) if gaps else set()
        seconds = [(g, set(ctx.parties(_objects(g), "with").codes) - first) for g in gaps]
        seconds = [(g, codes) for g, codes in seconds if codes and codes <= set(d.actors)]
        if not first or not seconds:
            out.append(d)
            continue
        base = set(d.actors) - first - {c for _, codes in seconds for c in codes}
        inside = frozenset(t.i for g, _ in seconds for t in g.subtree)
        out.append(replace(d, actors=tuple(sorted(base | first)), not_dated_by=d.not_dated_by | inside))
        for g, codes in seconds:
            span = {t.i for t in g.subtree}
            outside = frozenset(t.i for t in d.trigger.doc if t.i not in span)
            out.append(
                replace(d, actors=tuple(sorted(base | codes)), not_dated_by=d.not_dated_by | outside, own_date_only=True)
            )
    return [d for d in _split_repeated(ctx, out) if len(d.actors) >= 2]


def _again(ctx: FrameContext, verb) -> list:
    """The dated phrases after "and again" under ``verb`` ("spoke by phone in March 2020
    and again in August"): the preposition "again" modifies, wherever the parser hung
    it, when a date lies in its phrase."""
    out = []
    doc = verb.doc
    for t in verb.subtree:
        if t.lower_ != "again" or t.i <= verb.i or t.i == 0 or doc[t.i - 1].lower_ not in ("and", ","):
            continue
        phrase = t.head
        dates = [m for x in phrase.subtree if (m := ctx.sent.date_of(x.i))]
        if phrase.pos_ != "ADP" or not dates:
            continue
        out.append(phrase)
    return out


def _split_repeated(ctx: FrameContext, drafts: list[Draft]) -> list[Draft]:
    """``drafts`` with one more draft, between the same parties, per dated "again"
    conjunct of a draft's verb; the first keeps the sentence's other dates, the second
    takes a missing year from the last full date written before it ("in March 2020 ...
    and again in August")."""
    out: list[Draft] = []
    for d in drafts:
        agains = _again(ctx, d.verb) if d.verb is not None else []
        if not agains:
            out.append(d)
            continue
        inside = frozenset(t.i for g in agains for t in g.subtree)
        out.append(replace(d, not_dated_by=d.not_dated_by | inside))
        for g in agains:
            span = {t.i for t in g.subtree}
            outside = frozenset(t.i for t in d.trigger.doc if t.i not in span)
            start = ctx.sent.abs_start(g)
            written = [m.value[:4] for m in ctx.sent.dates if m.value and not m.relative and m.start < start]
            out.append(
                replace(
                    d, not_dated_by=d.not_dated_by | outside, own_date_only=True,
                    year_of=written[-1] if written else None,
                )
            )
    return out

