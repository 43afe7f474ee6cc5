# storyline — two commands do all the set-up on a fresh machine:
#   make demo   create .venv, install, run storyline's main job on the bundled samples
#   make test   install if needed, then lint, type-check and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= ../shared/data

.PHONY: install demo test lint browser model eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(BIN)/pip install --quiet -r requirements.lock -e ".[dev]"
	touch $(STAMP)

demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/storyline ingest samples/seeds/000_d5f4b52492bff568.txt --db demo.db
	$(BIN)/storyline ingest samples/seeds/003_15404f0acd465380.txt --date 2024-05-25 --db demo.db
	$(BIN)/storyline ingest samples/wikinews.jsonl --db demo.db
	$(BIN)/storyline stories --db demo.db
	$(BIN)/storyline timeline story-91c76dea10db6501 --db demo.db
	@echo
	@echo "The seeds' story:   $(BIN)/storyline story story-91c76dea10db6501 --db demo.db"
	@echo "Search the sample:  $(BIN)/storyline search 'hostage' --db demo.db"
	@echo "The whole contract: $(BIN)/storyline export --db demo.db"

lint: install
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/mypy

# the browser tests drive a real headless Chromium: install the Debian packages if missing
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y chromium chromium-driver \
	  || { $$SUDO apt-get update && $$SUDO apt-get install -y chromium chromium-driver; }; \
	fi

test: lint browser
	$(BIN)/python -m pytest -q

model: install
	$(BIN)/pip install --quiet -r training/requirements.txt
	DATA_DIR=$(DATA_DIR) $(BIN)/python -m training.build
	DATA_DIR=$(DATA_DIR) $(BIN)/python -m training.event_types

# every quality measure; each skips cleanly when its corpus is not under DATA_DIR
eval: install
	DATA_DIR=$(DATA_DIR) $(BIN)/python -m training.evaluate
	DATA_DIR=$(DATA_DIR) $(BIN)/python -m benchmarks.times_eval
	DATA_DIR=$(DATA_DIR) $(BIN)/python -m benchmarks.quotes_eval --split dev
	DATA_DIR=$(DATA_DIR) $(BIN)/python -m benchmarks.figures_eval
	DATA_DIR=$(DATA_DIR) $(BIN)/python -m benchmarks.entities_eval
	DATA_DIR=$(DATA_DIR) $(BIN)/python -m benchmarks.events_eval
	DATA_DIR=$(DATA_DIR) $(BIN)/python -m benchmarks.cluster_eval
	DATA_DIR=$(DATA_DIR) $(BIN)/python -m benchmarks.timeline_eval

bench: install
	DATA_DIR=$(DATA_DIR) $(BIN)/python -m benchmarks.ingest

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
