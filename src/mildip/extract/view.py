"""A sentence prepared for the rules: masked text, parties, persons, dates, clauses.

Citations ("(FMPRC, April 7)") and datelines ("PORT VILA, VANUATU, June 30 (ChinaMil)
--") are masked with spaces, so no party or date is read from them; their
dates reach events only through :mod:`mildip.extract.dating`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from mildip.extract.lexicon import Lexicon
from mildip.extract.persons import PersonMention
from mildip.model import Citation
from mildip.nlp.dates import DateMention, find_dates
from mildip.nlp.gazetteer import Gazetteer, PartyMention
from mildip.nlp.sentences import Sentence

_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'’/-]{2,60}(?:,\s*[A-Z][A-Za-z .]+)?"
    r"(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?(?:\s*\([^)]*\))?\s*(?:--|—|–)\s*"
)
_PREPOSITION = re.compile(
    r"(?:^|\s)(in|at|to|from|off|near|against|with|between|by|for|of|on|into|toward|towards|"
    r"across|over|inside|around|outside|after|before|since|during|among|amid|than|as)"
    r"\s+(?:(?:the|a|an|its|their|his|her|both|all|other|several|some)\s+)?$",
    re.IGNORECASE,
)
_LEADING_ADVERBIAL = re.compile(
    r"^(?:Besides|Following|After|Before|Since|Apart from|In addition to|Unlike|Like|Despite|During)\b"
    r"[^,;]{3,120},"
)
LOCATIVE = frozenset(
    {"in", "at", "off", "near", "inside", "around", "outside", "across", "over", "into", "from"}
)
TEMPORAL = frozenset({"after", "before", "since", "during"})


@dataclass
class SentenceView:
    """Everything the frame rules need about one sentence (absolute offsets)."""

    sentence: Sentence
    masked: str
    parties: list[PartyMention]
    persons: list[PersonMention]
    dates: list[DateMention]
    citations: list[Citation]
    clause_cuts: list[int] = field(default_factory=list)

    @property
    def base(self) -> int:
        return self.sentence.start

    @property
    def text(self) -> str:
        return self.sentence.text

    def rel(self, pos: int) -> int:
        return pos - self.base

    def clause(self, pos: int) -> tuple[int, int]:
        """Absolute (start, end) of the clause holding absolute position ``pos``."""
        start, end = self.sentence.start, self.sentence.end
        for c in self.clause_cuts:
            if c <= pos:
                start = max(start, c)
            elif c > pos:
                end = min(end, c)
                break
        return start, end

    def role(self, start: int) -> str | None:
        """The preposition governing a mention starting at ``start``, following coordination."""
        head = self.masked[: self.rel(start)]
        m = _PREPOSITION.search(head)
        if m:
            return m.group(1).lower()
        coord = re.search(r"(?:,|\band\b|\bor\b|\bas well as\b)\s*(?:the\s+)?$", head)
        if coord:
            prev = [
                p for p in self.parties if p.end <= start and self.rel(p.end) <= coord.start() + 1
            ]
            if prev and coord.start() - self.rel(prev[-1].end) < 4:
                return self.role(prev[-1].start)
        return None

    def actor_parties(self, lo: int, hi: int) -> list[PartyMention]:
        """Parties in [lo, hi) that can be actors (not places, not after locative prepositions)."""
        out = []
        for p in self.parties:
            if p.code is None or p.start < lo or p.end > hi or p.kind == "place":
                continue
            r = self.role(p.start)
            if r in LOCATIVE or r in TEMPORAL:
                continue
            if p.kind == "capital" and r in {"to", "toward", "towards"}:
                continue
            out.append(p)
        return out

    def locations(self, lo: int, hi: int) -> list[PartyMention]:
        """Places and locative party mentions in [lo, hi)."""
        out = []
        for p in self.parties:
            if p.code is None or p.start < lo or p.end > hi:
                continue
            r = self.role(p.start)
            if (
                p.kind == "place"
                or r in LOCATIVE
                or (p.kind == "capital" and r in {"to", "in", "at"})
            ):
                out.append(p)
        return out


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(max(0, s), min(len(chars), e)):
            if chars[i] not in "\n":
                chars[i] = " "
    return "".join(chars)


def build_view(
    sentence: Sentence,
    citations: list[Citation],
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    published: date | None,
    persons: list[PersonMention],
    with_dates: bool = True,
) -> SentenceView:
    """Prepare ``sentence``; ``citations`` are the document's (absolute offsets).
    ``with_dates=False`` skips the date expressions (a sentence read only for context)."""
    base = sentence.start
    own = [c for c in citations if c.start >= sentence.start and c.end <= sentence.end]
    spans = [(c.start - base, c.end - base) for c in own]
    dl = _DATELINE.match(sentence.text)
    if dl:
        spans.append((0, dl.end()))
    masked = mask_spans(sentence.text, spans)
    parties = _attach_institutions(gazetteer.find(masked, offset=base), masked, base)
    dates = [d for d in find_dates(masked, published, offset=base) if d.value] if with_dates else []
    cuts = {base + m.start() for m in lexicon.clause_boundaries.finditer(masked)}
    lead = _LEADING_ADVERBIAL.match(masked)
    if lead:
        cuts.add(base + lead.end())
    cuts = sorted(cuts)
    return SentenceView(sentence, masked, parties, persons, dates, own, cuts)


def _attach_institutions(parties: list[PartyMention], masked: str, base: int) -> list[PartyMention]:
    """ "Australian Department of Defense": a country word before an institution decides its party."""
    out: list[PartyMention] = []
    for p in parties:
        if (
            out
            and p.kind in ("institution", "forum")
            and out[-1].kind in ("country", "demonym", "combining", "capital")
        ):
            gap = masked[out[-1].end - base : p.start - base]
            if re.fullmatch(r"(?:['’]s)?\s*", gap):
                prev = out.pop()
                out.append(
                    PartyMention(
                        prev.start,
                        p.end,
                        prev.text + gap + p.text,
                        prev.code,
                        "institution",
                        p.level,
                    )
                )
                continue
        out.append(p)
    return out
