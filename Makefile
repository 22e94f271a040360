# Single entry point: `make run` for a local demo, `make test` for the whole suite.
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
export UV_PYTHON_DOWNLOADS := never

.PHONY: install run test lint format messages static bench clean lock

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.lock
	touch $@

install: $(VENV)/.installed

messages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

static: install
	$(MANAGE) collectstatic --noinput -v 0

# Local demo: SQLite under var/, eager Celery, console e-mail; staff 2FA relaxed (said at start).
run: export STAFF_MFA_REQUIRED ?= 0
run: install messages static
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_content
	$(MANAGE) setup_demo
	$(MANAGE) seed_demo --scale 0.05
	$(MANAGE) runserver 127.0.0.1:8000

test: install messages static
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Update the lock file after changing pyproject.toml.
lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python $(PY) -o requirements.lock

clean:
	rm -rf $(VENV) staticfiles var/db.sqlite3

# Load test at scale 1 and 10 on PostgreSQL (started on loopback unless DATABASE_URL is set).
bench: install messages static
	bash tools/bench.sh

# Import speed (target: 2,000 accompaniment rows per second on PostgreSQL).
bench-imports: install
	$(PY) tools/bench_imports.py $(ROWS)
