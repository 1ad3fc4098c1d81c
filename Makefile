# Two commands for a fresh machine: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: run test install install-dev chromium html-checker migrate demo serve worker batches lint format check clean bench load

run: install migrate demo serve

# Tests run in one process per core (pytest-xdist); PYTEST_WORKERS=0 runs them in one.
PYTEST_WORKERS ?= auto
test: install-dev chromium html-checker
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# The browser tests use the system's Chromium when there is one, and otherwise
# Playwright's own download (which needs internet access to its download host).
chromium: install-dev
	@$(PY) -m tests.browser.chromium || $(PY) -m playwright install chromium

# The Nu Html Checker (vnu), which the suite runs on the system's Java (17+) over
# every page type. Its version is pinned in package.json and package-lock.json;
# its install script, which would fetch a Java of its own, is skipped.
html-checker: $(VNU_JAR)

$(VNU_JAR): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

migrate: install
	$(PY) manage.py migrate --noinput

demo: install
	$(PY) manage.py load_demo

serve: install
	$(PY) manage.py runserver $(HOST)

# Sends queued e-mail in production-like setups (TASKS_BACKEND=django_tasks_db...).
# Tasks a killed worker left RUNNING go back to the queue first.
worker: install
	$(PY) manage.py requeue_stale_tasks
	$(PY) manage.py db_worker

# Tells the register who takes part, in batches of at least k (see README, Privacy).
batches: install
	$(PY) manage.py derive_participation --every 600

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install-dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# A phase page against a plain page at N = 0 and $(N) contributions per block:
# SQLite (bench.sqlite3) unless DATABASE_URL is set. `make bench N=100` is quick.
N ?= 1000 10000
BENCH_ENV = DJANGO_SETTINGS_MODULE=cms.settings.bench \
	DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/bench.sqlite3}"
bench: install
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v0
	$(BENCH_ENV) $(PY) manage.py bench 0 $(N)

# Locust lives in its own virtualenv: a load generator is no dependency of the site.
LOAD_VENV ?= .venv-load
$(LOAD_VENV)/bin/locust:
	$(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/pip install --quiet "locust>=2.47,<3"

# 300 participants for 60 s against gunicorn and a throwaway PostgreSQL.
load: install $(LOAD_VENV)/bin/locust
	$(PY) -m loadtest.run

clean:
	rm -rf $(VENV) $(LOAD_VENV) staticfiles .pytest_cache bench.sqlite3 node_modules
