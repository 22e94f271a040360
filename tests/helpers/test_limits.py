"""One set of limits for every way an accompaniment is written (issue #12, point 2)."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse

from courses.models import Competence
from helpers.models import Accompaniment
from partners.imports import run_import
from tests.factories import AccompanimentFactory, StructureFactory, make_helper

pytestmark = pytest.mark.django_db

NEW = reverse("helpers:accompaniment_create")
OPEN_DATA = reverse("reporting:open_data", args=["crosslearn"])
TODAY = datetime.datetime(2021, 6, 10, 10, tzinfo=datetime.UTC)
HEADER = (
    "ref,date,helper_email,structure_ref,kind,participants,duration_minutes,themes,place,"
    "postal_code"
)


@pytest.fixture
def helper():
    return make_helper(structure=StructureFactory(ref="WTC-0001"), email="aidant@example.org")


def post(client, helper, **values):
    client.force_login(helper)
    data = {
        "kind": "collective",
        "participants": "8",
        "duration_choice": "60",
        "themes": [Competence.objects.current().get(code="2.1").pk],
        "date": "2021-06-10",
        "place": "structure",
        "postal_code": "59000",
        **values,
    }
    with time_machine.travel(TODAY):
        return client.post(NEW, data)


def import_rows(*rows, **kwargs):
    data = "\n".join([HEADER, *rows]).encode()
    with time_machine.travel(TODAY):
        return run_import("accompaniments", data, "a.csv", **kwargs)


def test_a_billion_participants_on_the_form_changes_no_figure(client, helper):
    before = client.get(OPEN_DATA).content
    response = post(client, helper, participants="1000000000", date="2020-08-01")
    assert response.status_code == 400
    assert "participants" in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    assert not Accompaniment.objects.exists()
    assert client.get(OPEN_DATA).content == before


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"participants": "201"}, "participants"),
        ({"duration_choice": "other", "custom_duration": "721"}, "custom_duration"),
        ({"date": "2020-06-30"}, "date"),  # before the programme's start
        ({"date": "2021-06-12"}, "date"),  # two days ahead
    ],
)
def test_the_form_refuses_what_breaks_a_limit(client, helper, values, field):
    response = post(client, helper, **values)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Accompaniment.objects.exists()


def test_the_form_accepts_the_limits_themselves(client, helper):
    values = {"participants": "200", "duration_choice": "other", "custom_duration": "720"}
    assert post(client, helper, date="2021-06-11", **values).status_code == 302
    saved = Accompaniment.objects.get()
    assert (saved.participants, saved.duration_minutes) == (200, 720)


def test_an_import_refuses_the_same_rows_with_row_and_column(helper):
    report = import_rows(
        "A-1,2020-08-01,aidant@example.org,WTC-0001,collective,1000000000,60,2.1,,",
        "A-2,2021-05-01,aidant@example.org,WTC-0001,collective,20,721,2.1,,",
        "A-3,2020-06-30,aidant@example.org,WTC-0001,individual,1,30,2.1,,",
        "A-4,2021-06-12,aidant@example.org,WTC-0001,individual,1,30,2.1,,",
    )
    assert [str(p).split(":")[0] for p in report.problems] == [
        "row 2, column participants",
        "row 3, column duration_minutes",
        "row 4, column date",
        "row 5, column date",
    ]
    assert not Accompaniment.objects.exists()


def test_the_admin_refuses_the_same_values(client, operator_a, with_totp, helper):
    client.force_login(with_totp(operator_a))
    url = reverse("admin:helpers_accompaniment_add")
    data = {
        "ref": "ADMIN-1",
        "helper": helper.pk,
        "structure": helper.helper_profile.structure.pk,
        "date": "2021-05-01",
        "kind": "collective",
        "participants": "5000",
        "duration_minutes": "60",
        "place": "structure",
        "themes": [Competence.objects.current().get(code="2.1").pk],
        "equipment": "[]",
        "procedures": "[]",
        "breakdown": "{}",
        "review_reasons": "[]",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "participants" in response.context["adminform"].form.errors
    assert not Accompaniment.objects.exists()


def test_the_database_refuses_what_no_form_would_write(helper):
    with pytest.raises(IntegrityError):
        Accompaniment.objects.bulk_create(
            [
                Accompaniment(
                    helper=helper,
                    structure=helper.helper_profile.structure,
                    date=datetime.date(2021, 5, 1),
                    kind="collective",
                    participants=1_000_000_000,
                )
            ]
        )


def test_an_unusual_entry_is_kept_and_listed_for_the_partner_to_review(
    client, helper, operator_a, with_totp
):
    assert post(client, helper, participants="45", date="2021-03-01").status_code == 302
    entry = Accompaniment.objects.get()
    assert entry.review_reasons == ["many_participants", "logged_late"]
    AccompanimentFactory(helper=helper)  # an ordinary one

    client.force_login(with_totp(operator_a))
    changelist = reverse("admin:helpers_accompaniment_changelist")
    listed = client.get(changelist, {"review": "todo"}).context["cl"].result_list
    assert list(listed) == [entry]
    client.post(changelist, {"action": "mark_reviewed", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert entry.reviewed_by == operator_a
    assert not client.get(changelist, {"review": "todo"}).context["cl"].result_list


def test_an_import_flags_large_workshops_but_not_its_past_dates(helper):
    report = import_rows(
        "A-1,2020-08-01,aidant@example.org,WTC-0001,collective,120,60,2.1,,",
        "A-2,2020-08-02,aidant@example.org,WTC-0001,individual,1,30,2.1,,",
    )
    assert report.written, report.problems
    reasons = dict(Accompaniment.objects.values_list("ref", "review_reasons"))
    assert reasons == {"A-1": ["many_participants"], "A-2": []}
