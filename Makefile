# Two commands for a bare machine: `make demo` runs the platform, `make test` checks it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# CPU PyTorch: elsewhere add TORCH_INDEX=--index-url=https://download.pytorch.org/whl/cpu
TORCH_SPEC ?= torch==2.13.0
TORCH_INDEX ?=
PYTEST_ARGS ?=
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install demo test lint format check-compose client clean

install: $(STAMP)

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet $(TORCH_INDEX) "$(TORCH_SPEC)"
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

PORT ?= 8000
demo: install
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true PORT=$(PORT) $(PY) manage.py load_demo
	DEBUG=true $(PY) manage.py alignment demo-target
	DEBUG=true $(PY) -m mgplatform.devserver --port $(PORT)

# Style, formatting, and the architecture's floors and pure cores (import-linter, pyproject.toml).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

test: lint
	$(PY) -m pytest $(PYTEST_ARGS)

# No Docker engine needed: Compose itself validates docker-compose.yml.
check-compose: install
	SECRET_KEY=$${SECRET_KEY:-compose-check-only} docker/compose config -q

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The Python client in clients/python/, regenerated from the API's OpenAPI schema.
client: install
	$(PY) clients/python/generate.py

clean:
	rm -rf $(VENV) var/db.sqlite3 var/broker var/celery-results
