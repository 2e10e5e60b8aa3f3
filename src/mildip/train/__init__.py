"""Training the learned scorer (:mod:`mildip.extract.scorer`) from annotated corpora.

``mildip train --gold DIR... --out MODEL`` calls :func:`train`; ``make model`` runs that
command for the shipped model (``mildip/data/scorer.json``). See docs/training.md.

1. :func:`~mildip.train.inputs.training_corpora` checks the corpora: each is a
   directory of texts with gold, contributing its tuning part (``split.toml``, else the
   fixed rule of :mod:`mildip.evaluate.split`) or, when used whole, every document;
2. :func:`~mildip.train.examples.examples` extracts every text **without** the scorer
   and labels each candidate: 1 when it matches a gold record of its document by the
   spec's rule (type, actor set, agreeing dates; optional records count), else 0;
3. :func:`~mildip.train.fit.fit` fits a logistic regression (scikit-learn) over
   :func:`mildip.extract.scorer.features`, chooses the regularisation by grouped
   cross-validation (folds by document, drawn with the seed) and the threshold that
   maximises the F1 of the out-of-fold events, then refits on everything;
4. :func:`~mildip.train.fit.model_file` adds what the model was trained on, the
   :mod:`~mildip.train.fingerprint` of its inputs and the command that rebuilds it.

The same inputs (documents, extractor code and data, settings, library versions, seed)
give the same file byte for byte.
"""

from mildip._exceptions import TrainingError
from mildip.train.examples import Example, examples
from mildip.train.fingerprint import Fingerprint, training_fingerprint
from mildip.train.fit import SEED, fit, model_file, model_text
from mildip.train.inputs import (
    TrainingCorpus,
    check_corpora,
    check_corpus,
    check_output,
    training_corpora,
)
from mildip.train.run import train, train_scorer, write_model

__all__ = [
    "Example",
    "Fingerprint",
    "SEED",
    "TrainingCorpus",
    "TrainingError",
    "check_corpora",
    "check_corpus",
    "check_output",
    "examples",
    "fit",
    "model_file",
    "model_text",
    "train",
    "train_scorer",
    "training_corpora",
    "training_fingerprint",
    "write_model",
]
