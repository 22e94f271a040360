"""Tiny helpers that read settings from environment variables."""

import os
from email import policy
from urllib.parse import unquote, urlsplit


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default=()):
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_sender(name, default):
    """A sender (``"Name" <address>``) that must read as exactly one address in a From header.

    A display name holding "@" or "," unquoted (``Cross§Le@rn <no-reply@…>``) reads as two
    addresses: every e-mail would go out with a broken sender, so the server refuses to start.
    """
    value = os.environ.get(name) or default
    header = policy.default.header_factory("From", value)
    if len(header.addresses) != 1 or header.defects:
        raise RuntimeError(
            f'{name} must be one address, e.g. "Name" <no-reply@example.org> (quote the name): '
            f"{value!r}"
        )
    return value


def database_from_url(url, *, sqlite_path):
    """Turn DATABASE_URL into a DATABASES["default"] entry; SQLite when no URL is given."""
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(sqlite_path)}
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"Unsupported DATABASE_URL scheme: {parts.scheme!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        # Connection pooling in Django 5.1+ requires CONN_MAX_AGE=0; we keep plain
        # persistent connections instead, tunable per deployment.
        "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        # The indicators are a few large aggregates: compiling them (JIT) took longer than
        # running them (0.3 to 1.1 s a query at 10x the programme's volumes).
        "OPTIONS": {"options": "-c jit=off"},
    }
