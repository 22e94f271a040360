import importlib
import os

import pytest
from django.core.cache import cache
from django.utils import translation

from crosslearn.celery import app as celery_app

# Playwright's sync API runs an event loop in the test thread; the ORM calls beside it are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.personas", "tests.training_fixtures", "tests.browser.harness"]


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


REFERENCE_DATA_MIGRATIONS = [
    "partners.migrations.0002_reference_data",
    "partners.migrations.0008_partner_names_in_each_language",
    "helpers.migrations.0002_sectors",  # sectors now live in partners (0006)
    "courses.migrations.0002_digcomp_2_2",
    "reporting.migrations.0002_crosslearn_programme",
]


def restore_reference_data():
    """Reload what the data migrations created (idempotent)."""
    from django.apps import apps

    for module in REFERENCE_DATA_MIGRATIONS:
        importlib.import_module(module).load(apps, None)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Every database test sees the reference data, as after `migrate`.

    A transactional test (browser, worker, race) ends with a flush that empties every table, and
    pytest's fixture reordering can run ordinary database tests after it.
    """
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not uses_db:
        return
    request.getfixturevalue("db")
    from django.contrib.auth.models import Group
    from django.core.management.sql import emit_post_migrate_signal

    from partners.models import Partner

    if not Partner.objects.exists():
        restore_reference_data()
    if not Group.objects.filter(permissions__isnull=False).exists():
        # The role groups and their permissions are made after `migrate` (post_migrate); a
        # flush without that signal leaves role groups without rights.
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


@pytest.fixture(autouse=True)
def _fast_and_clean(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # rate-limit counters must not leak between tests
    yield
    translation.activate(settings.LANGUAGE_CODE)
