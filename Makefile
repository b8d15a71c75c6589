# The README's commands. Each target bootstraps its own virtualenv on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint load bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: install, load seeds/ into ./data if anything changed, serve on http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/archive load
	$(BIN)/archive serve

# Browser tests drive Debian's Chromium (no browser download from elsewhere).
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium

## test: install what the tests need (virtualenv, Chromium) and run the whole suite
test: $(STAMP) $(CHROMIUM)
	$(BIN)/ruff check app tests bench migrations
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check app tests bench migrations
	$(BIN)/ruff format --check app tests bench migrations

load: $(STAMP)
	$(BIN)/archive load

## bench: every benchmark on a synthetic corpus (N=10000 by default, kept in DIR)
bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/load.py --n $${N:-10000} --keep $${DIR:-/tmp/archive-bench}
	$(BIN)/python bench/search.py --data $${DIR:-/tmp/archive-bench}/data
	$(BIN)/python bench/versus.py --data $${DIR:-/tmp/archive-bench}/data
	$(BIN)/python bench/serve.py --data $${DIR:-/tmp/archive-bench}/data

clean:
	rm -rf $(VENV) data
