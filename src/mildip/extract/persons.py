"""Person mentions with their titles: "then PRC Defense Minister Wei Fenghe".

A name is found when it is a known official (``officials.tsv`` names and aliases),
when a rank or title stands right before it ("Adm. Samuel Paparo", "Vice Foreign
Minister Sun Weidong"), or, with spaCy enabled, when the NER tags it PERSON. The
title is read from the words before the name (down to a lower-case word other
than "of/the/for") or from an appositive (", the commander of ..."). "then"
before a title marks a former post; the role is resolved later by the event date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mildip.extract.lexicon import load_lexicon
from mildip.kb.officials import load_posts, senior_surnames
from mildip.nlp.trie import trie_pattern
from mildip.resources import data_digest, load_tsv


@dataclass(frozen=True)
class PersonMention:
    """A person in a sentence (absolute offsets); ``title`` and ``party`` as the text gives them."""

    start: int
    end: int
    name: str
    title: str | None
    party: str | None
    title_start: int


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


@dataclass(frozen=True)
class PersonLexicon:
    surnames: dict[str, str]
    """Surname → full name, for surnames that only one listed official bears."""
    titled_surname: re.Pattern[str]
    known: re.Pattern[str]
    rank: re.Pattern[str]
    rank_tail: re.Pattern[str]
    titled_name: re.Pattern[str]
    appositive_after: re.Pattern[str]
    appositive_before: re.Pattern[str]


_NAME = r"(?:[A-Z][A-Za-z’'\-]*\.?\s+){0,3}?[A-Z][a-z’'\-]+(?:,?\s+Jr\.)?"
_NAME_2 = r"(?:[A-Z][A-Za-z’'\-]*\.?\s+){1,3}[A-Z][a-z’'\-]+(?:,?\s+Jr\.)?"
_SURNAME_TITLES = (
    r"(?:Secretary|Minister|Admiral|General|President|Premier|Chairman|Commander|Ambassador|"
    r"Director|Speaker|Senator|Prime Minister|Foreign Minister|Defense Minister|Defence Minister)"
)
_TITLE_HEADS = (
    r"commander|chief|head|director|minister|chairman|chairwoman|secretary|spokesperson|"
    r"spokesman|spokeswoman|ambassador|president|premier|admiral|general|deputy|vice|attaché"
)


def _build() -> PersonLexicon:
    names: set[str] = set()
    by_surname: dict[str, set[str]] = {}
    family_first = load_lexicon().family_name_first
    for post in load_posts():
        names.add(post.name)
        names.update(post.aliases)
        words = post.name.replace(",", " ").split()
        words = [w for w in words if w not in ("Jr.", "Jr", "III", "II")]
        if words:
            by_surname.setdefault(words[-1], set()).add(post.name)
        if len(words) > 1 and post.party in family_first:
            # "Admiral Dong" is Dong Jun: the family name comes first
            by_surname.setdefault(words[0], set()).add(post.name)
    ranks: set[str] = set()
    for row in load_tsv("ranks.tsv"):
        ranks.add(row["rank"])
        ranks.update(_split(row.get("abbreviations")))
    titles: set[str] = set()
    for row in load_tsv("titles.tsv"):
        titles.add(row["title"])
        titles.update(_split(row.get("aliases")))
    rank_re = trie_pattern(sorted(ranks))
    title_re = trie_pattern(sorted(t for t in titles if t[:1].isupper()))
    known = re.compile(r"(?<![\w])(?:" + trie_pattern(sorted(names)) + r")(?![\w])")
    titled = re.compile(
        rf"(?<![\w])(?:(?P<title>{title_re})|(?P<rank>{rank_re}))\s+(?P<name>{_NAME_2})(?![\w])"
    )
    return PersonLexicon(
        surnames={k: next(iter(v)) for k, v in by_surname.items() if len(v) == 1},
        titled_surname=re.compile(
            rf"(?<![\w])(?:(?P<title>{title_re})|(?P<rank>{rank_re})|{_SURNAME_TITLES})\s+"
            rf"(?P<name>[A-Z][a-z’'\-]+)(?![\w’'-])"
        ),
        known=known,
        rank=re.compile(rf"(?:{rank_re})"),
        rank_tail=re.compile(rf"(?:^|\s+)(?:{rank_re})$"),
        titled_name=titled,
        appositive_after=re.compile(
            rf"^,\s+(?:the\s+)?(?P<title>(?:{_TITLE_HEADS})\b[^,;()]{{3,120}}?)(?=,|\.|;|$|\s+(?:held|met|said|and)\b)",
            re.IGNORECASE,
        ),
        appositive_before=re.compile(
            rf"(?:^|\s)(?:The|the)\s+(?P<title>(?:{_TITLE_HEADS})\s+of\s+[^,;]{{3,100}}),\s+$",
        ),
    )


@lru_cache(maxsize=2)
def _load(digest: str) -> PersonLexicon:
    return _build()


def person_lexicon() -> PersonLexicon:
    """Compiled name and title patterns (cached per data digest)."""
    return _load(data_digest("officials.tsv", "ranks.tsv", "titles.tsv", "frames.toml"))


@dataclass(frozen=True)
class NameWords:
    """``name_words.tsv``: words that end a run of proper nouns, and words no name holds."""

    breaks_run: frozenset[str]
    not_a_name: frozenset[str]
    ship_prefixes: frozenset[str]

    def excludes(self, name: str) -> bool:
        """Whether ``name`` holds a word that names an institution, an event, a place or
        a thing ("Defense Policy Coordination Talk", "Exclusive Economic Zone"), or a
        digit ("P-8A Poseidon"), so it is no person."""
        words = re.findall(r"[^\W\d_]+|\d", name.lower())
        return any(w in self.not_a_name or w.isdigit() for w in words)

    def after_ship_prefix(self, text: str, start: int) -> bool:
        """Whether the name at ``start`` of ``text`` is a ship's ("USS John C. Stennis")."""
        before = text[max(0, start - 8) : start].split()
        return bool(before) and before[-1].upper() in self.ship_prefixes and text[start - 1 : start].isspace()


@lru_cache(maxsize=2)
def _name_words(digest: str) -> NameWords:
    rows = load_tsv("name_words.tsv")
    by_role: dict[str, set[str]] = {"breaks_run": set(), "not_a_name": set(), "ship_prefix": set()}
    for row in rows:
        if row["role"] not in by_role:
            raise ValueError(f"name_words.tsv: unknown role {row['role']!r} for {row['word']!r}")
        word = row["word"]
        by_role[row["role"]].add(word.upper() if row["role"] == "ship_prefix" else word.lower())
    return NameWords(
        frozenset(by_role["breaks_run"]),
        frozenset(by_role["not_a_name"]),
        frozenset(by_role["ship_prefix"]),
    )


def name_words() -> NameWords:
    """The name vocabulary of ``name_words.tsv`` (cached per data digest)."""
    return _name_words(data_digest("name_words.tsv"))


_TITLE_WORD = re.compile(
    r"(?:[A-Z][\w’'.\-]*|of|the|for|then|spokesperson|spokesman|spokeswoman|\([A-Z]{2,}\))$"
)


def _title_before(text: str, name_start: int) -> tuple[str | None, int]:
    """The capitalised run of title words ending right before ``name_start``."""
    head = text[:name_start]
    words = list(re.finditer(r"\S+", head))
    start = name_start
    taken = []
    for w in reversed(words):
        token = w.group(0)
        if token.endswith(",") or token.endswith(";") or not _TITLE_WORD.match(token):
            break
        taken.append(w)
        start = w.start()
    while taken and taken[-1].group(0).lower() in {"of", "the", "for", "and", "then"}:
        taken.pop()
        start = taken[-1].start() if taken else name_start
    if not taken:
        return None, name_start
    title = " ".join(w.group(0) for w in reversed(taken))
    while title.endswith((" of", " the", " for", " and")):
        title = title.rsplit(" ", 1)[0]
    return title or None, start


def find_persons(
    text: str, base: int, party_at, extra_spans: tuple[tuple[int, int], ...] = ()
) -> list[PersonMention]:
    """Persons in sentence ``text`` (at absolute offset ``base``).

    ``extra_spans`` are name spans (relative to ``text``) found by another means,
    such as spaCy's PERSON entities; they are kept when they hold two words or more.

    ``party_at(lo, hi)`` returns the party code mentioned inside [lo, hi) (absolute
    offsets), or None; it reads the title's country ("PRC Defense Minister").
    """
    lex = person_lexicon()
    spans: dict[tuple[int, int], str] = {}
    for m in lex.known.finditer(text):
        spans[(m.start(), m.end())] = m.group(0)
    for m in lex.titled_name.finditer(text):
        s, e = m.start("name"), m.end("name")
        if not any(a <= s < b or a < e <= b for a, b in spans):
            spans[(s, e)] = m.group("name")
    for m in lex.titled_surname.finditer(text):
        s, e = m.start("name"), m.end("name")
        full = lex.surnames.get(m.group("name"))
        if full and not any(a <= s < b or a < e <= b for a, b in spans):
            spans[(s, e)] = full
    for s, e in extra_spans:
        name = text[s:e]
        if len(name.split()) >= 2 and not any(a <= s < b or a < e <= b for a, b in spans):
            spans[(s, e)] = name
    words = name_words()
    out = []
    for (s, e), name in sorted(spans.items()):
        name = name.rstrip(",")
        if words.excludes(name) or words.after_ship_prefix(text, s):
            continue
        title, tstart = _title_before(text, s)
        after = lex.appositive_after.match(text[e:])
        if after:
            title = after.group("title").strip()
            tstart = s
            t_lo, t_hi = e + after.start("title"), e + after.end("title")
        else:
            before = lex.appositive_before.search(text[:tstart])
            if before and not title or before and lex.rank.fullmatch(title or ""):
                title = before.group("title").strip()
            t_lo, t_hi = (before.start("title") if before else tstart), s
        former = False
        if title:
            title = re.sub(r"\s+", " ", title)
            if title.lower().startswith("then "):
                title, former = title[5:], True
            title = lex.rank_tail.sub("", title).strip() or None
        party = party_at(base + t_lo, base + t_hi) if title or former else None
        out.append(PersonMention(base + s, base + e, name, title, party, base + min(tstart, s)))
    return out


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "poss"})


def _surname_read_as_noun(t) -> bool:
    """ "Marles raised the issue ...": a surname opening a sentence that the tagger
    reads as a common noun (a plural, for its final -s)."""
    return t.is_sent_start and t.pos_ == "NOUN" and t.text in senior_surnames()


def lone_names(doc, covered: set[int]) -> tuple[tuple[int, int], ...]:
    """Character spans (relative to the parsed text) of single capitalised proper nouns
    that are a clause's argument ("met Austin", "Teodoro said") and that no gazetteer
    mention covers: words that may be an official's surname alone."""
    stop = name_words().breaks_run | name_words().not_a_name
    out = []
    for t in doc:
        if (
            (t.pos_ == "PROPN" or _surname_read_as_noun(t))
            and t.dep_ in _ARGUMENT_DEPS
            and t.text[:1].isupper()
            and t.text[1:].islower()
            and t.i not in covered
            and t.lower_ not in stop
            and not any(c.pos_ == "PROPN" and c.dep_ in ("compound", "flat") for c in t.children)
            and not (t.i > 0 and doc[t.i - 1].pos_ == "PROPN")
        ):
            out.append((t.idx, t.idx + len(t.text)))
    return tuple(out)


def name_spans(doc, covered: set[int]) -> tuple[tuple[int, int], ...]:
    """Character spans (relative to the parsed text) of runs of two or more capitalised
    proper nouns that no gazetteer mention covers ("Gilberto Teodoro", "Dong Jun"):
    the person names that no title announces. ``covered`` holds the indices of tokens
    inside party, place and forum names. A word of ``name_words.tsv`` ends a run, and
    :func:`find_persons` drops names that hold an institution's, event's, place's or
    thing's word ("Air Force", "Ministry", "Dialogue")."""
    words = name_words()
    stop = words.breaks_run | words.not_a_name
    out = []
    run: list = []

    def close() -> None:
        if len(run) >= 2:
            out.append((run[0].idx, run[-1].idx + len(run[-1].text)))
        run.clear()

    for t in doc:
        name_like = (
            t.pos_ == "PROPN"
            and t.text[:1].isupper()
            and t.i not in covered
            and t.lower_ not in stop
            and not t.like_num
        )
        if name_like:
            run.append(t)
        else:
            close()
    close()
    return tuple(out)
