# The two commands from the README:
#   make run    install everything and start the app (the first start offers the demo clinic)
#   make test   install everything and run the whole test suite (what CI runs)
# Setup runs once: tools/setup.sh keeps a stamp of the pyproject.toml it installed, so later
# `make run` / `make demo` go straight to the app.
.PHONY: run demo test test-slow test-dist lint forms bench wheel bundle install-desktop \
	uninstall-desktop clean

# ARGS passes options on, e.g. `make demo ARGS="gui --exit-after-show"` to time a start.
run:
	@tools/setup.sh app
	.venv/bin/mash-desktop $(ARGS)

# Start on a separate demo database (./demo.db), built the first time and labelled DEMO.
demo: demo.db
	.venv/bin/mash-desktop --db demo.db $(ARGS)

demo.db:
	@tools/setup.sh app
	rm -f demo.db.part
	.venv/bin/mash-desktop --db demo.db.part demo
	mv demo.db.part demo.db

# The database tests run on SQLite and on a private PostgreSQL server; here a missing
# PostgreSQL is an error, not a skip.
test: export MASH_TEST_POSTGRES = require
test:
	@tools/setup.sh test
	.venv/bin/ruff check .
	.venv/bin/python -m mypy
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -m slow

# The long runs (e.g. the full 100-kill crash test).
test-slow:
	@tools/setup.sh test
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -m slow

# The distribution tests: the wheel in a fresh venv and the PyInstaller bundle, each run
# from another folder (about 5 minutes; .ci/run runs this after `make test`).
test-dist:
	@tools/setup.sh test
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -m dist

lint:
	.venv/bin/ruff check .
	.venv/bin/python -m mypy

forms:
	.venv/bin/python tools/build_forms.py

bench:
	@tools/setup.sh test
	.venv/bin/python benchmarks/run.py

# dist/mash_desktop-<version>-py3-none-any.whl: installs with pip anywhere, data included.
wheel:
	@tools/setup.sh app
	rm -rf build  # setuptools reuses build/lib: a file deleted from the source would still ship
	.venv/bin/python -m pip wheel -q --no-deps -w dist .

# dist/mash-desktop/ (the app, Python and Qt in one folder) and its release archive.
bundle:
	@tools/setup.sh bundle
	.venv/bin/python tools/bundle.py

# The menu entry and icons for this user (XDG_DATA_HOME, no root needed).
install-desktop:
	@tools/setup.sh app
	.venv/bin/mash-desktop install-desktop

uninstall-desktop:
	@tools/setup.sh app
	.venv/bin/mash-desktop install-desktop --remove

clean:
	rm -rf .venv build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
