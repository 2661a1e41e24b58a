# The two commands from the README:
#   make run    install everything and start the app (File > Load demo clinic for demo data)
#   make test   install everything and run the whole test suite (what CI runs)
.PHONY: run demo test test-slow lint forms bench clean

run:
	@tools/setup.sh app
	.venv/bin/mash-desktop

# Start on a separate demo database (./demo.db) filled with the demo clinic.
demo:
	@tools/setup.sh app
	.venv/bin/mash-desktop --db demo.db demo
	.venv/bin/mash-desktop --db demo.db

# The database tests run on SQLite and on a private PostgreSQL server; here a missing
# PostgreSQL is an error, not a skip.
test: export MASH_TEST_POSTGRES = require
test:
	@tools/setup.sh test
	.venv/bin/ruff check .
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -m slow

# The long runs (e.g. the full 100-kill crash test).
test-slow:
	@tools/setup.sh test
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -m slow

lint:
	.venv/bin/ruff check .

forms:
	.venv/bin/python tools/build_forms.py

bench:
	@tools/setup.sh test
	.venv/bin/python benchmarks/run.py

clean:
	rm -rf .venv build *.egg-info .pytest_cache .ruff_cache
