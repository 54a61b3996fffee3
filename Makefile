# Two entry points for a fresh machine: `make serve` and `make test`.
# Each installs what it needs (a virtualenv from the pinned requirements, KaTeX from npm).

VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test benchmark pdf

$(BIN)/python:
	python3 -m venv $(VENV)

$(VENV)/.site-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements-test.txt $(VENV)/.site-deps
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

/usr/bin/chromium:
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y chromium

serve: $(VENV)/.site-deps node_modules/.package-lock.json
	$(BIN)/mkdocs serve

build: $(VENV)/.site-deps node_modules/.package-lock.json
	$(BIN)/mkdocs build --strict

test: $(VENV)/.test-deps node_modules/.package-lock.json /usr/bin/chromium
	$(BIN)/python -m pytest

benchmark: $(VENV)/.test-deps node_modules/.package-lock.json /usr/bin/chromium
	$(BIN)/python scripts/benchmark.py

# The site (strict build into site/) plus one PDF per language in site/pdf/, printed by Chromium.
pdf: $(VENV)/.test-deps node_modules/.package-lock.json /usr/bin/chromium
	$(BIN)/python scripts/pdf.py
