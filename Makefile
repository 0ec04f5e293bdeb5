# The two commands a newcomer runs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SKIN   ?= seed

.PHONY: demo test test-headed lint install browser services clean record-fixtures

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# An editable install is not byte-compiled (a wheel's is), and PYTHONDONTWRITEBYTECODE keeps
# Python from caching it: compile once here, as pip does for a wheel, so that each command
# does not compile the project again (stale files are recompiled in memory, as ever).
install: $(BIN)/.installed
	$(BIN)/python -m compileall -q assistant flows fixtures > /dev/null

browser: install
	scripts/setup-browser.sh $(VENV)

services:
	scripts/setup-test-services.sh

demo: install browser
	$(BIN)/assistant demo --skin $(SKIN)

lint: install
	$(BIN)/ruff check assistant flows fixtures tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

test: install browser services lint test-headed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The project's recordings of both skins (fixtures/recorded/), re-made, never edited.
record-fixtures: install browser
	$(BIN)/python scripts/record_fixtures.py

# The person's walks once more in a visible browser, on a virtual screen.
test-headed: install browser services
	xvfb-run -a $(BIN)/python -m pytest -q --headed tests/fixtures/test_walk.py tests/fixtures/mobile/test_mobile_walk.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
