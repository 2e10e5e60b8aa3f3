"""Arguments from the dependency parse: who did what with whom, as party codes.

Two layers:

* **roles** - functions over spaCy tokens that return the heads of a trigger's
  arguments: :func:`clause_verb` (the verb that carries a nominal trigger: "held" for
  "held talks"), :func:`subjects` (through passives, control verbs, coordination and
  relative clauses), :func:`agents` (the ``by`` phrase of a passive), :func:`objects`,
  :func:`prep_objects` (``with``/``between``/``to`` ... phrases, coordinated objects
  expanded) and :func:`modifiers` (possessors, compounds and adjectives of a noun:
  "China's", "U.S.-China", "Chinese");
* **parties** - :class:`Resolver` turns the noun phrase of an argument head into party
  codes: gazetteer mentions, persons and their parties, remembered surnames, pronouns,
  "the two sides", first person, with the evidence kind of each (``Found.sources``),
  which the scorer uses.

Prepositional phrases that give a topic ("talks on North Korea", "tension over
Taiwan") and clauses inside a noun phrase never give parties.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mildip.extract.lexicon import Lexicon
from mildip.extract.sentence import Analysed, conjuncts, np_tokens
from mildip.extract.state import DocumentState
from mildip.nlp.ordinals import parse_ordinal

_COUNT = {"three": 3, "four": 4, "five": 5, "trilateral": 3, "quad": 4}
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})
TOPIC_PREPS = frozenset(
    {
        "against",
        "on",
        "over",
        "about",
        "regarding",
        "concerning",
        "amid",
        "despite",
        "toward",
        "towards",
        "after",
        "before",
        "since",
        "until",
        "following",
        "than",
        "like",
        "unlike",
        "beyond",
        "including",
        "besides",
        "per",
        "pending",
    }
)
"""Prepositions whose object is a topic or a circumstance, not a participant."""
LOCATIVE_PREPS = frozenset({"in", "at", "near", "during", "inside", "outside", "across"})
"""Prepositions inside a noun phrase that give a place ("Dong Jun in Singapore")."""
DESTINATION_PREPS = frozenset({"to", "for", "toward", "towards", "into"})
"""Prepositions of a participle inside a noun phrase that give a destination ("a ship
bound for Manila"), not an owner ("a helicopter launched from HMAS Hobart")."""
PHRASE_STOP = frozenset({"relcl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "pcomp"})
"""Dependents that end an argument phrase; participial modifiers (``acl``) stay in it."""
_NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "ADJ"})
_CLIMB_DEPS = frozenset(
    {
        "pobj",
        "prep",
        "dobj",
        "nsubj",
        "nsubjpass",
        "attr",
        "compound",
        "conj",
        "appos",
        "npadvmod",
        "oprd",
        "dative",
        "amod",
        "nmod",
        "poss",
        "pcomp",
        "agent",
        "acomp",
    }
)


def clause_verb(tok):
    """The verb whose clause holds ``tok``: ``tok`` itself for a verb, else the first
    verb up the tree through noun-phrase and prepositional links ("talks" in "held
    talks with X" → "held"). None when the phrase hangs from no verb (a headline)."""
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i and t.dep_ != "prep" or (t.i == tok.i and t.pos_ == "VERB"):
            # a participle used as a preposition ("following", "including") is no verb
            return t
        if t.head.i == t.i or t.dep_ not in _CLIMB_DEPS:
            if t.dep_ in ("relcl", "acl", "advcl", "xcomp", "ccomp") and t.pos_ in ("VERB", "AUX"):
                return t
            return None
        t = t.head
    return None


def is_passive(verb) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def subjects(verb, depth: int = 0) -> list:
    """Heads of the subjects of ``verb`` (coordinated subjects expanded). A verb without
    its own subject takes the subject of the verb it is coordinated with or controlled
    by ("China decided to suspend ..."), and a relative clause's verb takes the noun it
    modifies when its subject is the relative pronoun."""
    if verb is None or depth > 4:
        return []
    found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.pos_ != "DET"]
    if found:
        out = []
        for s in found:
            if s.dep_ == "expl":
                continue
            if s.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                out.extend(conjuncts(antecedent(verb)))
            elif named_after_its_noun(verb, s):
                # "The Chinese hospital ship Peace Ark docked in ...", parsed as a relative
                # clause "(that) Peace Ark docked" on "ship": the ship is the subject
                out.extend([verb.head, *conjuncts(s)])
            else:
                out.extend(conjuncts(s))
        if out:
            return out
    inverted = inverted_subjects(verb)
    if inverted:
        return inverted
    prep = verb.head
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and prep.lower_ in _TIME_OF_GERUND and prep.head.pos_ in ("VERB", "AUX"):
        # "Austin told reporters after speaking with Dong": the gerund of a preposition
        # of time has the subject of the verb the preposition hangs on ("instead of
        # meeting", "without naming" tell what did not happen, and keep none)
        return subjects(prep.head, depth + 1)
    if verb.dep_ == "acomp" and verb.head.i != verb.i:
        # "HMS Prince of Wales is due to call at Tokyo": the adjective's copula has the subject
        return subjects(verb.head, depth + 1)
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        if verb.dep_ == "advcl" and not (
            verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        ):
            return []
        head = verb.head
        if verb.dep_ == "xcomp" and is_passive(head) and not subjects(head, depth + 1):
            # "the destroyer is scheduled to arrive", "Li is expected to meet": the
            # controller's passive subject does the arriving
            return passive_subjects(head)
        return subjects(head, depth + 1)
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ in ("acl", "relcl") and infinitive and any(
        c.lower_ in _RANKING or c.tag_ == "JJS" for c in verb.head.children
    ):
        # "the first German warship to visit Japan in 20 years": the noun does it
        return conjuncts(verb.head)
    if verb.dep_ == "acl" and infinitive:
        noun = verb.head
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if owners and owners[0].lower_ not in ("its", "their"):
            return owners
        governing = clause_verb(noun)
        return subjects(governing, depth + 1) if governing is not None and governing.i != verb.i else []
    if verb.dep_ == "relcl" and not is_passive(verb):
        return []
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return conjuncts(verb.head)
    return []


_TIME_OF_GERUND = frozenset({"after", "before", "since", "upon", "on", "while", "when", "following"})


def inverted_subjects(verb) -> list:
    """ "Joining the U.S. in the exercise were the forces of Japan and Indonesia",
    "Attending the talks was Admiral Dong": a fronted participle whose subject follows
    its "be". The parser reads the subject as the attribute of that "be" (the root, or
    an auxiliary of the participle), or makes it the root with the participle as its
    clausal subject."""
    if verb.tag_ != "VBG":
        return []
    head = verb.head
    be = [a for a in verb.children if a.dep_ == "aux" and a.lemma_ == "be" and a.i > verb.i]
    if verb.dep_ == "csubj" and head.lemma_ == "be" and head.i > verb.i:
        be.append(head)
    for aux in be:
        found = [t for c in aux.children if c.dep_ in ("attr", "nsubj") for t in conjuncts(c)]
        if found:
            return found
    if be and verb.dep_ == "csubj" and head.pos_ in ("PROPN", "NOUN") and head.i > verb.i:
        return conjuncts(head)
    return []


def named_after_its_noun(verb, subj) -> bool:
    """Whether ``subj``, the subject of the relative clause ``verb``, is a proper name
    written right after the noun the clause hangs on ("the hospital ship Peace Ark
    docked"): the parser's misreading of a name in apposition."""
    head = verb.head
    return (
        verb.dep_ == "relcl"
        and head.pos_ == "NOUN"
        and subj.pos_ == "PROPN"
        and subj.left_edge.i == head.i + 1
        and subj.i < verb.i
    )


_RANKING = frozenset({"first", "second", "third", "last", "only", "latest", "next"})
"""Words that make "the first X to visit" mean that X visits."""


def antecedent(relcl):
    """The noun a relative clause is about. The parser often hangs "which" on the
    nearest noun ("countermeasures against the U.S., which included ..."): when that
    noun is a proper name inside a prepositional phrase of a common noun, the common
    noun is meant."""
    head = relcl.head
    if (
        head.pos_ == "PROPN"
        and head.dep_ == "pobj"
        and head.head.dep_ == "prep"
        and head.head.head.pos_ == "NOUN"
        and any(c.lower_ == "which" for c in relcl.children)
    ):
        return head.head.head
    return head


def passive_subjects(verb) -> list:
    """Heads of the passive subjects of ``verb`` (the patient); a passive relative or
    participial clause ("talks held in Beijing") takes the noun it modifies, and a
    coordinated passive with no subject of its own the subject of its head."""
    found = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    out = []
    for s in found:
        if s.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            out.extend(conjuncts(verb.head))
        else:
            out.extend(conjuncts(s))
    if not out and verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
        out = conjuncts(verb.head)
    if not out and verb.dep_ == "conj" and verb.head.i != verb.i and not any(
        c.dep_ in SUBJECT_DEPS for c in verb.children
    ):
        # "a balloon transited the United States and was shot down by a US jet": a
        # coordinated passive with no subject of its own shares its head's
        out = subjects(verb.head) or passive_subjects(verb.head)
    return out


def agents(verb) -> list:
    """Heads of the ``by`` phrase of a passive verb ("called off by Seoul")."""
    out = []
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(conjuncts(p))
    return out


def has_words(tok, words: tuple[str, ...]) -> bool:
    """Whether every word of ``words`` is a child or grandchild of ``tok`` (lemma or
    form): the rest of a multi-word trigger ("call off", "sail together", "sail in
    company")."""
    near = {c.lemma_.lower() for c in tok.children} | {c.lower_ for c in tok.children}
    for c in tok.children:
        near.update(g.lemma_.lower() for g in c.children)
    return all(w in near for w in words)


def objects(verb) -> list:
    """Heads of the direct objects (and attributes) of ``verb``, coordination expanded;
    the relative pronoun object of a relative clause stands for its noun ("a channel
    that Beijing had frozen": the channel); a verb without one shares the object of a
    verb coordinated with it ("open and operate two hotlines")."""
    out = []
    for c in verb.children:
        if c.dep_ in OBJECT_DEPS:
            if c.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                out.append(antecedent(verb))
            else:
                out.extend(conjuncts(c))
    if not out:
        # "agreed to open and operate two more hotlines": the object the parser hangs on
        # the last of two coordinated verbs is the first one's too
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and not any(s.dep_ in SUBJECT_DEPS for s in c.children):
                out.extend(t for o in c.children if o.dep_ == "dobj" for t in conjuncts(o))
    return out


def prepositions(tok, words: frozenset[str] | set[str]) -> list:
    """``tok``'s prepositions in ``words``: its own, those after "together", "along",
    "jointly" or "alongside", and a repeated preposition the parser attached as a
    conjunct ("held talks with Austin and with Dong")."""
    candidates = list(tok.children)
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ in ("together", "along", "jointly", "alongside"):
            candidates.extend(c.children)
    return [
        c
        for c in candidates
        if c.lower_ in words
        and (c.dep_ in ("prep", "agent", "dative") or (c.dep_ == "conj" and c.pos_ == "ADP"))
    ]


def prep_objects(tok, words: frozenset[str] | set[str]) -> list:
    """Objects of ``tok``'s :func:`prepositions` in ``words`` ("with", "between" ...),
    coordinated objects expanded; also "as well as" chains. The relative pronoun object
    of a relative clause's preposition ("with which") is the clause's noun."""
    out = []
    for c in prepositions(tok, words):
        found = False
        for p in c.children:
            if p.dep_ == "pobj" and p.tag_ in ("WDT", "WP") and tok.dep_ == "relcl" and c.head.i == tok.i:
                # "Colombia, with which the U.S. has concluded an agreement": the
                # relative pronoun stands for the noun the clause is about
                out.extend(conjuncts(antecedent(tok)))
                found = True
            elif p.dep_ in ("pobj", "pcomp"):
                out.extend(conjuncts(p))
                found = True
            elif p.dep_ == "prep":
                out.extend(t for q in p.children if q.dep_ == "pobj" for t in conjuncts(q))
                found = True
        orphan = None if found else orphan_object(c)
        if orphan is not None:
            out.extend(conjuncts(orphan))
    return out


_NP_INNER = frozenset({"compound", "amod", "det", "nummod", "poss", "case", "punct"})


def orphan_object(prep):
    """The noun phrase right after a preposition that the parser left without an object
    and hung elsewhere ("paid a goodwill visit to Cam Ranh International Port": *Port*
    read as a second object of *paid*): its head, or None."""
    doc = prep.doc
    for t in doc[prep.i + 1 : min(len(doc), prep.i + 8)]:
        if t.dep_ in _NP_INNER and t.head.i > t.i:
            continue
        if t.pos_ in ("NOUN", "PROPN") and t.head.i != prep.i:
            return t
        return None
    return None


def modifiers(noun) -> list:
    """Possessors, compounds, adjectives and noun modifiers of ``noun`` ("China's",
    "U.S.-China", "Chinese", "Sino-Russian"), coordinated ones expanded ("U.S. and
    Chinese")."""
    return [
        t
        for c in noun.children
        if c.dep_ in ("poss", "compound", "amod", "nmod", "nummod")
        for t in conjuncts(c)
    ]


def nominal_preps(noun, words) -> list:
    """``prep_objects`` of a noun and of its governing verb's object chain ("held talks
    with X": "with X" hangs from "held")."""
    return prep_objects(noun, words)


@dataclass
class Found:
    """Party codes of some argument phrases, in text order, with how each was found."""

    codes: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    counterpart: bool = False
    tokens: list = field(default_factory=list)
    anaphoric: list[str] = field(default_factory=list)
    """Codes that only "they", "their", "the two sides" gave: used when the named
    parties are not enough (:func:`mildip.extract.frames.assemble`)."""
    channel: list[str] = field(default_factory=list)
    """Codes of the channel a phrase refers back to ("the previous round"): used last."""

    def add(self, code: str | None, source: str) -> None:
        if not code:
            return
        if source in ("anaphor", "channel"):
            target = self.anaphoric if source == "anaphor" else self.channel
            if code not in target:
                target.append(code)
            return
        if code not in self.codes:
            self.codes.append(code)
        self.sources.add(source)

    def extend(self, other: Found) -> None:
        for c in other.codes:
            if c not in self.codes:
                self.codes.append(c)
        for c in other.anaphoric:
            if c not in self.anaphoric:
                self.anaphoric.append(c)
        for c in other.channel:
            if c not in self.channel:
                self.channel.append(c)
        self.sources |= other.sources
        self.counterpart = self.counterpart or other.counterpart
        self.tokens.extend(other.tokens)


def free_relative_host(tok, hosts) -> object | None:
    """The verb that carries a noun told inside a free relative of saying ("carried out
    what the Pentagon said was an unsafe intercept", "what Manila called a dangerous
    manoeuvre"): above the clause holding "what", the first verb whose lemma is in
    ``hosts``, or None."""
    t = tok
    seen_what = False
    for _ in range(5):
        if t.head.i == t.i or t.dep_ not in ("attr", "oprd", "ccomp", "xcomp"):
            return None
        t = t.head
        seen_what = seen_what or any(c.tag_ == "WP" and c.lower_ == "what" for c in t.children)
        if seen_what and t.pos_ == "VERB" and t.lemma_.lower() in hosts:
            return t
    return None


RECALLING_WORDS = frozenset({"last", "latest", "previous", "next"})
"""Words that, like an ordinal, pick one session of a series ("the last of those dialogues")."""


def recalled_ordinal(tok) -> bool:
    """Whether ``tok`` is an ordinal heading its own phrase after "the" ("the first",
    "the 22nd", "the last of those dialogues"): one session of a series told before."""
    if tok.dep_ in ("amod", "compound", "nummod", "advmod", "npadvmod") or tok.pos_ not in ("ADJ", "NOUN", "NUM"):
        return False
    if parse_ordinal(tok.text) is None and tok.lower_ not in RECALLING_WORDS:
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not any(
        c.dep_ == "compound" for c in tok.children
    )


def _determined(tok) -> bool:
    return any(
        c.dep_ in ("det", "poss", "amod", "nummod") and (c.lower_ in ("the", "its", "their", "this", "that", "previous", "next", "last", "latest") or c.text[:1].isdigit())
        for c in tok.children
    )


def reporter_parties(resolver: Resolver, pron) -> list[str]:
    """ "Russia said it was suspending ...", "Austin said he spoke with ...": a pronoun
    subject of a clause reported by a verb of saying stands for that verb's subject."""
    t = pron
    while t.head.i != t.i and t.dep_ not in ("ccomp",):
        t = t.head
    if t.dep_ != "ccomp":
        return []
    verb = t.head
    if not resolver.lex.in_class("reporting", verb.lemma_):
        return []
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj or subj[0].pos_ == "PRON":
        return []
    return tokens_parties(resolver, resolver.phrase_tokens(subj[0]))


_OPEN_QUOTES = frozenset({"“", "``"})
_CLOSE_QUOTES = frozenset({"”", "''"})


def _quoted(tok) -> bool:
    """Whether ``tok`` lies inside a quotation of its sentence (between “ and ”, or
    after an odd number of straight double quotes)."""
    depth = straight = 0
    for t in tok.sent:
        if t.i >= tok.i:
            break
        if t.text in _OPEN_QUOTES:
            depth += 1
        elif t.text in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif t.text == '"':
            straight += 1
    return depth > 0 or straight % 2 == 1


def quoted_speaker(resolver: Resolver, pron) -> list[str]:
    """ "'I spoke with my Indian counterpart,' Austin said": a first-person pronoun inside
    a quotation stands for the party of the quotation's speaker, the named subject of the
    verb of saying that the quoted clause depends on; [] when there is none. Direct
    speech without quotation marks counts when the verb of saying follows it ("We held
    productive talks in Tokyo today, the minister said")."""
    quoted = _quoted(pron)
    for t in pron.ancestors:
        if not resolver.lex.in_class("reporting", t.lemma_) or _quoted(t):
            continue
        if not quoted and t.i < pron.i:
            return []
        subj = [c for c in t.children if c.dep_ == "nsubj" and c.pos_ != "PRON" and not _quoted(c)]
        if subj:
            return tokens_parties(resolver, resolver.phrase_tokens(subj[0]))
    return []


def subject_parties(resolver: Resolver, pron, single: bool = False) -> list[str]:
    """ "Australia and the Philippines highlighted ... the first joint sails of their
    navies": a possessive "their" inside a verb's object stands for that verb's subject,
    when the subject names two parties or more; with ``single``, a possessive "its" on
    the verb's direct object stands for a subject that names exactly one ("Beijing held
    its drills", not "China is not responding to its requests")."""
    if pron.dep_ != "poss":
        return []
    if single and (pron.head.dep_ != "dobj" or resolver.lex.in_class("proposal", pron.head.lemma_)):
        # "is not responding to its requests", "China rebuffed its invitation": only the
        # owner of the verb's own object is bound to the subject, and no one answers
        # their own proposal
        return []
    t = pron.head
    while t.head.i != t.i and t.pos_ not in ("VERB", "AUX"):
        t = t.head
    if t.pos_ not in ("VERB", "AUX"):
        return []
    subj = [c for c in t.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    if not subj:
        return []
    codes = tokens_parties(resolver, [x for s in subj for x in s.subtree])
    if single:
        return codes if len(set(codes)) == 1 else []
    return codes if len(set(codes)) >= 2 else []


def speaker_and_partner(resolver: Resolver, pron) -> list[str]:
    """ "I have not spoken with Admiral Dong since we met in Singapore": a "we" after a
    clause whose subject is "I" and whose verb has a ``with``/``to`` partner stands for
    the speaker and that partner; [] otherwise."""
    speaker = resolver.state.first_person(plural=False)
    if len(speaker) != 1:
        return []
    for tok in pron.sent:
        if tok.i >= pron.i or tok.dep_ != "nsubj" or tok.lower_ not in resolver.lex.first_singular:
            continue
        verb = tok.head
        if verb.i >= pron.i:
            continue
        partners = [
            o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
            for o in c.children if o.dep_ == "pobj" and o.pos_ != "PRON"
        ]
        for o in partners:
            others = [c for c in tokens_parties(resolver, resolver.phrase_tokens(o)) if c != speaker[0]]
            if others:
                return [speaker[0], *others]
    return []


def tokens_parties(resolver: Resolver, toks) -> list[str]:
    """The distinct party codes that ``toks`` name, by gazetteer mention or person, in
    order of appearance."""
    codes = []
    for tok in toks:
        for pm in resolver.sent.parties_of(tok.i):
            if pm.code not in codes:
                codes.append(pm.code)
        person = resolver.sent.person_of(tok.i)
        if person is not None and person.party and person.party not in codes:
            codes.append(person.party)
    return codes


def vessel_antecedent(resolver: Resolver, pron) -> list[str]:
    """ "the training ship Qi Jiguang will carry out a mission, during which it will pay
    visits to ...": an "it" stands for the nearest earlier subject of its sentence that
    is a ship or a navy, and gives that subject's parties; [] when there is none."""
    before = [
        t for t in pron.sent
        if t.i < pron.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"
    ]
    for subj in reversed(before):
        toks = [t for t in resolver.phrase_tokens(subj) if t.i < pron.i]
        if any(resolver.lex.in_class("naval", t.lemma_) for t in toks):
            return tokens_parties(resolver, toks)
    return []


@dataclass
class Resolver:
    """Party codes of noun phrases in one analysed sentence (see the module docstring)."""

    sent: Analysed
    state: DocumentState
    lex: Lexicon

    def phrase_tokens(self, head) -> list:
        """The tokens of the argument phrase headed by ``head``, without topic phrases
        and without the phrases coordinated with ``head`` itself (the role functions
        pass each conjunct as a head of its own: "visited Japan and Korea")."""
        skip = {t.i for c in head.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        out = []
        for t in np_tokens(head, stop=PHRASE_STOP):
            if t.i in skip or self._under_topic(t, head):
                continue
            out.append(t)
        return out

    def _under_topic(self, tok, head) -> bool:
        t = tok
        while t.i != head.i and t.head.i != t.i:
            if t.dep_ == "prep" and t.lower_ == "including" and self.lex.in_class("party_group", t.head.lemma_):
                # "17 countries, including Australia and Japan" lists members
                t = t.head
                continue
            if t.dep_ == "prep" and (t.lower_ in TOPIC_PREPS or t.lower_ in LOCATIVE_PREPS):
                return True
            if t.dep_ == "prep" and t.lower_ in DESTINATION_PREPS and t.head.dep_ == "acl":
                return True
            t = t.head
        return False

    def _channel_back(self, head) -> tuple[tuple[str, ...], str | None] | None:
        """The channel "the dialogue", "the previous, 13th round", "the first exercise
        of the series" refers back to, or None. A session noun ("round", "meeting")
        may refer to either family; the others to their own."""
        lemma = head.lemma_.lower()
        channels = self.state.last_channels
        if recalled_ordinal(head) and self.state.last_family:
            # "The first was held in the northern Arabian Sea in 2020": a session of the
            # series just told; "the last of those dialogues": of the channel named
            of_channel = [o for o in prep_objects(head, {"of"}) if o.lemma_.lower() in self.lex.channel_back]
            if of_channel:
                return self._channel_back(of_channel[0])
            return channels.get(self.state.last_family)
        if lemma not in self.lex.channel_back or not _determined(head):
            return None
        if lemma in self.lex.session_nouns:
            return channels.get("DIALOGUE") or channels.get("EXERCISE")
        family = "EXERCISE" if lemma in self.lex.channel_back_exercise else "DIALOGUE"
        return channels.get(family)

    def parties(self, heads, source: str = "role", places: bool = False) -> Found:
        """Parties named by the phrases headed by ``heads``; with ``places``, places
        count for the country they lie in ("visited Sihanoukville")."""
        found = Found()
        for h in heads:
            found.extend(self._phrase(h, source, places))
        return found

    def _phrase(self, head, source: str, places: bool = False) -> Found:
        found = Found(tokens=[head])
        remembered = None
        sent, state = self.sent, self.state
        toks = self.phrase_tokens(head)
        seen_mentions = set()
        text = " ".join(t.lower_ for t in toks)
        for t in toks:
            mentions = sent.places_of(t.i) if places else sent.parties_of(t.i)
            for pm in mentions:
                if id(pm) not in seen_mentions:
                    seen_mentions.add(id(pm))
                    found.add(pm.code, source)
            if mentions:
                continue
            person = sent.person_of(t.i)
            if person is not None:
                found.add(person.party, source + ":person")
                continue
            low = t.lower_
            if t.lemma_.lower() == "counterpart" or low in ("counterparts", "counterpart"):
                found.counterpart = True
            if t.pos_ == "PROPN" and t.text in state.people:
                found.add(state.person_party(t.text), "memory")
            elif low in ("he", "she") and (reported := reporter_parties(self, t)):
                # "Austin said he spoke with Dong": the reporter is the speaker
                for code in reported:
                    found.add(code, "pronoun")
            elif t.pos_ == "PRON" and low in ("he", "she", "him", "her", "his"):
                # a possessive inside a phrase ("his Philippine counterpart") only
                # stands in when the phrase names no party itself
                found.add(state.person_party(low), "anaphor" if t.dep_ == "poss" and t.i != head.i else "pronoun")
            elif low == "its" and (own := subject_parties(self, t, single=True)):
                # "Beijing has been holding its biggest drills, Taiwan said": the owner is
                # the subject of its clause, not the reporter
                for code in own:
                    found.add(code, "anaphor")
            elif low in ("it", "its", "they", "their") and (reported := reporter_parties(self, t)):
                for code in reported:
                    found.add(code, "anaphor" if t.dep_ == "poss" and t.i != head.i else "pronoun")
            elif low in ("it", "its") and (vessel := vessel_antecedent(self, t)):
                for code in vessel:
                    found.add(code, "anaphor" if t.dep_ == "poss" and t.i != head.i else "pronoun")
            elif low in ("it", "its") and state.naval_party and state.naval_recent:
                found.add(state.naval_party, "memory")
            elif t.pos_ == "PRON" and low in ("you", "your", "yours"):
                speaker = state.first_person(plural=False)
                other = state.counterpart_of(speaker[0]) if speaker else None
                found.add(other, "anaphor")
            elif t.pos_ == "PRON" and low in self.lex.first_singular | self.lex.first_plural and (
                quoted := quoted_speaker(self, t)
            ):
                # "'I spoke with my Indian counterpart,' Austin said"
                for code in quoted:
                    found.add(code, "first_person")
            elif t.pos_ == "PRON" and low in self.lex.first_plural and (pair := speaker_and_partner(self, t)):
                # "I have not spoken with Admiral Dong since we met in May"
                for code in pair:
                    found.add(code, "first_person")
            elif t.pos_ == "PRON" and low in self.lex.first_plural:
                for code in state.first_person(plural=True):
                    found.add(code, "first_person")
            elif t.pos_ == "PRON" and low in self.lex.first_singular:
                for code in state.first_person(plural=False):
                    found.add(code, "first_person")
            elif low == "their" and (own := subject_parties(self, t)):
                for code in own:
                    found.add(code, "anaphor")
            elif low in ("they", "them", "their") and len(state.pair()) >= 2:
                for code in state.pair():
                    found.add(code, "anaphor")
            elif t.pos_ == "NOUN" and t.i == head.i and t.dep_ != "compound":
                party = state.person_party(low, title_noun=True)
                determined = any(c.lower_ in ("the", "its", "these", "those", "both") for c in t.children)
                if party and determined:
                    remembered = party
                elif determined and self.lex.in_class("naval", t.lemma_) and state.naval_party:
                    remembered = state.naval_party
        if remembered and not found.codes:
            # "the secretary", "the ships": the person or navy of the story, unless the
            # phrase names its party ("the Philippine navy")
            found.add(remembered, "memory")
        if len(found.codes) < 2 and not found.anaphoric:
            channel = self._channel_back(head)
            if channel:
                for code in channel[0]:
                    found.add(code, "channel")
        two = self.lex.two_parties.search(text)
        named = tuple(p.code for p in sent.parties if p.code) + tuple(pm.party for pm in sent.persons if pm.party)
        if len(found.codes) < 2 and two and len(state.pair_for(two.group(0), named)) >= 2:
            for code in state.pair_for(two.group(0), named):
                found.add(code, "anaphor")
        many = self.lex.many_parties.search(text)
        if many and len(found.codes) < 3:
            n = _COUNT.get(many.group(0).split()[-1].lower(), 3)
            for code in state.set_of_size(n):
                found.add(code, "anaphor")
        return found
