# Everything runs from .venv/ at the repo root, created here on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install graphviz demo test test-browser browser check-wheel lint format docs bench clean

install: $(STAMP) graphviz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Graphviz's `dot` renders the diagrams; install it when the machine lacks it.
graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  echo "Installing Graphviz (dot) with apt-get"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq graphviz >/dev/null; }

demo: install
	$(BIN)/toolkit collect --demo --no-progress -o reports/snapshot
	$(BIN)/toolkit checks run --snapshot reports/snapshot -o reports/findings.csv
	$(BIN)/toolkit report audit --snapshot reports/snapshot -o reports
	$(BIN)/toolkit report documentation --snapshot reports/snapshot -o reports

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Generated documentation; a test fails when it drifts from the code.
docs: install
	$(BIN)/python -m toolkit.collectors.docs > docs/collectors.md
	$(BIN)/python -m toolkit.checks.docs > docs/checks.md

# Everything but the browser tests, which `make test-browser` runs (with Chromium installed):
# the same tests on every machine, whether a browser is there or not.
test: install lint
	$(BIN)/python -m pytest -n 2 --dist loadfile -q -m "not browser" \
	  --nbval-lax --nbval-sanitize-with data/nbval_sanitize.cfg tests toolkit/data/notebooks

# Speed and scale; writes benchmarks/results/latest.json and latest.md. Never part of `make test`.
bench: install
	$(BIN)/python benchmarks/run.py

# Debian's chromium for the browser tests (never a browser downloaded by Playwright).
browser:
	scripts/install-browser.sh

# Every test marked browser: JupyterLab driven in Chromium, and the audit HTML rendered offline.
test-browser: install browser
	$(BIN)/python -m pytest -q -m browser tests

# The wheel as a user installs it (with the sandbox extra) in a fresh virtualenv outside the
# checkout: collect, checks and a report from an empty directory.
check-wheel: install
	PYTHON=$(PYTHON) BUILD_PYTHON=$(BIN)/python scripts/check-wheel.sh

clean:
	rm -rf $(VENV) reports .pytest_cache
