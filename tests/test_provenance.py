"""Texts written by others stay outside the repository (issue 8).

The repository holds only text its authors wrote plus the seed analysis (``seed.txt``);
the published texts are read from the shared data folder. The bundled demo corpus is the
seed and reconstructions of the held-out corpus's tuning part (never its sealed part).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mildip.evaluate import document_parts

REPOSITORY = Path(__file__).resolve().parent.parent
EXAMPLES = REPOSITORY / "examples" / "corpus"
HELDOUT = REPOSITORY / "tests" / "data" / "heldout"
OWN_TEXT = "PUBLICATION: reconstruction for testing (not a published text)"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _repository_texts() -> list[Path]:
    skip = {".venv", ".git", "build", "dist"}
    return [
        p
        for p in sorted(REPOSITORY.rglob("*.txt"))
        if not skip.intersection(p.relative_to(REPOSITORY).parts)
    ]


def test_provenance_no_text_copies_a_shared_text(dev_corpus):
    shared = dev_corpus.parent  # every corpus of the shared data folder
    theirs = {_digest(p): p for p in shared.rglob("*.txt") if p.name != "seed.txt"}
    assert theirs, f"{shared} holds no text"
    ours = _repository_texts()
    assert ours
    copies = [str(p.relative_to(REPOSITORY)) for p in ours if _digest(p) in theirs]
    assert copies == [], f"copies of texts in {shared}: read them from there instead"


def test_provenance_demo_corpus_is_the_seed_and_tuning_reconstructions():
    texts = sorted(EXAMPLES.glob("*.txt"))
    assert "seed.txt" in {p.name for p in texts} and len(texts) >= 5
    parts = document_parts(HELDOUT)
    for text in texts:
        if text.name == "seed.txt":
            continue
        assert OWN_TEXT in text.read_text("utf-8").split("\n---", 1)[0], text.name
        assert parts.get(text.stem) == "tuning", f"{text.name} is not a tuning-part reconstruction"
        assert _digest(text) == _digest(HELDOUT / text.name), f"{text.name} differs from its original"
