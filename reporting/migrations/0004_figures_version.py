from django.db import migrations, models

# The tables the indicators are computed from (reporting.indicators); a write to any of them,
# by any path, adds a row to reporting_sourcechange.
SOURCES = [
    ("helpers", "Accompaniment"),
    ("helpers", "Participation"),
    ("helpers", "TrainingSession"),
    ("helpers", "HelperProfile"),
    ("partners", "Partner"),
    ("partners", "Structure"),
    ("reporting", "DailyPlatformSessions"),
    ("reporting", "Target"),
    ("reporting", "Semester"),
    ("reporting", "Programme"),
]
FUNCTION = """
CREATE OR REPLACE FUNCTION reporting_note_source_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO reporting_sourcechange (weight) VALUES (1);
    RETURN NULL;
END $$;
"""


def tables(apps):
    return [apps.get_model(app, model)._meta.db_table for app, model in SOURCES]


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # elsewhere (SQLite in development) figures are always computed afresh
    schema_editor.execute(FUNCTION)
    for table in tables(apps):
        for event in ("INSERT OR UPDATE OR DELETE", "TRUNCATE"):
            name = f"{table}_source_change_{event.split()[0].lower()}"
            schema_editor.execute(
                f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION reporting_note_source_change()"
            )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in tables(apps):
        for suffix in ("insert", "truncate"):
            schema_editor.execute(
                f'DROP TRIGGER IF EXISTS "{table}_source_change_{suffix}" ON "{table}"'
            )
    schema_editor.execute("DROP FUNCTION IF EXISTS reporting_note_source_change()")


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0003_platform_sessions_and_snapshots"),
        ("helpers", "0005_first_time_may_be_unknown"),
        ("partners", "0004_import_jobs"),
    ]

    operations = [
        migrations.CreateModel(
            name="SourceChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("weight", models.PositiveBigIntegerField(default=1)),
            ],
            options={
                "verbose_name": "change of report data",
                "verbose_name_plural": "changes of report data",
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
