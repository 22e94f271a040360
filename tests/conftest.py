import os

import pytest
from django.core.cache import cache
from django.utils import translation

from crosslearn.celery import app as celery_app

# Playwright's sync API runs an event loop in the test thread; the ORM calls beside it are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.personas", "tests.browser.harness"]


def pytest_configure(config):
    # Tests run tasks in-process unless a test starts a real worker (tests/test_celery_worker.py).
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True


def pytest_sessionfinish(session, exitstatus):
    """Under CI=true a skipped test is a failure: CI must exercise every real service."""
    if os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == 0:
        reporter.write_line(f"CI: {skipped} test(s) skipped; every test must run in CI.", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _fast_and_clean(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # rate-limit counters must not leak between tests
    yield
    translation.activate(settings.LANGUAGE_CODE)
