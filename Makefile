# The verbs a newcomer needs. Only Python 3.11+ and make are assumed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

# Development mode for the commands below; production sets its own environment.
run test messages: export DJANGO_DEBUG ?= true

.PHONY: install run test lint format messages bench clean

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Most needs Python 3.11 or newer; this is " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content --if-empty
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract UI strings (needs GNU gettext), regenerate Serbian Latin from Serbian
# Cyrillic and compile every catalogue. Translators edit bg, sr and en only.
messages: install
	$(BIN)/python manage.py makemessages --no-location --no-obsolete -l bg -l sr -l en --ignore=.venv --ignore=var
	$(BIN)/python manage.py build_serbian_latin_catalogue
	$(BIN)/python manage.py compile_catalogues

# Every page under load, served as in production (docs/PERFORMANCE.md), then
# search's database time over 100,000 indexed organisations (docs/SEARCH.md).
# BENCH_ARGS=--large for 100,000 organisations.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/search.py

clean:
	rm -rf $(VENV) var
