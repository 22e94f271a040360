"""The operators' first screen says what waits for them, within their own partner."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from partners.models import ImportJob, Structure
from tests.factories import (
    AccompanimentFactory,
    ParticipationFactory,
    StructureFactory,
    TrainingSessionFactory,
    make_pending_helper,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client, operator_a):
    client.force_login(operator_a)
    return client


def held(partner, **kwargs):
    start = timezone.now() - datetime.timedelta(days=1)
    return TrainingSessionFactory(
        partner=partner, starts_at=start, ends_at=start + datetime.timedelta(hours=2), **kwargs
    )


def test_the_admin_home_lists_what_waits_for_the_operator(
    operator_client, operator_a, partner_a, partner_b
):
    for partner in (partner_a, partner_b):  # the other partner's work is not counted
        pending = StructureFactory(partner=partner, status=Structure.Status.PENDING)
        make_pending_helper(structure=StructureFactory(partner=partner))
        ParticipationFactory(session=held(partner), attendance="")
        ImportJob.objects.create(
            partner=partner, kind="structures", status=ImportJob.Status.CHECKED
        )
        AccompanimentFactory(
            structure=StructureFactory(partner=partner), review_reasons=["many_participants"]
        )
        assert pending
    ParticipationFactory(session=held(partner_a), attendance="present")  # nothing to mark
    with translation.override("fr"):
        page = operator_client.get(reverse("admin:index")).content.decode()
    for label in (
        "Structures à approuver",
        "Aidants qui demandent à rejoindre une structure",
        "Séances passées dont la présence n'est pas notée",
        "Imports vérifiés, en attente de votre confirmation",
        "Accompagnements inhabituels à vérifier",
    ):
        assert f"<strong>1</strong> {label}" in page.replace("&#x27;", "'")


def test_each_to_do_link_opens_the_list_of_exactly_that_work(operator_client, partner_a):
    waiting = held(partner_a, title="Atelier sans présence")
    ParticipationFactory(session=waiting, attendance="")
    held(partner_a, title="Atelier noté")
    page = operator_client.get(reverse("admin:index")).content.decode()
    url = reverse("admin:training_trainingsession_changelist") + "?attendance=to_mark"
    assert f'href="{url}"' in page
    listed = operator_client.get(url).context["cl"].result_list
    assert [session.title for session in listed] == ["Atelier sans présence"]


def test_nothing_waiting_is_said_plainly(operator_client):
    with translation.override("nl"):
        page = operator_client.get(reverse("admin:index")).content.decode()
    assert "Er wacht niets op je." in page


def test_a_session_that_has_ended_is_shown_as_past_not_planned(operator_client, partner_a):
    held(partner_a, title="Atelier d'hier")
    with translation.override("fr"):
        url = reverse("admin:training_trainingsession_changelist")
        page = operator_client.get(url).content.decode()
    assert '<td class="field-state">Passée</td>' in page
