"""Training the learned scorer (:mod:`mildip.extract.scorer`) from annotated corpora.

``mildip train --gold DIR... --out MODEL`` (and ``make model`` for the shipped model):

1. :func:`examples` extracts every gold-annotated text of each corpus **without** the
   scorer and labels each candidate: 1 when it matches a gold record of its document
   by the spec's rule (type, actor set, agreeing dates; optional records count), else
   0. Only the tuning part of a corpus is read (its ``split.toml`` or the fixed rule of
   :mod:`mildip.evaluate.split`), unless the corpus is given as used whole;
2. :func:`fit` fits a logistic regression (scikit-learn) over
   :func:`mildip.extract.scorer.features`, chooses the regularisation by grouped
   cross-validation (folds by document) and the threshold that maximises the F1 of
   the out-of-fold candidates, then refits on everything;
3. :func:`model_json` writes the model with the fingerprint of every corpus it saw,
   so that the same inputs give the same file byte for byte.
"""

from mildip.train.examples import Example, examples
from mildip.train.fit import fit, model_json, train

__all__ = ["Example", "examples", "fit", "model_json", "train"]
