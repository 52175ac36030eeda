# Two commands a newcomer needs: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test setup system-deps test-deps messages lint e2e benchmark clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { $(MAKE) --no-print-directory system-deps && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

# The Nu HTML Checker for the page walk (tests/e2e/test_every_page.py); runs on the machine's Java.
VNU_VERSION := 26.9.27
VNU := var/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU):
	@command -v npm >/dev/null && command -v java >/dev/null || $(MAKE) --no-print-directory system-deps
	npm install --prefix var/vnu --no-audit --no-fund --silent vnu-jar@$(VNU_VERSION)

test-deps: $(VENV)/.installed $(VNU)

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput -v0

## Install what a fresh Debian machine lacks (needs root or sudo).
system-deps:
	@SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-venv python3-dev gettext \
	  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core chromium \
	  default-jre-headless npm >/dev/null

## Serve the app on SQLite with demo data, and print the demo logins.
run: setup
	$(PY) manage.py seed_demo
	@echo "Open http://$(HOST) and log in with one of the logins above."
	$(PY) manage.py runserver $(HOST)

## The whole test suite (set DATABASE_URL to run it on PostgreSQL).
test: test-deps
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(PY) -m pytest -n 2

## The browser journeys only (Playwright driving Debian's chromium; no browser download).
e2e: test-deps
	$(PY) -m pytest -n 2 -m e2e

## Time the heavy pages on a national-scale data set in a throwaway database (README, "Performance").
benchmark: $(VENV)/.installed
	$(PY) manage.py benchmark $(ARGS)

## Extract and compile the Danish translations.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l da --no-location -i ".venv/*" -i "var/*" -i "tests/*"
	$(PY) manage.py makemessages -l da -d djangojs --no-location -i ".venv/*" -i "var/*" -i "static/vendor/*"
	$(PY) manage.py compilemessages -l da --ignore ".venv/*"

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) var
