# Two commands a newcomer needs: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

# Debian packages the two commands install themselves when they are missing: the app (a virtualenv and
# WeasyPrint's Pango for PDF export) and, for the tests, gettext and the browser the journeys drive.
RUN_DEBS := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
# Java and npm run the HTML checker; they may come from outside Debian's packages, so only when missing.
TEST_DEBS := $(RUN_DEBS) gettext chromium poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui \
  $(shell command -v java >/dev/null || echo default-jre-headless) $(shell command -v npm >/dev/null || echo npm)

.PHONY: run test setup run-debs test-debs test-deps messages lint e2e benchmark clean

# Install the missing packages of $(1) with apt-get as root or through sudo; otherwise say what to install.
define install_debs
	@command -v dpkg >/dev/null || exit 0; \
	missing=$$(for p in $(1); do dpkg -s $$p 2>/dev/null | grep -q '^Status: install ok installed' || echo $$p; done | xargs); \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo=sudo; \
	else echo "Missing Debian packages: $$missing. As root run: apt-get install $$missing" >&2; exit 1; fi; \
	echo "Installing the missing Debian packages: $$missing"; \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null
endef

run-debs:
	$(call install_debs,$(RUN_DEBS))

test-debs:
	$(call install_debs,$(TEST_DEBS))

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(MAKE) --no-print-directory run-debs
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

# The Nu HTML Checker for the page walk (tests/e2e/test_every_page.py); runs on the machine's Java.
VNU_VERSION := 26.9.27
VNU := var/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU):
	@$(MAKE) --no-print-directory test-debs
	npm install --prefix var/vnu --no-audit --no-fund --silent vnu-jar@$(VNU_VERSION)

test-deps: test-debs $(VENV)/.installed $(VNU)

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput -v0

## Serve the app on SQLite with demo data, and print the demo logins.
run: run-debs setup
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
messages: test-debs $(VENV)/.installed
	$(PY) manage.py makemessages -l da --no-location -i ".venv/*" -i "var/*" -i "tests/*"
	$(PY) manage.py makemessages -l da -d djangojs --no-location -i ".venv/*" -i "var/*" -i "static/vendor/*"
	$(PY) manage.py compilemessages -l da --ignore ".venv/*"

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) var
