import datetime

import pytest
from django.utils import translation

from courses.models import Area, Competence, Framework, ProficiencyLevel
from partners.models import Partner, Sector, StructureKind, ZoneRule, in_cross_border_zone
from reporting.models import Programme, Target

pytestmark = pytest.mark.django_db


def test_digcomp_2_2_has_five_areas_twenty_one_competences_and_eight_levels():
    framework = Framework.objects.get(is_current=True)
    assert (framework.name, framework.version) == ("DigComp", "2.2")
    assert Area.objects.filter(framework=framework).count() == 5
    codes = list(Competence.objects.current().order_by("code").values_list("code", flat=True))
    assert codes == [
        "1.1", "1.2", "1.3",
        "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
        "3.1", "3.2", "3.3", "3.4",
        "4.1", "4.2", "4.3", "4.4",
        "5.1", "5.2", "5.3", "5.4",
    ]  # fmt: skip
    assert list(ProficiencyLevel.objects.values_list("number", flat=True)) == list(range(1, 9))


def test_digcomp_titles_exist_in_three_languages_with_working_translations_marked():
    competence = Competence.objects.get(code="4.2")
    assert competence.title_en == "Protecting personal data and privacy"
    assert competence.title_fr and competence.title_nl
    assert competence.working_translations == "fr,nl"
    area = Area.objects.get(code="1")
    with translation.override("nl"):
        assert area.title == "Informatie- en datageletterdheid"
    with translation.override("en"):
        assert area.title == "Information and data literacy"
    with translation.override("fr"):
        assert area.title == "Informations et données"


def test_four_partners_with_their_countries_and_regions():
    partners = {p.code: (p.country, p.region, p.language) for p in Partner.objects.all()}
    assert partners == {
        "WTC": ("FR", "Hauts-de-France", "fr"),
        "EMC": ("FR", "Hauts-de-France", "fr"),
        "D09": ("BE", "Vlaanderen", "nl"),
        "EPN": ("BE", "Wallonie", "fr"),
    }
    assert Partner.objects.get(is_lead=True).code == "WTC"


def test_the_crosslearn_programme_has_four_semesters_of_six_months():
    programme = Programme.objects.get(slug="crosslearn")
    semesters = [(s.code, s.start, s.end) for s in programme.semesters.all()]
    assert semesters == [
        ("S1", datetime.date(2020, 7, 1), datetime.date(2020, 12, 31)),
        ("S2", datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)),
        ("S3", datetime.date(2021, 7, 1), datetime.date(2021, 12, 31)),
        ("S4", datetime.date(2022, 1, 1), datetime.date(2022, 6, 30)),
    ]


def test_programme_targets_overall_and_per_partner():
    overall = dict(Target.objects.filter(partner=None).values_list("indicator", "value"))
    assert overall == {
        "helpers_trained": 1000,
        "accompaniments": 22500,
        "structures_affiliated": 500,
    }
    per_partner = Target.objects.filter(indicator="helpers_trained", partner__isnull=False)
    assert sorted(per_partner.values_list("partner__code", "value")) == [
        ("D09", 250), ("EMC", 250), ("EPN", 250), ("WTC", 250),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("country", "postal_code", "inside"),
    [
        ("FR", "59000", True),
        ("FR", "02100", True),
        ("FR", "80000", True),
        ("FR", "75001", False),
        ("FR", "61000", False),
        ("BE", "8000", True),
        ("BE", "9999", True),
        ("BE", "6599", True),
        ("BE", "6600", True),
        ("BE", "7500", True),
        ("BE", "5000", True),
        ("BE", "1000", False),
        ("BE", "4000", False),
        ("BE", "59000", False),
        ("FR", "", False),
    ],
)
def test_cross_border_zone_follows_postal_codes(country, postal_code, inside):
    assert in_cross_border_zone(country, postal_code) is inside


def test_zone_rules_cover_five_departements_and_five_provinces():
    assert ZoneRule.objects.filter(country="FR").count() == 5
    assert set(ZoneRule.objects.filter(country="BE").values_list("name", flat=True)) == {
        "West-Vlaanderen", "Oost-Vlaanderen", "Hainaut", "Namur", "Luxembourg",
    }  # fmt: skip


def test_structure_kinds_and_sectors_are_translated():
    assert list(StructureKind.objects.values_list("code", flat=True)) == [
        "association", "public_service", "municipality", "social_services", "employment",
        "education", "health", "bank", "library", "epn", "other",
    ]  # fmt: skip
    assert list(Sector.objects.values_list("code", flat=True)) == [
        "insertion", "banking", "social", "education", "health", "seniors", "other",
    ]  # fmt: skip
    with translation.override("nl"):
        assert Sector.objects.get(code="health").name == "Gezondheid en zorg"
        assert StructureKind.objects.get(code="library").name == "Bibliotheek"
