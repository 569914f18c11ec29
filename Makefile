# Convenience targets; the README's two commands are `python3.11 dev.py run|test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)

.PHONY: run test lint format migrations-check clean

run:
	$(PYTHON) dev.py run

test:
	$(PYTHON) dev.py test $(PYTEST_ARGS)

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports --no-cache

format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

migrations-check:
	.venv/bin/python manage.py makemigrations --check --dry-run

clean:
	rm -rf .venv var .pytest_cache .ruff_cache .hypothesis
