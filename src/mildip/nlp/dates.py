"""Temporal expressions: find them in a sentence and resolve them to partial ISO dates.

``find_dates(text, published, offset=0)`` returns :class:`DateMention` objects with
the resolved ``value`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), its
``precision`` and whether the expression was relative. Resolution is against the
publication date:

* a month or day without a year ("In February", "February 4", "Sept. 9") takes the
  most recent occurrence on or before the publication date (the next one when
  ``direction="future"``); after "that" or "the same" ("that June") its kind is
  ``that_month``, so that a narrative's year governs it (:mod:`mildip.extract.dating`);
* "last August" / "last November" take the most recent such month strictly before
  the publication month; "this January" takes the publication year;
* "earlier this year", "this year", "last year", "next year" give a year; with a
  month or a day before them ("in May last year", "March 3 of this year") they give
  that month or day of that year;
* "today", "this morning", "tonight", "yesterday", "last night", "on Tuesday" give a
  day (the weekday within the seven days up to publication, or from it for the
  future: "on Thursday" in a Thursday story is that day, "last Thursday" the week
  before, "next Thursday" the week after);
* "last week", "this week", "next week" give the month holding most days of that
  Monday-to-Sunday week ("this week" counts the days up to publication, or from it
  for the future and "later this week");
* a range within one month ("from January 8th to 9th", "April 5-7") gives the month;
* a bare year ("in 2019") gives the year. Years inside names ("Golden Dragon 2024")
  are found as years too; callers prefer the most precise mention.

Without a publication date, expressions that need one resolve to None.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
"""Season → (first month, last month) in the northern hemisphere; winter runs into the
next year (month 14 = February)."""
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"

_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-3]\d)\b"),
    (
        "range_md",
        (rf"\b(?:from\s+)?(?P<rmd_m>{_MONTH})\s+(?P<rmd_d1>{_DAY})\s*(?:-|–|to|through|until)\s*"
        rf"(?:(?P<rmd_m2>{_MONTH})\s+)?(?P<rmd_d2>{_DAY})\b(?:,?\s+(?P<rmd_y>{_YEAR}))?"),
    ),
    (
        "range_dm",
        (rf"\b(?:from\s+)?(?P<rdm_d1>{_DAY})\s*(?:-|–|to)\s*(?P<rdm_d2>{_DAY})\s+(?P<rdm_m>{_MONTH})"
        rf"(?:,?\s+(?P<rdm_y>{_YEAR}))?\b"),
    ),
    ("mdy", rf"\b(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY}),?\s+(?P<mdy_y>{_YEAR})\b"),
    ("dmy", rf"\b(?P<dmy_d>{_DAY})\s+(?P<dmy_m>{_MONTH}),?\s+(?P<dmy_y>{_YEAR})\b"),
    ("my", rf"\b(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>{_YEAR})\b"),
    (
        "month_rel_year",
        (rf"\b(?:(?:early|mid|late)[\s-]+)?(?P<mry_m>{_MONTH})(?:\s+(?P<mry_d>{_DAY}))?,?\s+(?:of\s+)?"
        r"(?P<mry_rel>last|this|next)\s+year\b"),
    ),
    ("md", rf"\b(?P<md_m>{_MONTH})\s+(?P<md_d>{_DAY})\b(?!\s*(?:-|–)\s*\d)"),
    ("dm", rf"\b(?P<dm_d>{_DAY})\s+(?P<dm_m>{_MONTH})\b"),
    ("last_month", rf"\b(?P<lm_rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<lm_m>{_MONTH})\b"),
    (
        "season_year",
        rf"\b(?:(?:in|during|over|by)\s+the\s+|the\s+)?(?P<sy_s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<sy_y>{_YEAR})\b",
    ),
    (
        "season",
        r"\b(?P<se_rel>last|this|next|(?:in|during|over|by)\s+the)\s+(?P<se_s>spring|summer|autumn|fall|winter)\b",
    ),
    (
        "part_month",
        (rf"\b(?:(?:the\s+)?(?:early|mid|late|end\s+of|"
        rf"beginning\s+of|start\s+of)[\s-]+)?(?P<pm_m>{_MONTH})(?!\w)"),
    ),
    (
        "rel_month",
        r"\b(?P<rm>(?:earlier|later)\s+this\s+month|this\s+month|last\s+month|next\s+month)\b",
    ),
    (
        "rel_year",
        r"\b(?P<ry>(?:earlier|later)\s+this\s+year|this\s+year|last\s+year|(?<!the\s)next\s+year)\b",
    ),
    (
        "rel_week",
        r"\b(?P<rw>(?:earlier|later)\s+this\s+week|this\s+week|last\s+week|next\s+week)\b",
    ),
    (
        "rel_day",
        (r"\b(?P<rd>today|yesterday|tomorrow|tonight|this\s+(?:morning|afternoon|evening)|"
        r"last\s+night)\b"),
    ),
    (
        "weekday",
        (r"\b(?:on\s+|last\s+|this\s+|next\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
        r"Saturday|Sunday)\b"),
    ),
    ("year", rf"(?<![\d-])(?P<y>{_YEAR})(?![\d-])"),
]
_REGEX = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS), re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A resolved temporal expression; ``text == sentence[start:end]`` (absolute offsets)."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None
    kind: str
    relative: bool


def _month(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day(token: str) -> int:
    return int(re.match(r"\d+", token).group())


def _past_year(month: int, day: int | None, published: date, direction: str) -> int:
    """Year that puts (month, day) on or before ``published`` (or after, for the future)."""
    y = published.year
    probe = (month, day or 1)
    if direction == "future":
        return y if probe >= (published.month, published.day if day else 1) else y + 1
    return y if probe <= (published.month, published.day if day else published.day) else y - 1


def _season_year(season: str, rel: str, published: date, direction: str) -> int:
    """The year a season starts in: "last summer" is the last one over before
    ``published``, "next summer" the first one not begun, "this summer" the one of the
    publication year; "in the summer" the last one begun (the next one, for the future)."""
    first, last = SEASONS[season]
    y, mo = published.year, published.month
    if rel == "this":
        return y
    if rel == "last":
        return y if mo > last else y - 1
    if rel == "next" or direction == "future":
        return y if mo < first else y + 1
    return y if mo >= first else y - 1


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    if d is not None:
        return date(y, m, d).isoformat()
    if m is not None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}"


def _resolve(m: re.Match, published: date | None, direction: str) -> tuple[str | None, bool]:
    kind = m.lastgroup
    g = m.groupdict()
    try:
        if kind == "iso":
            return _fmt(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])), False
        if kind == "mdy":
            return _fmt(int(g["mdy_y"]), _month(g["mdy_m"]), _day(g["mdy_d"])), False
        if kind == "dmy":
            return _fmt(int(g["dmy_y"]), _month(g["dmy_m"]), _day(g["dmy_d"])), False
        if kind == "my":
            return _fmt(int(g["my_y"]), _month(g["my_m"])), False
        if kind == "month_rel_year":
            if published is None:
                return None, True
            y = published.year + {"last": -1, "next": 1}.get(g["mry_rel"].lower(), 0)
            d = _day(g["mry_d"]) if g["mry_d"] else None
            return _fmt(y, _month(g["mry_m"]), d), True
        if kind in ("range_md", "range_dm"):
            p = "rmd" if kind == "range_md" else "rdm"
            mo = _month(g[f"{p}_m"])
            if g.get("rmd_m2") and _month(g["rmd_m2"]) != mo:
                y = int(g[f"{p}_y"]) if g[f"{p}_y"] else None
                if y is None and published is None:
                    return None, True
                y = y or _past_year(mo, 1, published, direction)
                return _fmt(y), y is None
            if g[f"{p}_y"]:
                return _fmt(int(g[f"{p}_y"]), mo), False
            if published is None:
                return None, True
            return _fmt(_past_year(mo, _day(g[f"{p}_d1"]), published, direction), mo), True
        if kind in ("md", "dm"):
            mo, d = _month(g[f"{kind}_m"]), _day(g[f"{kind}_d"])
            if published is None:
                return None, True
            return _fmt(_past_year(mo, d, published, direction), mo, d), True
        if kind == "last_month":
            mo = _month(g["lm_m"])
            if published is None:
                return None, True
            rel = g["lm_rel"].lower()
            if rel == "this":
                return _fmt(published.year, mo), True
            if rel == "next":
                y = published.year if mo > published.month else published.year + 1
                return _fmt(y, mo), True
            y = published.year if mo < published.month else published.year - 1
            return _fmt(y, mo), True
        if kind == "part_month":
            mo = _month(g["pm_m"])
            if published is None:
                return None, True
            return _fmt(_past_year(mo, None, published, direction), mo), True
        if kind == "season_year":
            return _fmt(int(g["sy_y"])), False
        if kind == "season":
            if published is None:
                return None, True
            return _fmt(_season_year(g["se_s"].lower(), g["se_rel"].lower(), published, direction)), True
        if kind == "rel_year":
            if published is None:
                return None, True
            phrase = " ".join(g["ry"].lower().split())
            offset = {
                "last year": -1,
                "next year": 1,
            }.get(phrase, 0)
            return _fmt(published.year + offset), True
        if kind == "rel_month":
            if published is None:
                return None, True
            phrase = " ".join(g["rm"].lower().split())
            offset = {
                "last month": -1,
                "next month": 1,
            }.get(phrase, 0)
            y, mo = divmod(published.year * 12 + published.month - 1 + offset, 12)
            return _fmt(y, mo + 1), True
        if kind == "rel_week":
            if published is None:
                return None, True
            phrase = " ".join(g["rw"].lower().split())
            if phrase in ("last week", "next week"):
                return _week_month(published + timedelta(days=-7 if phrase == "last week" else 7)), True
            # this week: the days up to publication, or from it for what is to come
            after = phrase == "later this week" or phrase == "this week" and direction == "future"
            return _week_month(published, after=after, before=not after), True
        if kind == "rel_day":
            if published is None:
                return None, True
            phrase = " ".join(g["rd"].lower().split())
            delta = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(phrase, 0)
            return (published + timedelta(days=delta)).isoformat(), True
        if kind == "weekday":
            if published is None:
                return None, True
            target = WEEKDAYS.index(g["wd"].lower())
            if direction == "future":
                # "are expected to meet on Thursday" in a Thursday story: that day
                delta = (target - published.weekday()) % 7
                if delta == 0 and m.group(0).lower().startswith("next"):
                    delta = 7
                return (published + timedelta(days=delta)).isoformat(), True
            delta = (published.weekday() - target) % 7
            if delta == 0 and m.group(0).lower().startswith("last"):
                # "last Thursday" in a Thursday story: a week ago, not today
                delta = 7
            return (published - timedelta(days=delta)).isoformat(), True
        if kind == "year":
            return _fmt(int(g["y"])), False
    except (ValueError, KeyError):
        return None, False
    return None, False


def _week_month(day: date, after: bool = False, before: bool = False) -> str:
    """The month of the Monday-to-Sunday week of ``day`` that holds most of its days
    ("last week" in a story of Wednesday 3 July 2024 is June); with ``before`` only the
    days up to ``day`` count, with ``after`` only the days from it."""
    monday = day - timedelta(days=day.weekday())
    week = [monday + timedelta(days=i) for i in range(7)]
    week = [d for d in week if not (before and d > day) and not (after and d < day)]
    months = Counter((d.year, d.month) for d in week)
    (y, mo), _ = months.most_common(1)[0]
    return _fmt(y, mo)


def _precision(value: str | None) -> str | None:
    if value is None:
        return None
    return {4: "year", 7: "month", 10: "day"}[len(value)]


_MONTH_LEAD = re.compile(
    r"(?:In|Since|By|Until|Through|Before|After|During|From|Early|Late|Mid|Last|This|Next|On|"
    r"Of|And|Or|To|Between|The)$"
)


def _name_context(text: str, start: int, word: str) -> bool:
    """ "Dong Jun", "Theresa May": a month word right after a capitalised name is a name.
    Abbreviations without a full stop ("Jun", "Mar") need a day or year to count."""
    if word[-1] != "." and word.lower() not in MONTHS_FULL:
        return True
    before = text[max(0, start - 30) : start].split()
    if not before:
        return False
    prev = before[-1]
    return prev[:1].isupper() and prev.isalpha() and not _MONTH_LEAD.match(prev)


MONTHS_FULL = frozenset(
    (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    )
)


_MONTH_LIST_BEFORE = re.compile(rf"{_MONTH},?\s+(?:and|or)\s+$")
_MONTH_LIST_AFTER = re.compile(rf"(?:,\s*|,?\s+(?:and|or)\s+){_MONTH}\b")


def _not_a_date(m: re.Match, text: str) -> bool:
    """Whether the match ``m`` is no date: a month word in lower case, after a name
    ("Theresa May") or as the verb "may"; a weekday in lower case."""
    kind = m.lastgroup
    span_text = m.group(0)
    if kind in ("part_month", "md", "dm", "month_rel_year"):
        word = re.search(_MONTH, span_text, re.IGNORECASE).group(0)
        if not word[0].isupper():
            return True
        bare = kind == "part_month" or (kind == "month_rel_year" and not m.group("mry_d"))
        if bare and _name_context(text, m.start(), word):
            return True
        before = text[max(0, m.start() - 20) : m.start()] + span_text[: span_text.index(word)]
        if (
            word == "May"
            and bare
            and not re.search(r"(?i)\b(in|since|by|until|early|mid|late|end|beginning|start)[\s-]+(of\s+)?$", before)
            and not _MONTH_LIST_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
            and not _MONTH_LIST_AFTER.match(text[m.end() : m.end() + 30])
        ):
            # "May" is a month after a preposition of time or in a list of months
            # ("in March, April and May"), otherwise the verb
            return True
    return (
        kind == "weekday"
        and not span_text[0].isupper()
        and not span_text.lower().startswith(("on ", "last ", "this ", "next "))
    )


def find_dates(
    text: str,
    published: date | None,
    offset: int = 0,
    direction: str = "past",
) -> list[DateMention]:
    """Temporal expressions in ``text``; offsets are ``offset + position in text``."""
    found: list[DateMention] = []
    pos = 0
    while (m := _REGEX.search(text, pos)) is not None:
        kind = m.lastgroup
        span_text = m.group(0)
        pos = m.end()
        if _not_a_date(m, text):
            if kind == "month_rel_year":
                # "Theresa May last year": the relative year is still a date
                pos = m.start("mry_m") + len(m.group("mry_m"))
            continue
        value, relative = _resolve(m, published, direction)
        start = m.start()
        lead = re.match(r"(?i)(?:from|in|since|by|until|on)\s+", span_text)
        if lead:
            start += lead.end()
            span_text = span_text[lead.end() :]
        found.append(
            DateMention(
                start=offset + start,
                end=offset + m.end(),
                text=span_text,
                value=value,
                precision=_precision(value),
                kind=kind,
                relative=relative,
            )
        )
    found = [_narrative_month(d, text, offset) for d in found]
    # "Monday 17 February 2025", "Friday, May 31": the weekday only repeats the date
    found = [
        d
        for d in found
        if not (d.kind == "weekday" and any(0 <= o.start - d.end <= 2 for o in found if o is not d))
    ]
    return _share_years(found, text, offset)


_THAT_BEFORE = re.compile(r"(?i)\b(?:that|the\s+same|later\s+that|earlier\s+that)\s+$")


def _narrative_month(d: DateMention, text: str, offset: int) -> DateMention:
    """ "that June", "later that June": a bare month in the year the narrative is telling
    (kind ``that_month``), never the year the publication date would give it."""
    if d.kind != "part_month" or not _THAT_BEFORE.search(text[max(0, d.start - offset - 16) : d.start - offset]):
        return d
    return DateMention(d.start, d.end, d.text, d.value, d.precision, "that_month", d.relative)


def _share_years(found: list[DateMention], text: str, offset: int) -> list[DateMention]:
    """ "on May 24 and June 11, 2014": the year written after the last date of a
    coordination also dates the ones before it."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        d, nxt = out[i], out[i + 1]
        if d.kind not in ("md", "dm") or nxt.relative or not nxt.value or not d.value:
            continue
        gap = text[d.end - offset : nxt.start - offset]
        if re.fullmatch(r",?\s+(?:and|or|to)\s+", gap):
            out[i] = DateMention(
                d.start, d.end, d.text, nxt.value[:4] + d.value[4:], d.precision, d.kind, False
            )
    return out


_WORD_NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}
_DAY_COUNT = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_ANCHORED = re.compile(
    r"\b(?:(?P<next>the\s+(?:next|following)\s+day)|(?P<prev>the\s+(?:day\s+before|previous\s+day))"
    r"|(?P<same>(?:that|the\s+same)\s+day)"
    rf"|(?P<later>(?P<n>\d{{1,2}}|{_DAY_COUNT})\s+days?\s+(?P<dir>later|after(?:wards?)?|earlier|before))"
    r"|(?P<mlater>(?P<mn>a|one|two|three|four|five|six)\s+months?\s+(?P<mdir>later|after(?:wards?)?|earlier|before))"
    r"|(?P<week>(?:that|the\s+same|the\s+following|the\s+next|later\s+that)\s+week)"
    r"|(?P<month>(?:that|the\s+same|later\s+that|earlier\s+that)\s+month)"
    r"|(?P<year>(?:that|the\s+same|later\s+that|earlier\s+that)\s+year)"
    r"|(?P<yshift>the\s+(?P<ydir>following|next|previous|preceding)\s+year|a\s+year\s+(?P<yago>later|earlier))"
    r"|(?P<mshift>the\s+(?P<mdir2>following|next|previous|preceding)\s+month))\b",
    re.IGNORECASE,
)


_THAT_TIME = re.compile(r"\b(?:at\s+the\s+time|at\s+that\s+time|back\s+then|at\s+that\s+point)\b", re.IGNORECASE)


def recalls_time(text: str) -> bool:
    """Whether ``text`` dates itself by the time just told ("Obama and Modi also agreed
    at the time to ...")."""
    return bool(_THAT_TIME.search(text))


def find_anchored(text: str, anchor: str | None, offset: int = 0) -> list[DateMention]:
    """Expressions dated by the narrative, not by the publication: "the next day",
    "two days later", "that week", "later that year", "the following year", "a year later" - resolved against ``anchor`` (a
    partial ISO date). A day offset needs a day-precise anchor; otherwise the result
    keeps the anchor's precision. Without an anchor the list is empty."""
    if not anchor:
        return []
    out = []
    for m in _ANCHORED.finditer(text):
        value = _anchored_value(m, anchor)
        if value is None:
            continue
        out.append(
            DateMention(
                start=offset + m.start(),
                end=offset + m.end(),
                text=m.group(0),
                value=value,
                precision=_precision(value),
                kind="anchored",
                relative=True,
            )
        )
    return out


def _anchored_value(m: re.Match, anchor: str) -> str | None:
    if m.group("mlater"):
        if len(anchor) < 7:
            return anchor[:4]
        n = _WORD_NUMBERS.get(m.group("mn").lower(), 1)
        sign = 1 if m.group("mdir").lower().startswith(("later", "after")) else -1
        y, mo = divmod(int(anchor[:4]) * 12 + int(anchor[5:7]) - 1 + sign * n, 12)
        return f"{y:04d}-{mo + 1:02d}"
    if m.group("year"):
        return anchor[:4]
    if m.group("yshift"):
        # "the following year", "a year later": the narrative's year, moved by one
        back = (m.group("ydir") or "").lower() in ("previous", "preceding") or (m.group("yago") or "").lower() == "earlier"
        return f"{int(anchor[:4]) + (-1 if back else 1):04d}"
    if m.group("mshift"):
        if len(anchor) < 7:
            return anchor[:4]
        sign = -1 if m.group("mdir2").lower() in ("previous", "preceding") else 1
        y, mo = divmod(int(anchor[:4]) * 12 + int(anchor[5:7]) - 1 + sign, 12)
        return f"{y:04d}-{mo + 1:02d}"
    if m.group("month"):
        return anchor[:7] if len(anchor) >= 7 else anchor[:4]
    if m.group("week") and len(anchor) >= 10 and re.match(r"(?i)the\s+(?:following|next)", m.group("week")):
        # "the following week": the month of the anchor's day plus seven
        return (date.fromisoformat(anchor[:10]) + timedelta(days=7)).isoformat()[:7]
    if m.group("week") or m.group("same"):
        return anchor
    if len(anchor) < 10:
        return anchor
    day = date.fromisoformat(anchor)
    if m.group("next"):
        return (day + timedelta(days=1)).isoformat()
    if m.group("prev"):
        return (day - timedelta(days=1)).isoformat()
    n = m.group("n").lower()
    count = _WORD_NUMBERS.get(n) or int(n)
    sign = 1 if m.group("dir").lower().startswith(("later", "after")) else -1
    return (day + timedelta(days=sign * count)).isoformat()
