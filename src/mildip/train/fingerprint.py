"""The fingerprint of a training run: everything that decides the model's bytes.

A model is a function of its training documents **and** of the extractor that turned
them into candidates: a new trigger, frame or gazetteer row changes the candidates and
so the model. The fingerprint is therefore the SHA-256 over five parts, each a SHA-256
recorded on its own in the model file (``fingerprint_parts``) so that a stale model
says what changed:

``documents``
    the name, text bytes and gold bytes of every document trained on, corpus by corpus
    in name order (the part chosen decides which documents these are);
``code``
    the source of the code that reads, extracts, labels and fits (:func:`code_files`);
``data``
    the data files the extractor reads (:func:`mildip._version.extraction_data_files`)
    **without** the model ``scorer.json``: training runs with the scorer off, and a
    fingerprint that covered its own output could never match;
``settings``
    the settings values of the run, except the store URL and the scorer settings
    (which training does not use);
``libraries``
    the versions of numpy, SciPy, scikit-learn, spaCy and the spaCy model package.

Nothing in it depends on the time, the machine or the paths the corpora were given
by (a corpus is known by its directory name). Computing it reads the files and hashes
them; nothing is extracted, so checking whether the shipped model is current
(``tests/test_train_shipped.py``) takes well under a second.
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from mildip._version import NOT_EXTRACTION_DATA, extraction_data_digest
from mildip.extract.scorer import MODEL_FILE
from mildip.settings import Settings
from mildip.train.inputs import TrainingCorpus

PARTS = ("documents", "code", "data", "settings", "libraries")
"""The parts of a fingerprint, in the order they are hashed."""

CODE_ROOT = "mildip.train"
"""The module whose static import closure is the code of a training run."""

LIBRARIES = ("numpy", "scipy", "scikit-learn", "spacy")
"""The distributions whose versions decide the model's bytes (plus the spaCy model)."""

UNUSED_SETTINGS = ("db_url", "use_scorer", "scorer_model")
"""Settings a training run does not read (it always extracts with the scorer off)."""

PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Fingerprint:
    """The digest of each part (:data:`PARTS`) and the fingerprint over them."""

    parts: dict[str, str]

    @property
    def value(self) -> str:
        """SHA-256 over ``part=digest`` lines in :data:`PARTS` order."""
        lines = "".join(f"{p}={self.parts[p]}\n" for p in PARTS)
        return hashlib.sha256(lines.encode("ascii")).hexdigest()

    def changed(self, recorded: Mapping[str, str]) -> list[str]:
        """The parts whose digest differs from ``recorded`` (a model's ``fingerprint_parts``)."""
        return [p for p in PARTS if recorded.get(p) != self.parts[p]]


def _update(digest, label: str, data: bytes) -> None:
    digest.update(label.encode("utf-8") + b"\0" + str(len(data)).encode("ascii") + b"\0")
    digest.update(data)


def documents_digest(corpora: Sequence[TrainingCorpus]) -> str:
    """SHA-256 over each corpus name and the name, text and gold of its documents."""
    digest = hashlib.sha256()
    for corpus in sorted(corpora, key=lambda c: c.name):
        for name, text, gold in corpus.documents():
            _update(digest, f"{corpus.name}/{name}.txt", text.read_bytes())
            _update(digest, f"{corpus.name}/{name}.gold.jsonl", gold.read_bytes())
    return digest.hexdigest()


def _module_file(module: str) -> Path | None:
    path = PACKAGE.joinpath(*module.split(".")[1:])
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py")
    return None


def _imports(module: str, source: Path) -> set[str]:
    """The ``mildip`` modules ``source`` imports anywhere (function-level imports too)."""
    package = module if source.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text("utf-8"), str(source))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names)
    return {m for m in found if m.split(".")[0] == "mildip" and _module_file(m) is not None}


@cache
def code_files() -> tuple[Path, ...]:
    """The source files of a training run, sorted: every top-level module of ``mildip``
    that :data:`CODE_ROOT` imports directly or indirectly (found by reading the import
    statements, so lazy imports count), and every file of each subpackage it reaches
    (a whole subpackage, because frames and components load their siblings by name).
    Found once per process: the code does not change while it runs."""
    reached: set[str] = set()
    todo = [CODE_ROOT]
    while todo:
        module = todo.pop()
        if module in reached:
            continue
        reached.add(module)
        parts = module.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]
        todo += sorted(_imports(module, _module_file(module)))
    files: set[Path] = set()
    for module in reached:
        parts = module.split(".")
        if len(parts) >= 2 and (PACKAGE / parts[1]).is_dir():
            files.update((PACKAGE / parts[1]).rglob("*.py"))
        else:
            files.add(_module_file(module))
    return tuple(sorted(files, key=lambda p: p.relative_to(PACKAGE).as_posix()))


@cache
def code_digest() -> str:
    """SHA-256 over the relative path and bytes of each of :func:`code_files` (once per process)."""
    digest = hashlib.sha256()
    for path in code_files():
        _update(digest, path.relative_to(PACKAGE).as_posix(), path.read_bytes())
    return digest.hexdigest()


def data_digest(folder: Path | None = None) -> str:
    """SHA-256 over the extractor's data files in ``folder`` (default the package's
    ``mildip/data``), the scorer's model left out."""
    return extraction_data_digest(folder, exclude=NOT_EXTRACTION_DATA | {MODEL_FILE})


def settings_values(settings: Settings) -> dict[str, object]:
    """The settings values a training run reads (all but :data:`UNUSED_SETTINGS`)."""
    return {k: v for k, v in sorted(asdict(settings).items()) if k not in UNUSED_SETTINGS}


def library_versions(settings: Settings) -> dict[str, str]:
    """``{distribution: version}`` of :data:`LIBRARIES` and of ``settings.spacy_model``
    ("not installed" for one that is missing)."""
    out = {}
    for name in (*LIBRARIES, settings.spacy_model):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return dict(sorted(out.items()))


def _json_digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def training_fingerprint(corpora: Sequence[TrainingCorpus], settings: Settings) -> Fingerprint:
    """The fingerprint of training on ``corpora`` with ``settings`` (module docstring)."""
    return Fingerprint(
        {
            "documents": documents_digest(corpora),
            "code": code_digest(),
            "data": data_digest(),
            "settings": _json_digest(settings_values(settings)),
            "libraries": _json_digest(library_versions(settings)),
        }
    )
