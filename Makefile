# mildip developer commands. Every target installs what it needs into .venv first
# (only when requirements.lock or pyproject.toml changed since the last install).
#
#   make demo    run the demo            make bench      extraction benchmark
#   make test    run the test suite      make bench-web  workbench events page, 100,000 events
#   make lock    regenerate requirements.lock
#   make model   rebuild the learned scorer src/mildip/data/scorer.json (needs ../shared)
#   make clean   remove .venv and build/test leftovers
#
# Packages come from the machine's configured pip index (pip config / PIP_* vars).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TOOLS := $(VENV)/tools
PIP_TOOLS ?= pip-tools==7.6.2
DOCS ?= 5000
SEED ?= 13
BENCH_OUT ?= benchmarks/results/latest.json
SHARED ?= ../shared
LOCK_FLAGS ?=

export PIP_NO_INPUT := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install demo test bench bench-web model lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Everything pinned with hashes (runtime + dev extras + build backend), then the
# project itself without dependencies and without build isolation, so nothing
# unpinned is fetched.
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/mildip demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py --docs $(DOCS) --seed $(SEED) --out $(BENCH_OUT) --markdown

bench-web: $(STAMP)
	$(BIN)/python benchmarks/bench_web.py --events 100000 --seed $(SEED) --out benchmarks/results/web.json --markdown

# The shipped scorer, bit for bit: the model records this exact command (docs/training.md),
# and tests/test_train_shipped.py fails when its fingerprint no longer matches the
# training documents, the extractor's code and data, the settings or the libraries.
# The dev corpus is trained on whole; of the others only the tuning part is read.
model: $(STAMP)
	$(BIN)/mildip train --gold $(SHARED)/corpus/real --gold tests/data/heldout --gold tests/data/probes --gold tests/data/briefings --gold tests/data/analyses --all-of $(SHARED)/corpus/dev --out src/mildip/data/scorer.json --seed 13

# pip-tools lives in its own venv so it cannot change the pinned packages of .venv.
# `make lock LOCK_FLAGS=--upgrade` moves every pin to the newest allowed release.
$(TOOLS)/bin/pip-compile:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --upgrade pip '$(PIP_TOOLS)'

lock: $(TOOLS)/bin/pip-compile
	CUSTOM_COMPILE_COMMAND="make lock" $(TOOLS)/bin/pip-compile --quiet \
		--generate-hashes --extra dev --all-build-deps --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links $(LOCK_FLAGS) \
		--output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis src/*.egg-info
	rm -f benchmarks/results/*.json
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
