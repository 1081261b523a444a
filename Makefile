# s11: `make run` sets up and runs the main job on samples/; `make test` sets up and runs the checks.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.package-lock.json

.PHONY: setup system node run test lint bench bench-cluster detect-check samples habits habits-report office-scans golden cycles clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,cluster]'
	touch $(STAMP)

setup: $(STAMP)

# Debian packages s11 and its tests need (LibreOffice, Tesseract, Chromium + driver); each only when missing.
system:
	@bash .ci/system-deps.sh

# npm packages of the browser tests (axe-core, pinned by package-lock.json), after `system`
# has brought nodejs and npm; node_modules/ is git-ignored.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "note: npm is missing; the browser tests need axe-core (.ci/system-deps.sh)" >&2; fi

node: system $(NODE_STAMP)

run: setup
	$(BIN)/s11 batch samples/word samples/excel samples/pdf --out out

test: setup system node
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

bench: setup system
	$(BIN)/python tests/bench/bench.py

# s11 batch --cluster against the embedded pool: overhead, capacity, ratio (README "Running on a cluster").
bench-cluster: setup system
	$(BIN)/python tests/bench/bench_cluster.py

# Pruned toolkit detection = full scoring on every sample, practice return and corpus file.
detect-check: setup
	$(BIN)/python tests/detect_pruning.py

samples: setup
	$(BIN)/python samples/make_samples.py

# The habit returns (samples/habits, keys in samples/habits/truth): fill-in habits by family,
# natively and through LibreOffice's PDF export and re-save (needs soffice: `make system`).
habits: setup
	$(BIN)/python samples/make_habits.py

# s11 on the habit returns per family, format and route, with the calibration table, and the
# calibration on ../shared/returns when it is there.
habits-report: setup
	$(BIN)/python tests/tools/habits_report.py --shared --cache out/habits-report.jsonl

# Office-made scans of every page of every tick-box sample (printed through LibreOffice,
# pen, scanner, JPEG/G4; samples/make_office_scans.py), read and tabled per kind of scan.
office-scans: setup system
	OMP_THREAD_LIMIT=1 $(BIN)/python tests/tools/office_report.py --full --out out/office-scans-full

# Two audit cycles of the same agencies (samples/make_cycle_samples.py), compared.
cycles: setup
	rm -rf out/cycles
	$(BIN)/python -m tests.cycles out/cycles
	$(BIN)/s11 compare out/cycles/previous out/cycles/new --names out/cycles/samples/names.yaml

golden: setup
	S11_REGEN_GOLDEN=1 $(BIN)/pytest tests/test_golden.py -q

clean:
	rm -rf $(VENV) node_modules out .pytest_cache .mypy_cache .ruff_cache
