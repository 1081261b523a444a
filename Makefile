# s11: `make run` sets up and runs the main job on samples/; `make test` sets up and runs the checks.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system run test lint bench samples golden cycles office-scans clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Debian packages s11 and its tests need (LibreOffice, Tesseract, Chromium + driver); each only when missing.
system:
	@bash .ci/system-deps.sh

run: setup
	$(BIN)/s11 batch samples --out out

test: setup system
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

bench: setup system
	$(BIN)/python tests/bench/bench.py

samples: setup
	$(BIN)/python samples/make_samples.py

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
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
