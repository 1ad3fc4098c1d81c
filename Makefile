# Two commands for a fresh machine: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: run test install install-dev chromium html-checker migrate demo serve worker lint format check clean

run: install migrate demo serve

test: install-dev chromium html-checker
	$(VENV)/bin/pytest $(PYTEST_ARGS)

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
worker: install
	$(PY) manage.py db_worker

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install-dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache node_modules
