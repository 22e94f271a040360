"""Reference data: the crosslearn programme (2020-07-01 → 2022-06-30), its semesters and targets."""

import datetime

from django.db import migrations

from crosslearn.lib.dates import semester_bounds

START, END = datetime.date(2020, 7, 1), datetime.date(2022, 6, 30)
TARGETS = {"helpers_trained": 1000, "accompaniments": 22500, "structures_affiliated": 500}
HELPERS_PER_PARTNER = 250


def load(apps, schema_editor):
    Programme = apps.get_model("reporting", "Programme")
    Semester = apps.get_model("reporting", "Semester")
    Target = apps.get_model("reporting", "Target")
    Partner = apps.get_model("partners", "Partner")
    programme, _ = Programme.objects.update_or_create(
        slug="crosslearn", defaults={"name": "Cross§Le@rn 2020–2022", "start": START, "end": END}
    )
    for number, (start, end) in enumerate(semester_bounds(START, END), start=1):
        Semester.objects.update_or_create(
            programme=programme, number=number, defaults={"start": start, "end": end}
        )
    for indicator, value in TARGETS.items():
        Target.objects.update_or_create(
            programme=programme, indicator=indicator, partner=None, defaults={"value": value}
        )
    for partner in Partner.objects.all():
        Target.objects.update_or_create(
            programme=programme,
            indicator="helpers_trained",
            partner=partner,
            defaults={"value": HELPERS_PER_PARTNER},
        )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial"), ("partners", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
