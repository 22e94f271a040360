"""An operator's import stays inside their partner (issue #12, point 3)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from helpers.models import Accompaniment, HelperProfile
from partners.imports import run_import
from partners.models import Partner
from reporting import indicators
from reporting.models import Programme
from tests.factories import (
    ParticipationFactory,
    StructureFactory,
    TrainingSessionFactory,
    make_helper,
    make_user,
)
from training.models import Participation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):  # the messages below are the English source strings
        yield


P_HEADER = (
    "session_ref,session_kind,session_title,session_date,partner,email,first_name,last_name,"
    "structure_ref,sector,status"
)
A_HEADER = (
    "ref,date,helper_email,structure_ref,kind,participants,duration_minutes,themes,place,"
    "postal_code"
)


@pytest.fixture
def d09(db):
    return Partner.objects.get(code="D09")


@pytest.fixture
def wtc_helper():
    """A WTC helper trained by WTC in S2 (2021-03-01)."""
    helper = make_helper(structure=StructureFactory(ref="WTC-0001"), email="wtc.helper@example.org")
    session = TrainingSessionFactory(
        kind="training",
        starts_at=datetime.datetime(2021, 3, 1, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2021, 3, 1, 12, tzinfo=datetime.UTC),
    )
    ParticipationFactory(session=session, person=helper, attendance="present")
    return helper


def import_as(partner, kind, header, *rows):
    data = "\n".join([header, *rows]).encode()
    return run_import(kind, data, f"{kind}.csv", partner=partner)


def trained_by(partner_code):
    figures = indicators.compute(Programme.objects.get(slug="crosslearn"))
    return [figures.value("helpers_trained", s, partner_code) for s in figures.semesters]


def test_a_partners_import_cannot_move_another_partners_helper_trained(d09, wtc_helper):
    # Nor, so, their path and attestation: no participation of theirs is written.
    assert trained_by("WTC") == [0, 1, 0, 0]
    D09_ROW = "D09-S1,awareness,Sensibilisation,2020-09-01,D09,{email},,,,,present"
    report = import_as(
        d09, "participations", P_HEADER, D09_ROW.format(email=" WTC.Helper@Example.org ")
    )
    assert [str(p) for p in report.problems] == [
        "row 2, column email: This helper works for a structure of another partner."
    ]
    assert not report.written
    assert trained_by("WTC") == [0, 1, 0, 0]
    assert trained_by("D09") == [0, 0, 0, 0]
    assert not Participation.objects.filter(session__partner=d09).exists()


@pytest.mark.parametrize("persona", ["coordinator", "operator_a", "learner"])
def test_staff_and_learner_accounts_never_become_helpers_through_an_import(
    d09, persona, request, client, operator_b, with_totp
):
    person = request.getfixturevalue(persona)
    role = person.role
    row = f"D09-S1,awareness,Sensibilisation,2020-09-01,D09,{person.email.upper()},,,,,present"
    report = import_as(d09, "participations", P_HEADER, row)
    assert [str(p).split(":")[0] for p in report.problems] == ["row 2, column email"]
    person.refresh_from_db()
    assert person.role == role
    assert not HelperProfile.objects.filter(user=person).exists()
    # And so the other partner's operator still cannot read the account.
    client.force_login(with_totp(operator_b))
    assert client.get(reverse("admin:accounts_user_change", args=[person.pk])).status_code == 404


def test_a_partners_import_cannot_name_another_partners_session(d09):
    TrainingSessionFactory(ref="WTC-SESSION")
    row = "WTC-SESSION,training,Formation,2021-03-01,D09,new.person@example.org,,,,,present"
    report = import_as(d09, "participations", P_HEADER, row)
    assert [str(p).split(":")[0] for p in report.problems] == ["row 2, column partner"]
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_a_partners_import_cannot_give_new_people_another_partners_structure(d09):
    StructureFactory(ref="WTC-0009")
    row = (
        "D09-S1,awareness,Sensibilisation,2020-09-01,D09,new.person@example.org,,,WTC-0009,,present"
    )
    report = import_as(d09, "participations", P_HEADER, row)
    assert [str(p).split(":")[0] for p in report.problems] == ["row 2, column structure_ref"]


def test_new_people_of_a_partners_import_are_approved_at_its_structure(d09, operator_b):
    StructureFactory(ref="D09-0001", partner=d09)
    row = (
        "D09-S1,awareness,Sensibilisation,2020-09-01,D09,Nieuw@Example.org,An,Peeters,"
        "D09-0001,,present"
    )
    data = "\n".join([P_HEADER, row]).encode()
    report = run_import("participations", data, "p.csv", partner=d09, user=operator_b)
    assert report.written, report.problems
    person = User.objects.get(email="nieuw@example.org")
    membership = person.memberships.get()
    assert (membership.structure.ref, membership.status) == ("D09-0001", "approved")
    assert membership.decided_by == operator_b
    assert person.helper_profile.structure.ref == "D09-0001"


def test_an_accompaniments_import_cannot_name_another_partners_helper(d09, wtc_helper):
    StructureFactory(ref="D09-0001", partner=d09)
    row = "A-1,2021-05-01,wtc.helper@example.org,D09-0001,individual,1,30,2.1,,"
    report = import_as(d09, "accompaniments", A_HEADER, row)
    assert [str(p) for p in report.problems] == [
        "row 2, column helper_email: This helper is not an approved helper of structure “D09-0001”."
    ]
    assert not Accompaniment.objects.exists()


def test_an_accompaniments_import_cannot_name_another_partners_structure(d09, wtc_helper):
    row = "A-1,2021-05-01,wtc.helper@example.org,WTC-0001,individual,1,30,2.1,,"
    report = import_as(d09, "accompaniments", A_HEADER, row)
    assert [str(p).split(":")[0] for p in report.problems] == ["row 2, column structure_ref"]
    assert not Accompaniment.objects.exists()


def test_a_pending_helper_cannot_be_credited_through_an_import(d09):
    from tests.factories import make_pending_helper

    structure = StructureFactory(ref="WTC-0002")
    make_pending_helper(structure=structure, email="pending@example.org")
    row = "A-1,2021-05-01,pending@example.org,WTC-0002,individual,1,30,2.1,,"
    report = import_as(None, "accompaniments", A_HEADER, row)
    assert [str(p).split(":")[0] for p in report.problems] == ["row 2, column helper_email"]


def test_operators_see_only_their_own_partners_requests_for_their_figures(d09):
    make_user(User.Role.HELPER, email="free@example.org")
    row = "D09-S1,awareness,Sensibilisation,2020-09-01,D09,free@example.org,,,,,present"
    report = import_as(d09, "participations", P_HEADER, row)
    assert [str(p).split(":")[0] for p in report.problems] == ["row 2, column structure_ref"]
