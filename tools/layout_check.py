"""Does layout decide extraction? Score a gold corpus as written, hard-wrapped and as PDFs.

::

    python tools/layout_check.py ../shared/corpus/dev                 # make variants, score all
    python tools/layout_check.py ../shared/corpus/dev --wrap 72 --keep OUT
    python tools/layout_check.py --score-only OUT/wrap72 OUT/pdf      # score ready folders

The variants are made by :mod:`mildip.ingest.layout` (``OUT/wrap<N>/``, ``OUT/pdf/``,
gold files copied). Each folder is scored like ``mildip eval`` does: every
``NAME.txt`` or ``NAME.pdf`` with a ``NAME.gold.jsonl`` beside it is ingested
(:func:`mildip.ingest.load_file`), extracted with the shipped default settings and
scored with :func:`mildip.evaluate.score`. One line per folder: predicted events,
tp / fp / fn, precision, recall, F1, and the F1 difference to the first folder.
(``mildip eval`` itself reads ``NAME.txt`` only, hence this tool for PDFs.)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from mildip import extract_document
from mildip.evaluate import read_jsonl, score, shipped_settings
from mildip.ingest import load_file

SUFFIXES = (".txt", ".pdf")
GOLD = ".gold.jsonl"


def folder_records(folder: Path) -> tuple[list[dict], list[dict]]:
    """``(predicted, gold)`` records of every input of ``folder`` that has gold."""
    settings = shipped_settings()
    predicted, gold = [], []
    for path in sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES):
        gold_path = path.with_name(path.stem + GOLD)
        if not gold_path.is_file():
            continue
        gold += read_jsonl(gold_path)
        for doc in load_file(path, settings):
            predicted += [e.to_record(doc.doc_id) for e in extract_document(doc, settings)]
    return predicted, gold


def score_line(label: str, folder: Path, base_f1: float | None) -> tuple[str, float]:
    """One report line for ``folder`` and its F1."""
    predicted, gold = folder_records(folder)
    result = score(predicted, gold).overall
    delta = "" if base_f1 is None else f"  {result.f1 - base_f1:+.3f}"
    line = (
        f"{label:<10} {len(predicted):5d} {result.tp:4d} {result.fp:4d} {result.fn:4d} "
        f"{result.precision:6.3f} {result.recall:6.3f} {result.f1:6.3f}{delta}"
    )
    return line, result.f1


def report(folders: dict[str, Path]) -> str:
    """The table of :func:`score_line` for every folder, the first one the baseline."""
    lines = [
        f"{'layout':<10} {'pred':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}  dF1"
    ]
    base = None
    for label, folder in folders.items():
        line, f1 = score_line(label, folder, base)
        base = f1 if base is None else base
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folders",
        nargs="+",
        type=Path,
        help="the corpus (or, with --score-only, the folders to score)",
    )
    parser.add_argument("--wrap", type=int, default=72, help="wrap width (default 72)")
    parser.add_argument("--keep", type=Path, help="write the variants here (default: a tmp dir)")
    parser.add_argument(
        "--score-only", action="store_true", help="score the given folders as they are"
    )
    args = parser.parse_args(argv)
    if args.score_only:
        print(report({f.name: f for f in args.folders}))
        return 0
    from mildip.ingest.layout import write_variants

    (src,) = args.folders
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        variants = write_variants(src, out, args.wrap, pdf=True)
        print(report({"original": src, **variants}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
