"""What a training run reads: gold corpora, the part of each, and where the model goes.

A training corpus is a directory of ``NAME.txt`` texts with ``NAME.gold.jsonl`` gold
beside them (:mod:`mildip.evaluate.corpora`). By default only its **tuning** part is
read (its ``split.toml``, else the fixed rule of :mod:`mildip.evaluate.split`), so its
sealed part stays unseen and can score the model; a corpus given as used whole
(``--all-of``) contributes every document. Corpora are known by their directory name,
which must be unique within one run, and are always read in name order, so the order
in which they are given never changes the model.

Every check here raises :class:`~mildip._exceptions.TrainingError` (or the
:class:`~mildip._exceptions.DataFileError` of a malformed gold file) with a one-line
message, before any text is extracted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mildip._exceptions import TrainingError
from mildip.evaluate.corpora import document_parts, gold_pairs, read_gold_dir

PARTS = ("tuning", "all")
"""What a corpus contributes: its tuning part, or all of its documents."""


@dataclass(frozen=True)
class TrainingCorpus:
    """A gold corpus directory and the part of it that is trained on."""

    path: Path
    part: str = "tuning"

    @property
    def name(self) -> str:
        """The directory's name (``real`` for ``../shared/corpus/real``, also for ``.``)."""
        return self.path.resolve().name

    def documents(self) -> list[tuple[str, Path, Path]]:
        """``(name, NAME.txt, NAME.gold.jsonl)`` of each document trained on, by name."""
        parts = document_parts(self.path)
        return [
            (text.stem, text, gold)
            for text, gold in gold_pairs(self.path)
            if self.part == "all" or parts[text.stem] == self.part
        ]


def training_corpora(
    gold: Iterable[str | Path] = (), all_of: Iterable[str | Path] = ()
) -> list[TrainingCorpus]:
    """The corpora of a run: each of ``gold`` for its tuning part, each of ``all_of``
    whole; checked (:func:`check_corpora`) and sorted by name."""
    corpora = [TrainingCorpus(Path(p), "tuning") for p in gold]
    corpora += [TrainingCorpus(Path(p), "all") for p in all_of]
    check_corpora(corpora)
    return sorted(corpora, key=lambda c: c.name)


def check_corpus(corpus: TrainingCorpus) -> None:
    """Refuse a corpus that is no directory of texts with gold (or has malformed gold),
    and one whose chosen part has no document."""
    if corpus.part not in PARTS:
        raise TrainingError(f"part must be one of {', '.join(PARTS)}, not {corpus.part!r}")
    if not corpus.path.is_dir():
        raise TrainingError(f"{corpus.path}: no such directory")
    read_gold_dir(corpus.path)
    if not corpus.documents():
        total = len(gold_pairs(corpus.path))
        raise TrainingError(
            f"{corpus.path}: none of its {total} document(s) is in the tuning part (all are "
            "sealed); add documents, or train on all of it with --all-of"
        )


def check_corpora(corpora: Sequence[TrainingCorpus]) -> None:
    """Refuse a run without corpora, a bad corpus (:func:`check_corpus`) and two corpora
    with one name."""
    if not corpora:
        raise TrainingError(
            "no gold corpus given; name at least one directory with --gold or --all-of"
        )
    seen: dict[str, Path] = {}
    for corpus in corpora:
        check_corpus(corpus)
        if corpus.name in seen:
            raise TrainingError(
                f"two corpora are named {corpus.name!r} ({seen[corpus.name]} and {corpus.path}); "
                "corpora are known by their directory name, so rename one"
            )
        seen[corpus.name] = corpus.path


def check_output(out: str | Path) -> Path:
    """``out`` as a path a model can be written to: not a directory, in an existing
    directory that this process may write to (and not a read-only file)."""
    path = Path(out)
    if path.is_dir():
        raise TrainingError(f"{path} is a directory; give the model file's name")
    folder = path.parent
    if not folder.is_dir():
        raise TrainingError(
            f"cannot write the model to {path}: the directory {folder} does not exist"
        )
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise TrainingError(f"cannot write the model to {path}: permission denied")
    return path
