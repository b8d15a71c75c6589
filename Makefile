# The README's commands. Each target bootstraps its own virtualenv on a fresh machine and
# installs exact, hashed versions from requirements/*.txt, exported from uv.lock (`make lock`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Hash-checked, no resolver decisions left to pip: the lock made them.
PIP_LOCKED := $(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps
# pip installs uv alone (one hashed wheel, requirements/lock.txt); uv installs the rest from the
# same hashed files: requirements/serve.txt from a warm cache took 0.6 s of CPU against pip's 30 s.
UV := $(BIN)/uv
UV_LOCKED := $(UV) pip install --quiet --python $(BIN)/python --require-hashes --no-deps
LINTED := app tests bench migrations
# The suite runs in this many processes, each test file whole in one (its fixtures built once):
# 2851 tests took 9 min 34 s in one process and 6 min 26 s in two on 2 cores.
TEST_PROCESSES ?= 2

.PHONY: run test lint format load bench lock clean bytecode i18n-extract i18n-update i18n-compile

# The interface's gettext catalogs: .po files are the source (committed), .mo files are
# compiled from them by every install and never committed.
LOCALES := kk ru en
CATALOGS := $(foreach l,$(LOCALES),app/locale/$(l)/LC_MESSAGES/messages.mo)
EXTRACT_KEYWORDS := -k N_ -k translate:2 -k translate_plural:2,3

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# One stamp per lock file: an install is redone when its lock changes, and only then.
$(UV): requirements/lock.txt | $(BIN)/python
	$(PIP_LOCKED) -r requirements/lock.txt
	touch $@

$(VENV)/.installed-%: requirements/%.txt requirements/build.txt pyproject.toml | $(UV)
	$(UV_LOCKED) -r requirements/build.txt -r $<
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	$(BIN)/pybabel -q compile -d app/locale -D messages
	touch $@

## bytecode: app/ and migrations/ compiled ahead, as the image is (only what changed is compiled again)
# Where Python may not write bytecode (PYTHONDONTWRITEBYTECODE, a read-only checkout), every
# `archive` process compiled the project's modules from source: 0.3 s of CPU of each launch
# and each load. It still reads bytecode compiled ahead, and compiles a changed file itself.
bytecode: | $(BIN)/python
	$(BIN)/python -m compileall -q app migrations

## i18n-compile: the catalogs' .mo files (each install does it; again when a .po changes)
i18n-compile: $(CATALOGS)

app/locale/%/LC_MESSAGES/messages.mo: app/locale/%/LC_MESSAGES/messages.po | $(BIN)/python
	$(BIN)/pybabel -q compile -l $* -i $< -o $@

## i18n-extract: the words the templates and app/ mark, into app/locale/messages.pot
i18n-extract: $(VENV)/.installed-test
	$(BIN)/pybabel -q extract -F babel.cfg $(EXTRACT_KEYWORDS) --sort-by-file --no-wrap \
		--project "Press archive" --copyright-holder "Press archive" -o app/locale/messages.pot .

## i18n-update: merge messages.pot into each language's .po (new entries empty, none fuzzy-guessed)
i18n-update: i18n-extract
	$(BIN)/pybabel -q update -i app/locale/messages.pot -d app/locale -D messages --no-fuzzy-matching --no-wrap

## run: install, load seeds/ into ./data if anything changed, serve on http://127.0.0.1:8000
run: $(VENV)/.installed-run $(CATALOGS) bytecode
	$(BIN)/archive load
	$(BIN)/archive serve

NGINX := /usr/sbin/nginx

# Browser tests drive Debian's Chromium (no browser download from elsewhere); the proxy
# tests run deploy/nginx/archive.conf in Debian's nginx.
$(CHROMIUM) $(NGINX) &:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium nginx-light

## test: install what the tests need (virtualenv, Chromium, nginx), check lint, format and types, run the suite
test: $(VENV)/.installed-test $(CATALOGS) $(CHROMIUM) $(NGINX)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(BIN)/pytest -n $(TEST_PROCESSES) --dist loadfile --no-loadscope-reorder

lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff format $(LINTED)
	$(BIN)/ruff check --fix $(LINTED)

load: $(VENV)/.installed-run bytecode
	$(BIN)/archive load

## bench: every benchmark on a synthetic corpus (N=10000 by default, kept in DIR; SEED draws cold.py's queries)
bench: $(VENV)/.installed-bench bytecode
	$(BIN)/python bench/load.py --n $${N:-10000} --keep $${DIR:-/tmp/archive-bench}
	$(BIN)/python bench/cold.py --data $${DIR:-/tmp/archive-bench}/data --seed $${SEED:-1}
	$(BIN)/python bench/search.py --data $${DIR:-/tmp/archive-bench}/data
	$(BIN)/python bench/versus.py --data $${DIR:-/tmp/archive-bench}/data
	$(BIN)/python bench/serve.py --data $${DIR:-/tmp/archive-bench}/data

## lock: re-resolve uv.lock within pyproject.toml's ranges and export requirements/*.txt.
## UPGRADE=1 moves every package to its newest allowed release; then run `make test`.
lock: $(VENV)/.installed-lock
	$(BIN)/uv lock $(if $(UPGRADE),--upgrade,)
	$(BIN)/uv export --quiet --frozen --no-emit-project --no-dev -o requirements/serve.txt
	$(BIN)/uv export --quiet --frozen --no-emit-project --no-dev --extra load -o requirements/run.txt
	$(BIN)/uv export --quiet --frozen --no-emit-project --no-dev --extra test -o requirements/test.txt
	$(BIN)/uv export --quiet --frozen --no-emit-project --no-dev --extra bench -o requirements/bench.txt
	$(BIN)/uv export --quiet --frozen --no-emit-project --only-group build -o requirements/build.txt
	$(BIN)/uv export --quiet --frozen --no-emit-project --only-group lock -o requirements/lock.txt

clean:
	rm -rf $(VENV) data
