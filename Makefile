# Hearth: `make run` installs (the first time) and starts the app; `make test` installs (the
# first time) and runs the tests; `make dist` builds the Linux artifacts and `make smoke` tests them. See README.md.
.PHONY: install run test lint bench self-test dist smoke clean translations screenshots

STAMP := .venv/.hearth-installed

$(STAMP): pyproject.toml scripts/install.sh
	bash scripts/install.sh

install: $(STAMP)

run: $(STAMP)
	.venv/bin/hearth

test: $(STAMP)
	.venv/bin/ruff check app tests
	.venv/bin/mypy
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest

self-test: $(STAMP)
	.venv/bin/hearth --self-test

# The Linux artifacts (frozen app, .tar.gz, .deb) in dist/; their smoke test. See README.md.
dist:
	bash installers/linux/build.sh

smoke:
	bash installers/linux/smoke.sh

# New strings into resources/i18n/*.ts (then translate them), and the .qm files the app loads.
translations: $(STAMP)
	.venv/bin/python -m app.testing.translations update
	.venv/bin/python -m app.testing.translations build

# The README's screenshots, drawn by the real app offscreen.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m app.testing.screens docs/screenshots

bench: $(STAMP)
	.venv/bin/python -m tests.benchmarks engine

clean:
	rm -rf .venv build dist
