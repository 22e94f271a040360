import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from crosslearn.lib.env import database_from_url

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "db = s.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']),"
    " 'cache': s.CACHES['default']['BACKEND'], 'eager': s.CELERY_TASK_ALWAYS_EAGER,"
    " 'broker': s.CELERY_BROKER_URL, 'email': s.EMAIL_BACKEND, 'debug': s.DEBUG,"
    " 'hsts': s.SECURE_HSTS_SECONDS, 'secure_cookies': s.SESSION_COOKIE_SECURE}))"
)
CONFIG_VARIABLES = {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "CELERY_TASK_ALWAYS_EAGER"}


def probe(**variables):
    environment = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    environment.update(variables, DJANGO_SETTINGS_MODULE="crosslearn.settings")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    return result


def test_with_no_variable_it_runs_embedded():
    values = json.loads(probe().stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("var/db.sqlite3")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["eager"] is True
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["debug"] is True


def test_database_and_redis_urls_switch_to_real_services():
    values = json.loads(
        probe(
            DATABASE_URL="postgres://app:secret@db.internal:5433/crosslearn",
            REDIS_URL="redis://cache:6379/1",
        ).stdout
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "crosslearn"
    assert values["cache"] == "crosslearn.lib.redis_cache.ReusedClientsRedisCache"
    assert values["broker"] == "redis://cache:6379/1"
    assert values["eager"] is False


def test_production_needs_a_secret_key():
    result = probe(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_turns_on_https_only_cookies_and_hsts():
    values = json.loads(
        probe(DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="crosslearn.example").stdout
    )
    assert values["debug"] is False
    assert values["hsts"] >= 31536000
    assert values["secure_cookies"] is True


def test_database_url_parsing():
    config = database_from_url("postgresql://u%40x:p%2Fw@localhost:5432/app", sqlite_path="unused")
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"], config["NAME"]) == (
        "u@x", "p/w", "localhost", "5432", "app",
    )  # fmt: skip
    with pytest.raises(ValueError):
        database_from_url("mysql://localhost/app", sqlite_path="unused")


@pytest.mark.postgres
def test_ci_really_runs_on_postgresql_and_redis():
    """Guards CI itself: the suite must exercise the production services when they are given."""
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("DATABASE_URL not set (CI sets it)")
    from django.core.cache import caches
    from django.db import connection

    assert connection.vendor == "postgresql"
    assert type(caches["default"]).__name__ == "ReusedClientsRedisCache"
    caches["default"].set("ci-probe", 42)
    assert caches["default"].get("ci-probe") == 42
    # One Redis client per connection pool, not one per call.
    client = caches["default"]._cache
    assert client.get_client(write=True) is client.get_client(write=True)


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_connections_do_not_compile_queries():
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("DATABASE_URL not set (CI sets it)")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


SESSION_PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'shared': s.CACHE_IS_SHARED, 'sessions': s.SESSION_ENGINE}))"
)
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "crosslearn.example"}


def session_probe(**variables):
    environment = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    environment.update(variables, DJANGO_SETTINGS_MODULE="crosslearn.settings")
    return subprocess.run(
        [sys.executable, "-c", SESSION_PROBE],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_production_without_redis_keeps_accounts_and_sessions_out_of_the_local_cache():
    values = json.loads(session_probe(**PRODUCTION).stdout)
    assert values == {"shared": False, "sessions": "django.contrib.sessions.backends.db"}


def test_production_with_redis_caches_sessions_in_it():
    values = json.loads(session_probe(**PRODUCTION, REDIS_URL="redis://cache:6379/1").stdout)
    assert values == {"shared": True, "sessions": "django.contrib.sessions.backends.cached_db"}


def test_production_refuses_to_start_with_a_shared_cache_it_does_not_have():
    result = session_probe(**PRODUCTION, CACHE_IS_SHARED="1")
    assert result.returncode != 0
    assert "CACHE_IS_SHARED needs REDIS_URL" in result.stderr


def test_a_sender_whose_name_would_split_the_from_header_is_refused_at_start():
    broken = probe(DEFAULT_FROM_EMAIL="Cross§Le@rn <no-reply@crosslearn.example>")
    assert broken.returncode != 0
    assert "DEFAULT_FROM_EMAIL must be one address" in broken.stderr
    quoted = probe(DEFAULT_FROM_EMAIL='"Cross§Le@rn" <no-reply@crosslearn.example>')
    assert quoted.returncode == 0, quoted.stderr
