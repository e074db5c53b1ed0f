# Learning from Big Local: the commands a new user needs. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
export DJANGO_SETTINGS_MODULE ?= lfbl.settings.local
# The site's public address: every absolute link it gives out starts with it (home/site_address.py).
export LFBL_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run setup install install-dev quality-tools migrate library admin test test-sqlite test-postgres lint format check bench export clean

## run: set everything up, then serve the site on http://$(HOST):$(PORT), with the import worker
# gunicorn and the import worker run side by side; Ctrl+C (or either one stopping) stops both.
run: setup
	@echo "Serving Learning from Big Local on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	@$(VENV)/bin/gunicorn lfbl.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 \
		--access-logfile - --log-level warning & server=$$!; \
	$(PY) manage.py import_worker -v 0 & worker=$$!; \
	trap 'kill -QUIT $$server 2>/dev/null; kill -TERM $$worker 2>/dev/null' INT TERM; \
	while kill -0 $$server 2>/dev/null && kill -0 $$worker 2>/dev/null; do sleep 1; done; \
	kill -QUIT $$server 2>/dev/null; kill -TERM $$worker 2>/dev/null; wait

## setup: everything `run` does except serving
setup: install
	@$(PY) manage.py migrate --noinput -v 0
	@$(PY) manage.py load_library
	@$(PY) manage.py set_site_address
	@$(PY) manage.py check_search_index
	@$(PY) manage.py check_media
	@$(MAKE) -s --no-print-directory $(STATIC_MANIFEST)
	@$(PY) manage.py ensure_admin --base-url $(LFBL_BASE_URL)

# Collecting and compressing static files takes ~20 s, so it reruns only when a source changed.
VAR_DIR := $(or $(LFBL_VAR_DIR),var)
STATIC_MANIFEST := $(VAR_DIR)/static/staticfiles.json
# Every app's static/ folder (archive/ has the export's search page), not the collected copy in var/.
STATIC_SOURCES := $(shell find $(filter-out $(VAR_DIR)/static,$(wildcard */static)) -type f 2>/dev/null)
$(STATIC_MANIFEST): $(VENV)/.installed $(STATIC_SOURCES)
	@$(PY) manage.py collectstatic --noinput -v 0

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# The stamp files make a second run skip pip when the pinned requirements have not changed.
$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The Nu Html Checker and Lighthouse, pinned in tools/quality/package-lock.json; the tests install nothing.
QUALITY_TOOLS := tools/quality/node_modules/.installed
$(QUALITY_TOOLS): tools/quality/package.json tools/quality/package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --prefix tools/quality
	@touch $@
quality-tools: $(QUALITY_TOOLS)

## admin: set a new password for the local editor account (PASSWORD=... to choose it)
admin: install
	@$(PY) manage.py ensure_admin --reset $(if $(PASSWORD),--password "$(PASSWORD)",) --base-url $(LFBL_BASE_URL)

## test: lint, then migrations check and the whole suite (unit, integration, real browser) on
## SQLite and again on a throw-away PostgreSQL server
test: lint test-sqlite test-postgres

TEST_ENV := env -u DATABASE_URL DJANGO_SETTINGS_MODULE=lfbl.settings.test
test-sqlite: install-dev quality-tools
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(VENV)/bin/pytest

# lfbl/tests/postgres_cluster.py starts Debian's PostgreSQL in a temporary folder on a free port
# and sets DATABASE_URL for the command it runs; the cluster is deleted afterwards.
test-postgres: install-dev quality-tools
	$(TEST_ENV) $(PY) -m lfbl.tests.postgres_cluster sh -c \
		'$(PY) manage.py makemigrations --check --dry-run && $(VENV)/bin/pytest'

## bench: measure and save results under bench/results/
bench: install-dev quality-tools
	$(PY) bench/ingest_throughput.py --docs 400
	$(PY) bench/search_latency.py
	$(PY) bench/lighthouse.py
	$(PY) bench/export_bench.py --docs 5000
	$(PY) bench/load_test.py
	$(PY) bench/screenshots.py

## export: write the published site as a static archive with offline search (OUT=var/export)
OUT ?= var/export
export: setup
	$(PY) manage.py build_static_site $(OUT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var/static
