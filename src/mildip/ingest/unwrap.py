"""Undo hard line wrapping: rejoin the lines of a paragraph, and words broken by a hyphen.

Plain-text wires, e-mails and the text layer of PDFs break paragraphs into lines
of a fixed width. :func:`unwrap` joins those lines again, so that a sentence is one
line of the stored text whatever the layout of its input. Only line breaks change:
every other character is kept, and a text that is not wrapped comes back identical.

**Is the text wrapped?** Its width ``W`` is the length of its longest line that
holds a space (a long URL on its own line may pass the width). Lengths are
counted in characters, or in UTF-8 bytes when that joins more lines (``fold`` and
``fmt`` count bytes, so their lines with curly quotes are short in characters). Two adjacent
non-blank lines form a *break*. A plain text is wrapped when
``MIN_WIDTH <= W <= MAX_WIDTH`` and the rules below would join at least
``MIN_JOINS`` breaks, and at least half of the breaks that the width decides (the
last two rules; breaks kept by structure are not counted). Text from a PDF
(``typeset=True``) is always laid out in lines, so it is always treated as wrapped.

**Which breaks are joined.** In a wrapped text, a break is kept when

* either line is blank (paragraph breaks stay; blank lines are never removed);
* either line is part of a table (a tab, a leading ``|``, or two column gaps: runs
  of two or more spaces that do not follow sentence punctuation, so ``talks.  The``
  is no gap) or a Markdown heading, quote or rule (``#``, ``>``, ``---``), or lies
  inside a fenced code block;
* the second line starts a list item - a bullet (``•``, ``▪``, ...) always; ``-``,
  ``*``, ``+``, ``1.``, ``2)``, ``(a)`` only after a line that ends a sentence or a
  lead-in (``.``, ``:``, ``;`` ...) or is itself an item, since a wrapper may well
  put a dash or a number at the start of a line - a transcript turn (``Q:``, ``MR. SULLIVAN:``: upper-case words and a colon) or a
  dateline (``WASHINGTON (Reuters) -``, ``BEIJING, Aug. 5 --``: upper-case place
  names before a dash);
* the first line is a date on its own (``December 21, 2023``);
* the first word of the second line would have fitted on the first line with room
  to spare (``len(line) + 1 + len(word) <= W * (1 - slack)``, slack ``SLACK`` for
  plain text, ``TYPESET_SLACK`` for PDFs whose proportional fonts make character
  counts rough): the line was ended on purpose - a heading, a caption, the last
  line of a paragraph, a signature;
* in plain text, the first line ends a sentence (``.``, ``!``, ``?``, ``:``, a closing
  quote after them) and the next word would have fitted at all (``<= W``): a short
  final line. (Not in PDF text, where a full line ending in ``Gen.`` is common and
  character counts cannot tell a full line from a nearly full one.)

Every other break is joined with one space (trailing spaces of the first line and
the indentation of the second are dropped). A line that ends in a letter or digit
followed by ``-`` is joined with no space; the hyphen is *dropped* only when

1. the characters on both sides of it are lower-case letters, and
2. the hyphenated word (``military-to-military``) does not occur elsewhere in the
   text, and
3. the joined word (``consultations``) occurs elsewhere in the text, or, failing
   that, the text is typeset (a PDF) and the part after the hyphen (``tations``) is
   not a word of the text on its own: typesetters split words at syllables,
   while plain-text wrappers never add hyphens (they only break after hyphens
   that are there).

So ``consul-\\ntations`` becomes ``consultations`` and ``China-\\nU.S.``,
``2+2-\\nstyle`` and ``high-\\nlevel`` (where ``level`` is a word of the text) keep
their hyphen. Matching is case-insensitive and whole-word.

Evidence offsets point into the unwrapped text, which is what ``Document.text``
stores.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mildip.nlp.citations import DATE_PHRASE

MIN_WIDTH = 40
"""Narrower than this, short lines are not taken for wrapping (nobody wraps prose so)."""
MAX_WIDTH = 160
"""Wider than this, a plain text is not taken for hard-wrapped."""
MIN_JOINS = 2
"""A plain text is wrapped only if at least this many breaks would be joined."""
SLACK = 0.1
"""Share of the width a plain-text line may fall short of it and still be full."""
TYPESET_SLACK = 0.25
"""The same for PDF text, whose character counts vary with the letters' widths."""

_BULLET = re.compile(r"^\s*[•▪◦‣∙●○■□]\s")
_ITEM = re.compile(r"^\s*(?:[*+-]\s|\(?[0-9]{1,3}[.)]\s|\([a-zA-Z]{1,3}\)\s)")
_ITEM_LEAD = re.compile(r"[.!?:;][\"'”’)\]]*$")
_TURN = re.compile(r"^\s*(?:Q|A|[A-Z][A-Z.'’ -]{1,40}[A-Z.]):\s")
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*"
    r"(?:,\s+[A-Z][A-Za-z.]+\s+\d{1,2}(?:,\s+\d{4})?)?\s*(?:\([^)]{1,40}\))?\s*(?:—|–|--|-)\s"
)
_TABLE = re.compile(r"\t|^\s*\|")
_COLUMN_GAP = re.compile(r"(?<![\s.!?:;\"'”’)]) {2,}(?=\S)")
_MARKDOWN = re.compile(r"^\s*(?:#{1,6}\s|>|(?:[-=*_]\s*){3,}$)")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")
_HYPHEN_END = re.compile(r"[^\W_]-$")
_WORD_PART = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Unwrapped:
    """The text with its wrapping undone, and what was done."""

    text: str
    lines_joined: int = 0
    hyphens_dropped: int = 0
    width: int | None = None
    """The wrap width found (None when the text was not taken for wrapped)."""


def _first_word(line: str) -> str:
    words = line.split(maxsplit=1)
    return words[0] if words else ""


def _structural(lines: list[str]) -> list[bool]:
    """Lines that keep both their breaks: tables, Markdown blocks, fenced code."""
    out, fenced = [], False
    for line in lines:
        fence = bool(_FENCE.match(line))
        table = bool(_TABLE.search(line)) or len(_COLUMN_GAP.findall(line)) >= 2
        out.append(fenced or fence or table or bool(_MARKDOWN.match(line)))
        if fence:
            fenced = not fenced
    return out


Measure = Callable[[str], int]


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def _width(lines: list[str], size: Measure) -> int:
    return max((size(line.rstrip()) for line in lines if " " in line.strip()), default=0)


def _list_item(first: str, second: str) -> bool:
    """Whether ``second`` starts a list item (``-``, ``*`` and numbers only after a
    line that ends a sentence or a lead-in, or after another item)."""
    if _BULLET.match(second):
        return True
    return bool(_ITEM.match(second)) and bool(
        _ITEM_LEAD.search(first.rstrip()) or _ITEM.match(first) or _BULLET.match(first)
    )


def _kept_by_structure(first: str, second: str) -> bool:
    """Breaks kept whatever the width: list items, turns, datelines, a lone date."""
    if _list_item(first, second) or _TURN.match(second) or _DATELINE.match(second):
        return True
    return bool(DATE_PHRASE.fullmatch(first.strip().rstrip(".")))


def _kept_by_width(first: str, second: str, width: int, typeset: bool, size: Measure) -> bool:
    """Breaks kept because the next word would have fitted on the first line."""
    head = first.rstrip()
    if _HYPHEN_END.search(head):
        return False
    need = size(head) + 1 + size(_first_word(second))
    if need <= width * (1 - (TYPESET_SLACK if typeset else SLACK)):
        return True
    return not typeset and bool(_SENTENCE_END.search(head)) and need <= width


def _join_decisions(lines: list[str], typeset: bool, size: Measure) -> tuple[list[bool], int, int]:
    """``joins[i]``: join line ``i`` with line ``i + 1``; the number of breaks that
    the width decided (breaks kept by structure are not counted); the width."""
    width = _width(lines, size)
    structural = _structural(lines)
    joins, judged = [False] * len(lines), 0
    for i in range(len(lines) - 1):
        first, second = lines[i], lines[i + 1]
        if not first.strip() or not second.strip():
            continue
        if structural[i] or structural[i + 1] or _kept_by_structure(first, second):
            continue
        judged += 1
        joins[i] = not _kept_by_width(first, second, width, typeset, size)
    return joins, judged, width


def _occurs(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE) is not None


def _drop_hyphen(head: str, tail: str, text: str, at: tuple[int, int], typeset: bool) -> bool:
    """Whether the hyphen ending the line ``head`` is a word break before ``tail``.

    ``at`` is where ``head`` ends and ``tail`` starts in ``text``; the broken word
    itself does not count as occurring elsewhere.
    """
    if len(head) < 2 or not tail or not (head[-2].islower() and tail[0].islower()):
        return False
    left = re.search(r"[\w-]*-$", head).group()[:-1]
    right = re.match(r"[\w-]*", tail).group()
    head_end, tail_at = at
    elsewhere = text[: head_end - len(left) - 1] + " " + text[tail_at + len(right) :]
    if _occurs(f"{left}-{right}", elsewhere):
        return False
    if _occurs(left.rsplit("-", 1)[-1] + right.split("-", 1)[0], elsewhere):
        return True
    part = _WORD_PART.match(right)
    return typeset and not (part and _occurs(part.group(), elsewhere))


def unwrap(text: str, typeset: bool = False) -> Unwrapped:
    """``text`` with the line breaks inside its paragraphs removed (module docstring).

    ``typeset`` is for text read from a PDF: it is always taken for wrapped, its
    widths are rougher, and it may hyphenate words.
    """
    lines = text.split("\n")
    joins, judged, width = max(
        (_join_decisions(lines, typeset, size) for size in (len, _bytes)),
        key=lambda decided: sum(decided[0]),
    )
    if width == 0:
        return Unwrapped(text)
    joined = sum(joins)
    if not typeset and not (
        MIN_WIDTH <= width <= MAX_WIDTH and joined >= MIN_JOINS and 2 * joined >= judged
    ):
        return Unwrapped(text)
    if not joined:
        return Unwrapped(text, width=width)
    out: list[str] = []
    current, dropped, start = lines[0], 0, 0
    for i in range(1, len(lines)):
        previous, line = lines[i - 1], lines[i]
        start += len(previous) + 1
        if not joins[i - 1]:
            out.append(current)
            current = line
            continue
        head, tail = current.rstrip(), line.lstrip()
        if _HYPHEN_END.search(head):
            head_end = start - 1 - len(previous) + len(previous.rstrip())
            at = (head_end, start + len(line) - len(tail))
            if _drop_hyphen(previous.rstrip(), tail, text, at, typeset):
                head, dropped = head[:-1], dropped + 1
            current = head + tail
        else:
            current = head + " " + tail
    out.append(current)
    return Unwrapped("\n".join(out), joined, dropped, width)
