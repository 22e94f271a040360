"""Reference data: the four operators, the cross-border zone and the structure kinds."""

from django.db import migrations

PARTNERS = [
    # code, name, country, region, working language, lead
    ("WTC", "WeTechCare", "FR", "Hauts-de-France", "fr", True),
    ("EMC", "Emmaüs Connect", "FR", "Hauts-de-France", "fr", False),
    ("D09", "District09 (formerly Digipolis Gent)", "BE", "Vlaanderen", "nl", False),
    ("EPN", "Réseau des EPN de Wallonie (with Technofutur TIC)", "BE", "Wallonie", "fr", False),
]

# French départements by the first two digits of the postal code; Belgian provinces by range.
ZONE_RULES = [
    ("FR", "02 Aisne", 2000, 2999),
    ("FR", "59 Nord", 59000, 59999),
    ("FR", "60 Oise", 60000, 60999),
    ("FR", "62 Pas-de-Calais", 62000, 62999),
    ("FR", "80 Somme", 80000, 80999),
    ("BE", "West-Vlaanderen", 8000, 8999),
    ("BE", "Oost-Vlaanderen", 9000, 9999),
    ("BE", "Hainaut", 6000, 6599),
    ("BE", "Hainaut", 7000, 7999),
    ("BE", "Namur", 5000, 5999),
    ("BE", "Luxembourg", 6600, 6999),
]

STRUCTURE_KINDS = [
    # code, fr, nl, en
    ("association", "Association", "Vereniging", "Association"),
    ("public_service", "Service public", "Openbare dienst", "Public service"),
    ("municipality", "Commune", "Gemeente", "Municipality"),
    (
        "social_services",
        "Action sociale (CCAS, CPAS, OCMW)",
        "Sociale dienst (CCAS, OCMW, CPAS)",
        "Social services (CCAS, CPAS, OCMW)",
    ),
    ("employment", "Emploi et insertion", "Werk en inschakeling", "Employment"),
    ("education", "Éducation et formation", "Onderwijs en vorming", "Education"),
    ("health", "Santé", "Gezondheid", "Health"),
    ("bank", "Banque", "Bank", "Bank"),
    ("library", "Bibliothèque", "Bibliotheek", "Library"),
    (
        "epn",
        "Espace public numérique (EPN)",
        "Openbare computerruimte (EPN)",
        "Public digital space (EPN)",
    ),
    ("other", "Autre", "Andere", "Other"),
]


def load(apps, schema_editor):
    Partner = apps.get_model("partners", "Partner")
    ZoneRule = apps.get_model("partners", "ZoneRule")
    StructureKind = apps.get_model("partners", "StructureKind")
    for code, name, country, region, language, lead in PARTNERS:
        Partner.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "country": country,
                "region": region,
                "language": language,
                "is_lead": lead,
            },
        )
    for country, name, first, last in ZONE_RULES:
        ZoneRule.objects.get_or_create(country=country, name=name, first=first, last=last)
    for position, (code, fr, nl, en) in enumerate(STRUCTURE_KINDS):
        StructureKind.objects.update_or_create(
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
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
