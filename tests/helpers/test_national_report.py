"""A record the national activity report accepts (issue #13, point 2): the CRA's fields on the
form, in the import and in the export, mapped column by column in the README."""

import csv
import datetime
import importlib
import io
from pathlib import Path

import pytest
import time_machine
from django.apps import apps as django_apps
from django.urls import reverse

from courses.models import Competence
from helpers import cra
from helpers.models import Accompaniment
from helpers.services.accompaniments import EXPORT_COLUMNS, PROCEDURE_CHOICES, export_rows
from helpers.services.register import add_person
from partners.imports import run_import
from partners.models import Partner
from tests.factories import AccompanimentFactory, StructureFactory, make_helper

pytestmark = pytest.mark.django_db

NEW = reverse("helpers:accompaniment_create")
TODAY = datetime.datetime(2021, 6, 10, 10, tzinfo=datetime.UTC)
README = Path(__file__).resolve().parents[2] / "README.md"
OLD_HEADER = (
    "ref,date,helper_email,structure_ref,kind,participants,duration_minutes,themes,place,"
    "postal_code"
)


@pytest.fixture
def structure():
    return StructureFactory(ref="WTC-0001", postal_code="59100", city="Roubaix")


@pytest.fixture
def helper(structure):
    return make_helper(structure=structure, email="aidant@example.org")


@pytest.fixture
def client_helper(client, helper):
    client.force_login(helper)
    return client


def post(client, **values):
    data = {
        "kind": "individual",
        "participants": "1",
        "duration_choice": "30",
        "themes": [Competence.objects.current().get(code="2.1").pk],
        "date": "2021-06-10",
        "place": "structure",
        "postal_code": "59100",
        **values,
    }
    with time_machine.travel(TODAY):
        return client.post(NEW, data)


def exported(queryset=None):
    header, *rows = export_rows(queryset or Accompaniment.objects.order_by("pk"))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_one_persons_age_gender_and_situation_are_kept_and_exported(client_helper):
    response = post(client_helper, age_bracket="70_plus", gender="female", situation="retired")
    assert response.status_code == 302
    item = Accompaniment.objects.get()
    assert item.breakdown == {
        "age": {"70_plus": 1},
        "gender": {"female": 1},
        "situation": {"retired": 1},
    }
    (row,) = exported()
    assert (row["age_bracket"], row["gender"], row["situation"]) == ("70_plus", "female", "retired")
    assert row["age_70_plus"] == ""  # counts are a workshop's


def test_the_age_of_a_person_of_the_register_is_taken_when_not_given(client_helper, structure):
    person = add_person(structure=structure, by=None, first_name="Rosa", age_bracket="60_69")
    post(client_helper, person=person.pk)
    assert Accompaniment.objects.get().breakdown == {"age": {"60_69": 1}}


def test_a_workshop_counts_people_per_value_and_not_given_takes_the_rest(client_helper):
    response = post(
        client_helper,
        kind="collective",
        participants="10",
        age_12_17="3",
        age_40_59="4",
        gender_male="2",
        workshop_title="Premiers pas",
        workshop_level="intermediate",
    )
    assert response.status_code == 302
    (row,) = exported()
    assert (row["age_12_17"], row["age_40_59"], row["age_not_given"]) == (3, 4, 3)
    assert (row["gender_female"], row["gender_male"], row["gender_not_given"]) == (0, 2, 8)
    assert row["situation_not_given"] == 10
    for dimension, (choices, _legend) in cra.DIMENSIONS.items():
        values = [*choices.values, cra.NOT_GIVEN]
        assert sum(row[f"{dimension}_{value}"] for value in values) == 10
    assert (row["workshop_title"], row["workshop_level"]) == ("Premiers pas", "intermediate")
    assert row["age_bracket"] == ""


def test_no_dimension_may_count_more_people_than_came(client_helper):
    response = post(
        client_helper, kind="collective", participants="4", gender_female="3", gender_male="2"
    )
    assert response.status_code == 400
    (error,) = response.context["form"].non_field_errors()
    assert "4" in error
    assert not Accompaniment.objects.exists()


def test_an_individual_accompaniment_has_no_workshop_title(client_helper):
    post(client_helper, workshop_title="Atelier", workshop_level="advanced")
    item = Accompaniment.objects.get()
    assert (item.workshop_title, item.workshop_level) == ("", "")


def test_a_postal_code_of_one_commune_gives_it(client_helper):
    post(client_helper, postal_code="59100")
    (row,) = exported()
    assert (row["commune_code"], row["commune"]) == ("59512", "Roubaix")


def test_a_postal_code_of_several_communes_asks_which(client_helper):
    response = post(client_helper, postal_code="62000")
    assert response.status_code == 400
    assert "commune_code" in response.context["form"].errors
    choices = dict(response.context["form"].fields["commune_code"].choices)
    assert {"62041", "62263"} <= set(choices)  # Arras, Dainville
    assert not Accompaniment.objects.exists()
    assert post(client_helper, postal_code="62000", commune_code="62263").status_code == 302
    assert Accompaniment.objects.get().commune_code == "62263"


def test_a_commune_the_postal_code_does_not_cover_is_refused(client_helper):
    response = post(client_helper, postal_code="62000", commune_code="59350")
    assert response.status_code == 400
    assert "commune_code" in response.context["form"].errors


def test_a_postal_code_outside_the_lists_leaves_the_commune_not_known(client_helper):
    post(client_helper, postal_code="75011")
    assert Accompaniment.objects.get().commune_code == ""


def test_the_place_of_activity_is_apart_from_the_helpers_structure(client_helper, structure):
    library = StructureFactory(name="Médiathèque", postal_code="59200")
    other_partner = StructureFactory(partner=Partner.objects.get(code="EPN"))
    response = post(client_helper, activity_place=other_partner.pk)
    assert "activity_place" in response.context["form"].errors
    post(client_helper, activity_place=library.pk)
    item = Accompaniment.objects.get()
    assert (item.structure, item.activity_place) == (structure, library)
    (row,) = exported()
    assert (row["structure_ref"], row["activity_place_ref"]) == ("WTC-0001", library.ref)


def test_the_crosswalk_gives_cra_themes_unless_the_helper_ticks_them(client_helper):
    post(client_helper)  # DigComp 2.1 only
    post(client_helper, cra_themes=["health"], procedures=["associations"])
    first, second = exported()
    assert first["cra_themes"] == "email|social"
    assert second["cra_themes"] == "health|procedures"
    assert second["procedures"] == "associations"


def test_the_crosswalk_covers_every_digcomp_competence_and_the_cra_lists():
    codes = set(Competence.objects.current().values_list("code", flat=True))
    assert codes == set(cra.CROSSWALK)
    assert all(set(themes) <= set(cra.Theme.values) for themes in cra.CROSSWALK.values())
    assert set(cra.THEME_CRA) == set(cra.Theme.values)
    assert set(cra.PROCEDURE_CRA) == {key for key, _label in PROCEDURE_CHOICES}
    assert cra.PROCEDURE_CRA["associations"] == "Associations"


def test_the_readme_maps_every_export_column_onto_the_cra():
    text = README.read_text(encoding="utf-8")
    mapping = text[text.index("### Accompaniments export and the CRA") :]
    for column in EXPORT_COLUMNS:
        if "_" in column and column.split("_")[0] in cra.DIMENSIONS and column != "age_bracket":
            continue  # the count columns are listed by pattern
        assert f"`{column}`" in mapping, column
    for value in [*cra.THEME_CRA.values(), *cra.PROCEDURE_CRA.values()]:
        assert value in mapping, value


# ---- the import -------------------------------------------------------------------------------


def import_rows(header, *rows, **kwargs):
    data = "\n".join([header, *rows]).encode()
    with time_machine.travel(TODAY):
        return run_import("accompaniments", data, "a.csv", **kwargs)


CRA_HEADER = (
    OLD_HEADER + ",commune_code,cra_themes,procedures,equipment,autonomy,age_bracket,gender,"
    "situation,age_25_39,gender_female,situation_employed,workshop_title,workshop_level"
)


def test_an_old_file_without_the_new_columns_still_imports(helper):
    report = import_rows(
        OLD_HEADER, "A1,2021-06-01,aidant@example.org,WTC-0001,individual,1,30,1.1,structure,59100"
    )
    assert report.ok and report.created == 1  # fmt: skip
    assert Accompaniment.objects.get().commune_code == "59512"  # the one commune of 59100


def test_the_cra_columns_import(helper):
    rows = [
        "A1,2021-06-01,aidant@example.org,WTC-0001,individual,1,30,1.1,home,62000,62041,"
        "browsing|safety,housing|associations,phone,autonomous,40_59,male,jobseeker,,,,,",
        "A2,2021-06-02,aidant@example.org,WTC-0001,collective,6,90,2.1,structure,59100,,,,,,"
        ",,,3,5,1,Mes e-mails,beginner",
    ]
    report = import_rows(CRA_HEADER, *rows)
    assert report.ok, report.problems
    one, workshop = Accompaniment.objects.order_by("ref")
    assert (one.commune_code, one.cra_themes) == ("62041", ["browsing", "safety", "procedures"])
    assert (one.procedures, one.equipment, one.autonomy) == (
        ["housing", "associations"],
        ["phone"],
        "autonomous",
    )
    assert one.breakdown == cra.of_person(age="40_59", gender="male", situation="jobseeker")
    assert workshop.breakdown == {
        "age": {"25_39": 3},
        "gender": {"female": 5},
        "situation": {"employed": 1},
    }
    assert (workshop.workshop_title, workshop.workshop_level) == ("Mes e-mails", "beginner")


@pytest.mark.parametrize(
    ("row", "column"),
    [
        # a commune the postal code does not cover
        ("individual,1,30,1.1,home,62000,59350,,,,,,,,,,,,", "commune_code"),
        # counts for one person
        ("individual,1,30,1.1,home,59100,,,,,,,,,1,,,,", "age_25_39"),
        # more women than came
        ("collective,3,30,1.1,home,59100,,,,,,,,,,4,,,", "gender_female"),
        # a theme the CRA does not have
        ("individual,1,30,1.1,home,59100,,cooking,,,,,,,,,,,", "cra_themes"),
        # a title for one person
        ("individual,1,30,1.1,home,59100,,,,,,,,,,,,Titre,", "workshop_title"),
    ],
)
def test_a_wrong_cra_value_is_refused_with_its_row_and_column(helper, row, column):
    report = import_rows(CRA_HEADER, f"A1,2021-06-01,aidant@example.org,WTC-0001,{row}")
    assert not report.ok
    assert [(p.row, p.column) for p in report.problems] == [(2, column)]
    assert not Accompaniment.objects.exists()


def test_an_old_file_leaves_the_cra_values_of_an_accompaniment_as_they_were(helper, structure):
    AccompanimentFactory(
        ref="A1",
        helper=helper,
        date=datetime.date(2021, 6, 1),
        postal_code="59100",
        commune_code="59512",
        cra_themes=["health"],
        breakdown=cra.of_person(gender="female"),
    )
    report = import_rows(
        OLD_HEADER, "A1,2021-06-01,aidant@example.org,WTC-0001,individual,1,45,1.1,structure,59100"
    )
    assert report.ok and report.updated == 1  # fmt: skip
    item = Accompaniment.objects.get()
    assert (item.duration_minutes, item.cra_themes, item.breakdown) == (
        45,
        ["health"],
        {"gender": {"female": 1}},
    )


def test_the_export_imports_again_unchanged(helper, client_helper):
    post(client_helper, postal_code="62000", commune_code="62263", gender="male")
    rows = exported()
    header = ["helper_email", *[c for c in EXPORT_COLUMNS if c not in NOT_IMPORTED]]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["aidant@example.org", *[row[c] for c in header[1:]]])
    report = import_rows(*buffer.getvalue().strip().splitlines())
    assert report.ok, report.problems
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)


# What the export shows but an import does not take (people, notes, names worked out).
NOT_IMPORTED = {"first_time", "redirected_to", "commune", "learner", "notes"}


def test_old_age_breakdowns_are_kept_out_of_the_cras_brackets():
    migration = importlib.import_module("helpers.migrations.0011_national_report_record")
    item = AccompanimentFactory(kind="collective", participants=5, breakdown={"60_74": 3})
    migration.keep_legacy_breakdowns(django_apps, None)
    item.refresh_from_db()
    assert item.breakdown == {"legacy_age": {"60_74": 3}}
    assert cra.counts(item.breakdown, 5, "age")[cra.NOT_GIVEN] == 5


def test_an_operator_downloads_the_cra_columns_of_their_own_partner_only(
    client, helper, operator_a, with_totp
):
    ours = AccompanimentFactory(helper=helper, notes="private", postal_code="59100")
    theirs = AccompanimentFactory(
        helper=make_helper(structure=StructureFactory(partner=Partner.objects.get(code="EPN")))
    )
    client.force_login(with_totp(operator_a))
    response = client.post(
        reverse("admin:helpers_accompaniment_changelist"),
        {"action": "export_csv", "_selected_action": [ours.pk, theirs.pk]},
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == EXPORT_COLUMNS[:-2]  # no learner, no notes for the partner
    assert [row[0] for row in rows[1:]] == [str(ours.ref)]
    assert "private" not in response.content.decode("utf-8-sig")
