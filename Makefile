# Co-op Suite — the README's commands. Set-up is idempotent: a second run takes seconds.
SHELL := /bin/bash
VENV ?= .venv
export VENV

.PHONY: help setup run test lint bench screenshots readme pot clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup:  ## Install what is missing: system packages, PostgreSQL, Odoo source, Python envs
	@bash scripts/setup.sh

run: setup  ## Create the demo database if needed and serve it on http://localhost:8069 only (HOST=0.0.0.0: all interfaces)
	@bash scripts/run.sh

test: setup  ## Lint, every addon test and the suite tests on throw-away databases
	@$(VENV)/bin/python scripts/run_tests.py

lint: setup  ## Only the linters
	@bash scripts/lint.sh

bench: setup  ## Benchmarks of every addon (figures in bench-results.md and the README)
	@for b in tests/benchmarks/bench_*.py; do $(VENV)/bin/python $$b $(BENCH_ARGS) || exit 1; done

screenshots: setup  ## Key screens, backend and portal, desktop and phone, as PNGs in docs/screenshots
	@$(VENV)/bin/python scripts/screenshots.py $(SCREENSHOTS_ARGS)

readme:  ## Regenerate the addons' README.md from their readme/ fragments
	@python3 scripts/gen_addon_readme.py

pot: setup  ## Regenerate the addons' translation templates
	@$(VENV)/bin/python scripts/export_pot.py

clean:  ## Remove the local environments and run data (not the databases)
	rm -rf .venv .venv-lint var
