# Bahi — two commands on a fresh machine with Python 3.11+:  make demo   |   make test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export XLWINGS_LICENSE_KEY ?= noncommercial

.PHONY: install demo test lint system-deps templates bench serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## The main job: validate and summarise the bundled demo workbook into an output copy.
demo: install
	$(BIN)/bahi demo

## Debian packages the tests need (LibreOffice as the second, independent client).
system-deps:
	bash .ci/system-deps

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

## The whole suite: lint, types, architecture, unit, integration, LibreOffice round trips.
test: install system-deps lint
	XLWINGS_ON_SERVER=true $(BIN)/python -m pytest

## Rebuild the template workbooks committed in workbook_templates/.
templates: install
	$(BIN)/python -m workbook_templates.build

## Speed and memory, by hand (installs ledger, hledger, beancount first).
bench: install
	bash benchmarks/setup.sh
	$(BIN)/python -m benchmarks.run

serve: install
	$(BIN)/bahi serve

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache out
