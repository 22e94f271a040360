"""Where a structure is: département or province and region from its postal code, and an
import that says so when a structure is not in its partner's country."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from partners.imports import run_import
from partners.models import ImportJob, Structure
from partners.territory import FRENCH_DEPARTMENTS, Place, locate
from tests.factories import StructureFactory

HEADER = "ref,name,kind,partner,country,postal_code,city,registration_number,affiliated_on\n"
TOURNAI = "WTC-0900,Médiathèque de Tournai,library,WTC,BE,7500,Tournai,,2021-02-01\n"
LILLE = "WTC-0901,Centre social Lille-Sud,association,WTC,FR,59000,Lille,,2021-02-01\n"


@pytest.mark.parametrize("number", ["02", "59", "60", "62", "80"])
def test_the_zone_departements_are_in_hauts_de_france(number):
    assert locate("FR", f"{number}100") == Place(f"FR-{number}", "Hauts-de-France")


def test_every_french_departement_has_one_of_the_regions():
    regions = {region for _name, region in FRENCH_DEPARTMENTS.values()}
    assert len(regions) == 13 + 5  # metropolitan France and the overseas regions
    assert locate("FR", "75011") == Place("FR-75", "Île-de-France")
    assert locate("FR", "20000") == Place("FR-20", "Corse")
    assert locate("FR", "97400") == Place("FR-974", "La Réunion")


@pytest.mark.parametrize(
    "code, province, region",
    [
        ("1000", "BE-BRU", "Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest"),
        ("1299", "BE-BRU", "Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest"),
        ("1300", "BE-WBR", "Wallonie"),
        ("1499", "BE-WBR", "Wallonie"),
        ("1500", "BE-VBR", "Vlaanderen"),
        ("3000", "BE-VBR", "Vlaanderen"),
        ("3499", "BE-VBR", "Vlaanderen"),
        ("2000", "BE-VAN", "Vlaanderen"),
        ("3500", "BE-VLI", "Vlaanderen"),
        ("4000", "BE-WLG", "Wallonie"),
        ("5000", "BE-WNA", "Wallonie"),
        ("6599", "BE-WHT", "Wallonie"),
        ("6600", "BE-WLX", "Wallonie"),
        ("6999", "BE-WLX", "Wallonie"),
        ("7000", "BE-WHT", "Wallonie"),
        ("8000", "BE-VWV", "Vlaanderen"),
        ("9999", "BE-VOV", "Vlaanderen"),
    ],
)
def test_belgian_provinces_and_regions_follow_the_postal_code_ranges(code, province, region):
    assert locate("BE", code) == Place(province, region)


def test_a_postal_code_not_written_as_the_countrys_has_no_known_place():
    assert locate("BE", "59000") == Place()
    assert locate("FR", "7500") == Place()
    assert locate("FR", "") == Place()
    assert locate("FR", "59 000") == Place()


@pytest.mark.django_db
def test_a_saved_structure_knows_its_departement_region_and_zone():
    structure = StructureFactory(country="BE", postal_code="7500", city="Tournai")
    assert (structure.department, structure.region, structure.in_cross_border_zone) == (
        "BE-WHT",
        "Wallonie",
        True,
    )
    structure.postal_code = "1000"
    structure.save(update_fields=["postal_code"])
    structure.refresh_from_db()
    assert (structure.department, structure.in_cross_border_zone) == ("BE-BRU", False)


@pytest.mark.django_db
def test_a_structure_outside_its_partners_country_is_imported_with_a_warning():
    data = (HEADER + LILLE + TOURNAI).encode()
    with translation.override("en"):
        report = run_import("structures", data, "structures.csv")
        warnings = [str(w) for w in report.warnings]

    assert report.ok and report.written and report.created == 2
    assert warnings == [
        "row 3, column postal_code: This structure is in Belgium but its partner WTC works in "
        "France: check the country and the postal code. It counts where it is, in Belgium."
    ]
    tournai = Structure.objects.get(ref="WTC-0900")
    assert (tournai.country, tournai.department, tournai.region) == ("BE", "BE-WHT", "Wallonie")
    assert tournai.in_cross_border_zone


@pytest.mark.django_db
def test_a_postal_code_of_the_other_country_is_imported_with_a_warning():
    wrong = "WTC-0902,Espace numérique,epn,WTC,FR,7500,Tournai,,2021-02-01\n"
    with translation.override("fr"):
        report = run_import("structures", (HEADER + wrong).encode(), "s.csv", dry_run=True)
    (warning,) = report.warnings
    assert (warning.row, warning.column) == (2, "postal_code")
    assert "n’a pas la forme d’un code postal de France" in warning.message
    assert report.ok


@pytest.mark.django_db
def test_the_command_prints_the_warnings_and_succeeds(tmp_path):
    path = tmp_path / "structures.csv"
    path.write_text(HEADER + TOURNAI, encoding="utf-8")
    err = io.StringIO()
    with translation.override("en"):
        call_command("import_data", "structures", str(path), stdout=io.StringIO(), stderr=err)
    assert "Warning: row 2, column postal_code: This structure is in Belgium" in err.getvalue()
    assert Structure.objects.filter(ref="WTC-0900").exists()


@pytest.mark.django_db
def test_the_preview_lists_the_warnings_and_can_still_be_confirmed(
    client, with_totp, operator_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(with_totp(operator_a))
    data = (HEADER + LILLE + TOURNAI).encode()

    response = client.post(
        reverse("admin:partners_importjob_add"),
        {"kind": "structures", "file": SimpleUploadedFile("structures.csv", data)},
    )
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.CHECKED
    page = client.get(response.url)

    warnings = page.context["report"]["warnings"]
    assert [(w["row"], w["column"]) for w in warnings] == [(3, "postal_code")]
    html = page.content.decode()
    assert 'id="warnings"' in html and "WTC works in" not in html  # French by default
    assert "son partenaire WTC travaille en France" in html
    assert page.context["can_confirm"]
    client.post(reverse("admin:partners_importjob_confirm", args=[job.pk]))
    assert Structure.objects.filter(ref="WTC-0900", country="BE").exists()
