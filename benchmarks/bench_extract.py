"""Throughput and peak memory of mildip extraction against a full spaCy pipeline.

    python benchmarks/bench_extract.py --docs 5000 --seed 13 --out benchmarks/results/latest.json
    python benchmarks/bench_extract.py --from benchmarks/results/latest.json --markdown

The corpus is synthetic but made of real text: the sentences of the bundled
examples (``examples/corpus/*.txt`` bodies, split with
``mildip.nlp.sentences.split_sentences``) are recombined with a fixed seed into
``--docs`` distinct documents of 3 to 12 sentences, each with a publication date.

Each system runs in a fresh subprocess, so its peak resident memory
(``getrusage(RUSAGE_SELF).ru_maxrss``) is its own:

* ``mildip``: ``mildip.extract_document(doc, settings)`` on every document with the
  shipped settings (spaCy used where the extractor wants it);
* ``mildip-no-scorer``: the same with ``use_scorer = false`` (the learned scorer off);
* ``spacy-full``: ``spacy.load(settings.spacy_model)`` with every component, and
  ``nlp.pipe`` over every sentence of the corpus (the baseline: what tagging every
  sentence would cost).

Start-up (imports, model and data loading, one warm-up document) is timed apart
from the measured run. The result JSON records the machine (CPU model, cores, RAM),
Python and library versions and the date; ``--markdown`` prints the results table
that docs/benchmarks.md shows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYSTEMS = ("mildip", "mildip-no-scorer", "spacy-full")
BATCH_DOCUMENTS = 50
"""Documents per :func:`mildip.api.extract_documents` call (as ``mildip ingest``)."""
MIN_SENTENCES, MAX_SENTENCES = 3, 12
FIRST_DATE, LAST_DATE = date(2012, 1, 1), date(2025, 12, 31)


def sentence_pool(corpus_dir: Path) -> list[str]:
    """Distinct body sentences (5 words or more, no headings) of the bundled texts."""
    from mildip.ingest import parse_header
    from mildip.nlp.sentences import split_sentences

    pool: dict[str, None] = {}
    for path in sorted(corpus_dir.glob("*.txt")):
        _, body, _ = parse_header(path.read_text("utf-8"))
        for sentence in split_sentences(body):
            if not sentence.is_heading and len(sentence.text.split()) >= 5:
                pool.setdefault(" ".join(sentence.text.split()), None)
    if len(pool) < MAX_SENTENCES:
        raise SystemExit(f"{corpus_dir}: too few sentences ({len(pool)}) to recombine")
    return list(pool)


def build_corpus(pool: list[str], n_docs: int, seed: int) -> list[dict]:
    """``n_docs`` distinct documents: id, text, published (ISO), sentences."""
    rng = random.Random(seed)
    span = (LAST_DATE - FIRST_DATE).days
    seen: set[str] = set()
    docs = []
    while len(docs) < n_docs:
        sentences = rng.sample(pool, rng.randint(MIN_SENTENCES, MAX_SENTENCES))
        cut = rng.randint(1, len(sentences))
        text = " ".join(sentences[:cut]) + "\n\n" + " ".join(sentences[cut:])
        if text in seen:
            continue
        seen.add(text)
        published = FIRST_DATE + timedelta(days=rng.randint(0, span))
        docs.append(
            {
                "id": f"bench-{len(docs):05d}",
                "text": text.strip() + "\n",
                "published": published.isoformat(),
                "sentences": sentences,
            }
        )
    assert len({d["text"] for d in docs}) == len(docs), "two generated documents are equal"
    return docs


def texts_corpus(texts_dir: Path) -> list[dict]:
    """The ``*.txt`` files of ``texts_dir`` as they are: one document each (header
    parsed as ``mildip ingest`` does), its body sentences for the spaCy baseline."""
    from mildip.ingest import parse_header
    from mildip.nlp.sentences import split_sentences

    docs = []
    for path in sorted(texts_dir.glob("*.txt")):
        header, body, _ = parse_header(path.read_text("utf-8"))
        docs.append(
            {
                "id": path.stem,
                "text": body,
                "published": _complete(str(header.get("date") or "")[:10]),
                "sentences": [s.text for s in split_sentences(body)],
            }
        )
    if not docs:
        raise SystemExit(f"{texts_dir}: no .txt files")
    return docs


def _complete(partial: str) -> str:
    """An ISO day for a header date known to the day, month or year (the first day);
    2024-01-01 when there is none."""
    if len(partial) == 10:
        return partial
    if len(partial) == 7:
        return partial + "-01"
    if len(partial) == 4:
        return partial + "-01-01"
    return "2024-01-01"


def machine_info() -> dict:
    """CPU model, cores, RAM, Python, OS and library versions, and the date."""
    info = {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "cores_available": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else None,
        "ram_gb": None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                info["cpu"] = line.split(":", 1)[1].strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    for package in ("mildip", "spacy"):
        try:
            from importlib.metadata import version

            info[f"{package}_version"] = version(package)
        except Exception:  # noqa: BLE001 - a missing version is only informative
            info[f"{package}_version"] = None
    return info


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_worker(system: str, corpus_path: Path, batch_size: int) -> dict:
    """Measure one system on the corpus (runs inside its own subprocess)."""
    docs = [json.loads(line) for line in corpus_path.read_text("utf-8").splitlines()]
    n_sentences = sum(len(d["sentences"]) for d in docs)
    started = time.perf_counter()
    if system == "spacy-full":
        import spacy

        from mildip.settings import Settings, default_values

        nlp = spacy.load(Settings(**default_values()).spacy_model)
        list(nlp.pipe(["A warm-up sentence about nothing in particular."]))
        startup = time.perf_counter() - started
        rss_ready = _peak_rss_mb()
        sentences = [s for d in docs for s in d["sentences"]]
        t0, c0 = time.perf_counter(), time.process_time()
        tokens = entities = 0
        for parsed in nlp.pipe(sentences, batch_size=batch_size):
            tokens += len(parsed)
            entities += len(parsed.ents)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        extra = {
            "components": list(nlp.pipe_names),
            "tokens": tokens,
            "entities": entities,
            "batch_size": batch_size,
        }
    else:
        import mildip
        from mildip.model import Document
        from mildip.settings import Settings, default_values

        settings = Settings(**default_values())
        if system == "mildip-no-scorer":
            settings = settings.with_(use_scorer=False)
        documents = [
            Document(doc_id=d["id"], text=d["text"], published=date.fromisoformat(d["published"]))
            for d in docs
        ]
        mildip.extract_document(documents[0], settings)
        startup = time.perf_counter() - started
        rss_ready = _peak_rss_mb()
        t0, c0 = time.perf_counter(), time.process_time()
        from mildip.api import extract_documents

        events = sum(
            len(found)
            for start in range(0, len(documents), BATCH_DOCUMENTS)
            for found in extract_documents(documents[start : start + BATCH_DOCUMENTS], settings)
        )
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        extra = {"events": events, "use_scorer": settings.use_scorer}
    return {
        "system": system,
        "documents": len(docs),
        "sentences": n_sentences,
        "seconds": round(elapsed, 3),
        "cpu_seconds": round(cpu, 3),
        "docs_per_s": round(len(docs) / elapsed, 1),
        "sentences_per_s": round(n_sentences / elapsed, 1),
        "startup_s": round(startup, 3),
        "peak_rss_mb_ready": rss_ready,
        "peak_rss_mb": _peak_rss_mb(),
        **extra,
    }


def run_system(system: str, corpus_path: Path, batch_size: int) -> dict:
    """Run one system in a fresh interpreter and return its measurements."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        system,
        "--corpus",
        str(corpus_path),
        "--batch-size",
        str(batch_size),
    ]
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{system} failed (exit {done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def markdown(result: dict) -> str:
    """The results table (and machine line) for docs/benchmarks.md."""
    m = result["machine"]
    lines = [
        (
            f"{result['params']['docs']} documents, {result['params']['sentences']} sentences, "
            f"seed {result['params']['seed']}; {m['cpu']}, {m['cores']} cores, "
            f"{m['ram_gb']} GB RAM, Python {m['python']}, spaCy {m.get('spacy_version')}, "
            f"{m['date']}."
        ),
        "",
        (
            "| system | wall s | CPU s | docs/s | sentences/s | start-up s | peak RSS MB "
            "| speed-up vs spaCy (wall / CPU) |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["results"]:
        wall = result["speedup_vs_spacy"].get(r["system"])
        cpu = result.get("cpu_speedup_vs_spacy", {}).get(r["system"])
        factor = "-" if wall is None else f"{wall:.1f}x / {cpu:.1f}x"
        lines.append(
            f"| {r['system']} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | "
            f"{r['docs_per_s']:.1f} | {r['sentences_per_s']:.1f} | {r['startup_s']:.1f} | "
            f"{r['peak_rss_mb']:.0f} | {factor} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=5000, help="documents to generate")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--corpus-dir", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument(
        "--texts", type=Path, help="measure on these .txt files as they are (e.g. ../shared/corpus/real) instead of generating"
    )
    parser.add_argument("--batch-size", type=int, default=64, help="spaCy nlp.pipe batch size")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset")
    parser.add_argument("--out", type=Path, help="write the result JSON here")
    parser.add_argument("--markdown", action="store_true", help="print the Markdown table")
    parser.add_argument("--from", dest="from_json", type=Path, help="only re-print a result")
    parser.add_argument("--worker", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(run_worker(args.worker, args.corpus, args.batch_size)))
        return 0
    if args.from_json:
        print(markdown(json.loads(args.from_json.read_text("utf-8"))), end="")
        return 0
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown systems {sorted(unknown)}; choose from {SYSTEMS}")

    if args.texts:
        docs = texts_corpus(args.texts)
    else:
        docs = build_corpus(sentence_pool(args.corpus_dir), args.docs, args.seed)
    with tempfile.TemporaryDirectory(prefix="mildip-bench-") as tmp:
        corpus_path = Path(tmp) / "corpus.jsonl"
        corpus_path.write_text("".join(json.dumps(d) + "\n" for d in docs), "utf-8")
        digest = hashlib.sha256(corpus_path.read_bytes()).hexdigest()
        results = []
        for system in systems:
            print(f"running {system} on {len(docs)} documents ...", file=sys.stderr)
            results.append(run_system(system, corpus_path, args.batch_size))
    by_system = {r["system"]: r for r in results}
    baseline = by_system.get("spacy-full")
    compared = [r for r in results if baseline and r["system"] != "spacy-full"]
    speedup = {r["system"]: round(baseline["seconds"] / r["seconds"], 2) for r in compared}
    cpu_speedup = {
        r["system"]: round(baseline["cpu_seconds"] / r["cpu_seconds"], 2) for r in compared
    }
    result = {
        "params": {
            "docs": len(docs),
            "seed": args.seed,
            "sentences": sum(len(d["sentences"]) for d in docs),
            "characters": sum(len(d["text"]) for d in docs),
            "corpus_sha256": digest,
            "texts": str(args.texts) if args.texts else None,
            "batch_size": args.batch_size,
        },
        "machine": machine_info(),
        "results": results,
        "speedup_vs_spacy": speedup,
        "cpu_speedup_vs_spacy": cpu_speedup,
    }
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    for r in results:
        print(
            f"{r['system']:<13} {r['seconds']:8.2f} s  {r['docs_per_s']:9.1f} docs/s  "
            f"{r['sentences_per_s']:10.1f} sentences/s  peak RSS {r['peak_rss_mb']:.0f} MB",
            file=sys.stderr,
        )
    for system, factor in speedup.items():
        print(
            f"{system}: {factor:.1f}x faster than the full spaCy pipeline "
            f"({cpu_speedup[system]:.1f}x in CPU time)",
            file=sys.stderr,
        )
    if args.markdown:
        print(markdown(result), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
