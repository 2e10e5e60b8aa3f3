"""The workbench benchmark runs end to end on a small store (the numbers are not tested)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_web.py"


def _module():
    spec = importlib.util.spec_from_file_location("bench_web", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_web_bench_small_run_writes_every_request(tmp_path, capsys):
    out = tmp_path / "web.json"
    assert _module().main(["--events", "300", "--repeat", "2", "--out", str(out), "--markdown"]) == 0
    result = json.loads(out.read_text("utf-8"))
    assert result["events"] == 300
    assert [r["query"] for r in result["requests"]][0] == "first page"
    first = result["requests"][0]
    assert first["events_found"] == 297  # one event in a hundred is rejected, so hidden
    assert first["median_ms"] > 0
    assert "| first page (`/events`) | 297 |" in capsys.readouterr().out
