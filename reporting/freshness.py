"""The version of the programme figures: it changes as soon as their data changes.

Every SQL statement writing to a table the indicators are made of adds to
``reporting_sourcechange``, in the writer's transaction: PostgreSQL statement triggers add a row
each; SQLite has row triggers only, which add to one row (SQLite writes one transaction at a time).
A model the indicators read declares ``figures_source = True``; after every ``migrate`` each such
table gets its triggers (``install_triggers``), so a new source cannot be forgotten in a migration.
Later snapshots see every change earlier ones saw, so the total weight only grows and two equal
totals mean the same data: figures computed after reading version V are at least as new as V, and
can be shared by everyone who reads V. The SQLite demo takes the same path as production.
"""

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections, transaction
from django.utils.translation import get_language

from reporting.models import SourceChange

VERSION_SQL = "SELECT coalesce(sum(weight), 0) FROM reporting_sourcechange"


def figures_version():
    if connection.vendor not in TRIGGERS:
        return None  # a database we install no triggers in: figures are computed afresh
    # Read on every report page: plain SQL saves building the query each time.
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        return cursor.fetchone()[0]


def shared(parts, compute, version=...):
    """``compute()``, shared by everyone until the figures' data changes; afresh without a
    version. The version is read first (or given, read earlier in the same request), so what
    is filed under it is never older than it."""
    if version is ...:
        version = figures_version()
    if version is None:
        return compute()
    key = ":".join(["reporting", str(version), *map(str, parts), get_language() or ""])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.REPORTING_CACHE_SECONDS)
    return value


@transaction.atomic
def compact_changes():
    """Fold the change rows into one of the same total weight (the version is unchanged).

    Rows written meanwhile by other transactions are not among those read, so they stay.
    """
    rows = dict(SourceChange.objects.values_list("pk", "weight"))
    if len(rows) > 1:
        SourceChange.objects.filter(pk__in=rows).delete()
        SourceChange.objects.create(weight=sum(rows.values()))
    return len(rows)


TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION reporting_note_source_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO reporting_sourcechange (weight) VALUES (1);
    RETURN NULL;
END $$;
"""


def source_tables():
    """The tables of every model that declares ``figures_source = True``."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)  # link tables too
        if getattr(model, "figures_source", False)
    )


def _postgresql_triggers(cursor, table):
    for event in ("INSERT OR UPDATE OR DELETE", "TRUNCATE"):
        name = f"{table}_source_change_{event.split()[0].lower()}"
        cursor.execute(
            f'CREATE OR REPLACE TRIGGER "{name}" AFTER {event} ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION reporting_note_source_change()"
        )


SQLITE_NOTE_CHANGE = (
    "INSERT INTO reporting_sourcechange (id, weight) VALUES (0, 1) "
    "ON CONFLICT (id) DO UPDATE SET weight = weight + 1;"
)


def _sqlite_triggers(cursor, table):
    for event in ("INSERT", "UPDATE", "DELETE"):
        name = f"{table}_source_change_{event.lower()}"
        cursor.execute(
            f'CREATE TRIGGER IF NOT EXISTS "{name}" AFTER {event} ON "{table}" '
            f"FOR EACH ROW BEGIN {SQLITE_NOTE_CHANGE} END"
        )


TRIGGERS = {"postgresql": _postgresql_triggers, "sqlite": _sqlite_triggers}


def install_triggers(using="default", **kwargs):
    """Give every figures source table its triggers (idempotent)."""
    connection = connections[using]
    create = TRIGGERS.get(connection.vendor)
    if create is None:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(TRIGGER_FUNCTION)
        for table in source_tables():
            create(cursor, table)
