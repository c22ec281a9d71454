# `make play` and `make test` work on a fresh machine: the first run creates .venv
# and installs the project into it; it reinstalls whenever pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test bench fuzz lint clean

$(STAMP): pyproject.toml scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/safetynet play $(ARGS)

test: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest $(ARGS)

bench: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python bench/run_all.py

# The parsers' fuzz tests with many thousands of inputs each (CI runs a few hundred).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest tests/fuzz tests/content/test_fuzz.py $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check game tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info
