"""Reference data: helper sectors (specialisation tracks)."""

from django.db import migrations

SECTORS = [
    # code, fr, nl, en
    (
        "insertion",
        "Insertion socioprofessionnelle",
        "Socio-professionele inschakeling",
        "Socio-professional insertion",
    ),
    ("banking", "Banque", "Bankwezen", "Banking"),
    ("social", "Action sociale", "Sociaal werk", "Social work"),
    ("education", "Éducation", "Onderwijs", "Education"),
    ("health", "Santé et soins", "Gezondheid en zorg", "Health and care"),
    ("seniors", "Seniors", "Senioren", "Seniors"),
    ("other", "Autre", "Andere", "Other"),
]


def sector_model(apps):
    try:
        return apps.get_model("helpers", "Sector")
    except LookupError:  # the model has since moved to partners (partners 0006); the tests
        return apps.get_model("partners", "Sector")  # reload the data with today's models


def load(apps, schema_editor):
    Sector = sector_model(apps)
    for position, (code, fr, nl, en) in enumerate(SECTORS):
        Sector.objects.update_or_create(
            code=code,
            defaults={
                "position": position,
                "name": fr,
                "name_fr": fr,
                "name_nl": nl,
                "name_en": en,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("helpers", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
