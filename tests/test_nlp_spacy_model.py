"""The spaCy stage's repairs of the small model's tags (:mod:`mildip.nlp.spacy_model`)."""

import pytest

from mildip.nlp.spacy_model import parse
from mildip.settings import Settings


def _token(text: str, word: str):
    (doc,) = parse([text], Settings().spacy_model)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "word", "pos", "lemma"),
    [
        # a noun after a determiner and a name, which the tagger takes for a verb
        ("Japanese and Philippine troops took part in the Kamandag drills in Luzon in May.", "drills", "NOUN", "drill"),
        # verbs keep their tag
        ("The two navies drilled together in May.", "drilled", "VERB", "drill"),
        ("They held the drills that Tokyo had planned.", "planned", "VERB", "plan"),
    ],
)
def test_spacy_model_verb_in_the_place_of_a_noun_is_a_noun(text, word, pos, lemma):
    tok = _token(text, word)
    assert (tok.pos_, tok.lemma_) == (pos, lemma)
