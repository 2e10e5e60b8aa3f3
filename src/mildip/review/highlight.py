"""A document's text cut at every evidence span, for rendering highlights.

:func:`segments` returns consecutive :class:`Segment` s covering the whole text;
each lists the :class:`Mark` s (spans) covering it and the marks that start in it,
so a template can wrap covered text in ``<mark>`` and put an anchor where a
passage begins. The text itself is never changed: joining the segments' texts gives
it back exactly (offsets selected in a browser map back to the stored text).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Mark:
    """A span ``[start, end)`` of the text; ``key`` names it (an HTML id), ``label`` says
    what it is (an event type), ``kind`` how to show it (a CSS class), ``target`` where it
    links (an event id)."""

    start: int
    end: int
    key: str
    label: str
    kind: str = "evidence"
    target: str | None = None


@dataclass(frozen=True)
class Segment:
    text: str
    start: int
    marks: tuple[Mark, ...] = ()
    opens: tuple[Mark, ...] = ()

    @property
    def kinds(self) -> str:
        """The CSS classes of the marks covering the segment, space-separated."""
        return " ".join(sorted({m.kind for m in self.marks}))

    @property
    def labels(self) -> str:
        """The labels of the marks covering the segment, for a tooltip."""
        return ", ".join(dict.fromkeys(m.label for m in self.marks))


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """``text`` cut at every mark boundary (marks outside the text are clipped or dropped)."""
    kept = []
    for m in marks:
        start, end = max(0, m.start), min(len(text), m.end)
        if start < end:
            kept.append(Mark(start, end, m.key, m.label, m.kind, m.target))
    cuts = sorted({0, len(text), *(m.start for m in kept), *(m.end for m in kept)})
    out = []
    for lo, hi in pairwise(cuts):
        covering = tuple(m for m in kept if m.start <= lo and hi <= m.end)
        opens = tuple(m for m in kept if m.start == lo)
        out.append(Segment(text[lo:hi], lo, covering, opens))
    return out
