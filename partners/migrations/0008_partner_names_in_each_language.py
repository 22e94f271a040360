from django.db import migrations

# The partners' names, with their note in the reader's language (no English gloss in fr/nl).
NAMES = {
    "WTC": ("WeTechCare", "WeTechCare", "WeTechCare"),
    "EMC": ("Emmaüs Connect", "Emmaüs Connect", "Emmaüs Connect"),
    "D09": (
        "District09 (anciennement Digipolis Gand)",
        "District09 (voorheen Digipolis Gent)",
        "District09 (formerly Digipolis Gent)",
    ),
    "EPN": (
        "Réseau des EPN de Wallonie (avec Technofutur TIC)",
        "Réseau des EPN de Wallonie (met Technofutur TIC)",
        "Réseau des EPN de Wallonie (with Technofutur TIC)",
    ),
}


def load(apps, schema_editor):
    Partner = apps.get_model("partners", "Partner")
    for code, (fr, nl, en) in NAMES.items():
        Partner.objects.filter(code=code).update(name=fr, name_fr=fr, name_nl=nl, name_en=en)


class Migration(migrations.Migration):
    dependencies = [("partners", "0007_partner_names_translated")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
