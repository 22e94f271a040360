import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import Competence
from helpers.models import Accompaniment
from partners.models import Partner, StructureKind
from tests.factories import AccompanimentFactory, StructureFactory, make_helper

pytestmark = pytest.mark.django_db

NEW = reverse("helpers:accompaniment_create")
LIST = reverse("helpers:accompaniments")


def competence(code):
    return Competence.objects.current().get(code=code)


@pytest.fixture
def structure():
    return StructureFactory(postal_code="59100", city="Roubaix")


@pytest.fixture
def helper(structure):
    return make_helper(structure=structure, email="aidant@example.org")


@pytest.fixture
def client_helper(client, helper):
    client.force_login(helper)
    return client


def quick_post(**overrides):
    data = {
        "kind": "individual",
        "participants": "1",
        "duration_choice": "30",
        "themes": [competence("2.1").pk],
        "date": timezone.localdate().isoformat(),
        "place": "structure",
        "postal_code": "59100",
    }
    data.update(overrides)
    return data


def test_the_form_starts_with_the_helpers_structure_and_today(client_helper):
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC)):
        response = client_helper.get(NEW)
    form = response.context["form"]
    assert form.initial["postal_code"] == "59100"
    assert form.initial["date"] == datetime.date(2026, 11, 20)
    assert form.initial["duration_choice"] == "30"
    content = response.content.decode()
    assert "Ne notez jamais de mots de passe" in content or "Never write passwords" in content


def test_a_helper_logs_a_collective_workshop(client_helper, helper, structure):
    response = client_helper.post(
        NEW,
        quick_post(
            kind="collective",
            participants="8",
            duration_choice="90",
            themes=[competence("2.1").pk, competence("4.2").pk],
            equipment=["phone", "computer"],
            procedures=["money"],
            autonomy="occasional_help",
            first_time="yes",
            age_60_69="5",
            gender_female="3",
            situation_retired="4",
            workshop_title="Mon premier e-mail",
            workshop_level="beginner",
        ),
    )
    assert response.status_code == 302
    item = Accompaniment.objects.get()
    assert item.helper == helper
    assert item.structure == structure
    assert (item.kind, item.participants, item.duration_minutes) == ("collective", 8, 90)
    assert sorted(t.code for t in item.themes.all()) == ["2.1", "4.2"]
    assert item.equipment == ["phone", "computer"]
    assert item.procedures == ["money"]
    assert item.first_time is True
    assert item.breakdown == {
        "age": {"60_69": 5},
        "gender": {"female": 3},
        "situation": {"retired": 4},
    }
    assert (item.workshop_title, item.workshop_level) == ("Mon premier e-mail", "beginner")


def test_an_individual_accompaniment_keeps_a_duration_typed_in_minutes(client_helper):
    client_helper.post(NEW, quick_post(duration_choice="other", custom_duration="25"))
    item = Accompaniment.objects.get()
    assert (item.participants, item.duration_minutes) == (1, 25)


def test_at_least_one_competence_is_required_and_errors_are_summarised(client_helper):
    response = client_helper.post(NEW, quick_post(themes=[]))
    assert response.status_code == 400
    assert Accompaniment.objects.count() == 0
    content = response.content.decode()
    assert 'class="error-summary"' in content
    assert 'href="#field-themes"' in content


def test_a_custom_duration_needs_minutes(client_helper):
    response = client_helper.post(NEW, quick_post(duration_choice="other"))
    assert response.status_code == 400
    assert "custom_duration" in response.context["form"].errors


def test_the_age_breakdown_cannot_exceed_the_participants(client_helper):
    response = client_helper.post(
        NEW, quick_post(kind="collective", participants="3", age_18_24="2", age_25_39="2")
    )
    assert response.status_code == 400
    assert Accompaniment.objects.count() == 0
    (error,) = response.context["form"].non_field_errors()
    assert "3" in error


@pytest.mark.parametrize(
    "kind, participants, message",
    [
        ("individual", "5", "Un accompagnement individuel compte 1 participant"),
        ("collective", "1", "Un atelier collectif compte au moins 2 participants"),
    ],
)
def test_the_kind_and_the_number_of_people_must_agree(client_helper, kind, participants, message):
    """Five people in an individual accompaniment were once saved silently as one."""
    response = client_helper.post(NEW, quick_post(kind=kind, participants=participants))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Accompaniment.objects.count() == 0


def test_an_individual_accompaniment_may_leave_the_number_of_people_empty(client_helper):
    assert client_helper.post(NEW, quick_post(participants="")).status_code == 302
    assert Accompaniment.objects.get().participants == 1


def test_same_as_last_time_copies_the_last_accompaniment_except_date_and_notes(
    client_helper, helper
):
    redirect = StructureKind.objects.get(code="library")
    AccompanimentFactory(
        helper=helper,
        kind="collective",
        participants=6,
        duration_minutes=120,
        place="other",
        postal_code="59200",
        equipment=["tablet"],
        redirected_to=redirect,
        notes="private",
        themes=["5.1", "1.1"],
        date=datetime.date(2026, 1, 5),
    )
    response = client_helper.get(NEW + "?repeat=last")
    initial = response.context["form"].initial
    assert initial["kind"] == "collective"
    assert initial["participants"] == 6
    assert initial["duration_choice"] == "120"
    assert initial["place"] == "other"
    assert initial["equipment"] == ["tablet"]
    assert initial["redirected_to"] == redirect.pk
    assert sorted(initial["themes"]) == sorted([competence("5.1").pk, competence("1.1").pk])
    assert initial["date"] != datetime.date(2026, 1, 5)
    assert "notes" not in initial


def test_most_used_competences_come_first(client_helper, helper):
    for _ in range(3):
        AccompanimentFactory(helper=helper, themes=["4.2"])
    AccompanimentFactory(helper=helper, themes=["1.1"])
    groups = client_helper.get(NEW).context["competence_groups"]
    assert groups[0]["most_used"] is True
    assert [box.choice_label for box in groups[0]["boxes"]][0].startswith("4.2")
    # A competence appears once only.
    labels = [box.choice_label for group in groups for box in group["boxes"]]
    assert len(labels) == len(set(labels)) == Competence.objects.current().count()


def test_a_helper_without_structure_is_sent_to_the_dashboard(client):
    from accounts.models import User
    from tests.factories import make_user

    client.force_login(make_user(User.Role.HELPER))
    assert client.get(NEW).url == reverse("helpers:dashboard")


def test_learners_cannot_open_the_log(client, learner):
    client.force_login(learner)
    assert client.get(NEW).status_code == 403
    assert client.get(LIST).status_code == 403


def test_the_list_filters_by_date_kind_and_competence(client_helper, helper):
    AccompanimentFactory(helper=helper, date=datetime.date(2026, 1, 10), themes=["1.1"])
    AccompanimentFactory(
        helper=helper, date=datetime.date(2026, 2, 10), kind="collective", participants=4
    )
    AccompanimentFactory(helper=helper, date=datetime.date(2026, 3, 10), themes=["1.1", "4.2"])
    AccompanimentFactory(date=datetime.date(2026, 2, 10))  # someone else's

    def listed(query):
        return client_helper.get(LIST, query).context["page"].paginator.count

    assert listed({}) == 3
    assert listed({"start": "2026-02-01", "end": "2026-02-28"}) == 1
    assert listed({"kind": "collective"}) == 1
    assert listed({"competence": competence("1.1").pk}) == 2
    response = client_helper.get(LIST, {"kind": "collective"})
    assert response.context["totals"] == {"count": 1, "people": 4, "minutes": 30}


@pytest.mark.parametrize("size", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(
    client_helper, helper, size, django_assert_num_queries
):
    learner_user = make_helper(structure=helper.helper_profile.structure)
    for index in range(size):
        AccompanimentFactory(helper=helper, learner=learner_user if index % 2 else None)
    # count, page, themes, totals, competences of the filter (session, user and permissions
    # come from the cache after the first view, which also records a platform session)
    client_helper.get(LIST)
    with django_assert_num_queries(5):
        response = client_helper.get(LIST)
    assert len(response.context["page"].object_list) == min(size, 25)


def test_the_list_is_paginated(client_helper, helper):
    AccompanimentFactory.create_batch(27, helper=helper)
    page_two = client_helper.get(LIST, {"page": 2}).context["page"]
    assert len(page_two.object_list) == 2


def test_a_helper_edits_within_the_window_and_not_after(client_helper, helper):
    with time_machine.travel(datetime.datetime(2026, 11, 1, 10, tzinfo=datetime.UTC)):
        item = AccompanimentFactory(helper=helper)
    url = reverse("helpers:accompaniment_edit", args=[item.pk])
    with time_machine.travel(datetime.datetime(2026, 11, 7, 10, tzinfo=datetime.UTC)):
        response = client_helper.post(url, quick_post(duration_choice="45", date="2026-11-01"))
        assert response.status_code == 302
    item.refresh_from_db()
    assert item.duration_minutes == 45
    with time_machine.travel(datetime.datetime(2026, 11, 9, 10, tzinfo=datetime.UTC)):
        assert client_helper.get(url).status_code == 403
        delete_url = reverse("helpers:accompaniment_delete", args=[item.pk])
        assert client_helper.post(delete_url).status_code == 403


def test_the_edit_window_is_a_setting(client_helper, helper, settings):
    settings.ACCOMPANIMENT_EDIT_DAYS = 30
    with time_machine.travel(datetime.datetime(2026, 11, 1, 10, tzinfo=datetime.UTC)):
        item = AccompanimentFactory(helper=helper)
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC)):
        url = reverse("helpers:accompaniment_edit", args=[item.pk])
        assert client_helper.get(url).status_code == 200


def test_a_helper_deletes_after_confirming(client_helper, helper):
    item = AccompanimentFactory(helper=helper)
    url = reverse("helpers:accompaniment_delete", args=[item.pk])
    assert client_helper.get(url).status_code == 200
    assert Accompaniment.objects.count() == 1
    assert client_helper.post(url).status_code == 302
    assert Accompaniment.objects.count() == 0


def test_another_helpers_accompaniment_is_not_found(client_helper):
    other = AccompanimentFactory()
    assert (
        client_helper.get(reverse("helpers:accompaniment_edit", args=[other.pk])).status_code == 404
    )
    assert (
        client_helper.post(reverse("helpers:accompaniment_delete", args=[other.pk])).status_code
        == 404
    )
    assert Accompaniment.objects.filter(pk=other.pk).exists()


def test_the_csv_export_holds_only_my_accompaniments_and_escapes_formulas(client_helper, helper):
    AccompanimentFactory(helper=helper, notes='=HYPERLINK("http://evil")', themes=["1.1", "2.1"])
    AccompanimentFactory(helper=helper, notes="@SUM(A1)")
    AccompanimentFactory(notes="someone else")
    response = client_helper.get(reverse("helpers:export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["ref", "date", "kind"]
    assert len(rows) == 3
    notes = {row[-1] for row in rows[1:]}
    assert notes == {'\'=HYPERLINK("http://evil")', "'@SUM(A1)"}
    assert "1.1|2.1" in {row[8] for row in rows[1:]}


def test_the_xlsx_export_follows_the_filters_and_escapes_formulas(client_helper, helper):
    AccompanimentFactory(helper=helper, notes="+cmd", kind="collective", participants=3)
    AccompanimentFactory(helper=helper, notes="-2+3")
    response = client_helper.get(reverse("helpers:export_xlsx"), {"kind": "collective"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert len(rows) == 2
    assert rows[1][3] == 3
    assert rows[1][-1] == "'+cmd"


def test_a_structure_of_another_partner_changes_nothing_for_my_log(client):
    other = make_helper(structure=StructureFactory(partner=Partner.objects.get(code="D09")))
    client.force_login(other)
    response = client.post(NEW, quick_post(postal_code="9000"))
    assert response.status_code == 302
    assert Accompaniment.objects.get().structure == other.helper_profile.structure


def test_an_accompaniment_cannot_be_dated_in_the_future(client_helper):
    # One day ahead is tolerated everywhere (helpers.limits); two days is the future.
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC)):
        response = client_helper.post(NEW, quick_post(date="2026-11-22"))
    assert response.status_code == 400
    assert "date" in response.context["form"].errors


def test_the_procedures_a_helper_uses_most_come_first(client_helper, helper):
    AccompanimentFactory(helper=helper, procedures=["housing", "money"])
    AccompanimentFactory(helper=helper, procedures=["housing"])
    choices = client_helper.get(NEW).context["form"].fields["procedures"].choices
    assert [value for value, _label in choices[:3]] == ["housing", "money", "identity"]


def test_a_newcomer_is_offered_the_skills_most_used_in_their_structure(
    client_helper, helper, structure
):
    AccompanimentFactory(helper=make_helper(structure=structure), themes=["3.1"])
    groups = client_helper.get(NEW).context["competence_groups"]
    assert groups[0]["most_used"] is True
    assert [box.choice_label for box in groups[0]["boxes"]][0].startswith("3.1 ")
    assert not any(group.get("open") for group in groups[1:])  # the areas are folded


def test_totals_speak_in_the_singular_for_one(client_helper, helper):
    AccompanimentFactory(helper=helper, duration_minutes=1)
    page = client_helper.get(LIST).content.decode()
    assert "<strong>1</strong> accompagnement<" in page
    assert "<strong>1</strong> personne accompagnée" in page
    assert "<strong>1</strong> minute<" in page
    empty = client_helper.get(LIST, {"kind": "collective"}).content.decode()
    assert "<strong>0</strong> accompagnement" in empty
