"""The session page of the admin saves whatever its attendees became (issue #12, point 9)."""

import pytest
from django.contrib.admin.widgets import AdminSplitDateTime
from django.urls import reverse

from accounts.privacy import erase_user
from partners.models import Partner
from tests.factories import (
    ParticipationFactory,
    StructureFactory,
    TrainingSessionFactory,
    make_helper,
)
from training.models import Participation

pytestmark = pytest.mark.django_db
PREFIX = "participations"


def change_url(session):
    return reverse("admin:training_trainingsession_change", args=[session.pk])


def as_posted(page):
    """The change page's form and inline rows posted back as they were shown."""
    data = {}
    form = page.context["adminform"].form
    for name in form.fields:
        bound = form[name]
        value = bound.value()
        if isinstance(bound.field.widget, AdminSplitDateTime):
            local = bound.field.widget.widgets[0].format_value(value), value.strftime("%H:%M:%S")
            data[f"{name}_0"], data[f"{name}_1"] = local
            continue
        data[name] = "" if value is None else value
    data.pop("signed_sheet", None)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for row in formset.forms:
            for name in row.fields:
                value = row[name].value()
                data[row.add_prefix(name)] = "" if value is None else value
    return data


def test_a_row_of_another_session_is_refused_with_a_message(client, operator_a):
    session = TrainingSessionFactory()
    ParticipationFactory(session=session)
    other = ParticipationFactory(session=TrainingSessionFactory(), attendance="")
    client.force_login(operator_a)
    data = as_posted(client.get(change_url(session)))
    data[f"{PREFIX}-0-id"] = other.pk
    data[f"{PREFIX}-0-attendance"] = "present"
    response = client.post(change_url(session), data)
    assert response.status_code == 200
    assert "Rechargez la page" in response.content.decode()
    other.refresh_from_db()
    assert other.attendance == ""


def test_a_session_whose_attendee_erased_their_account_still_saves(client, operator_a):
    session = TrainingSessionFactory()
    participation = ParticipationFactory(session=session, attendance="present")
    erase_user(user=participation.person)
    client.force_login(operator_a)
    data = as_posted(client.get(change_url(session)))
    data["title"] = "Formation socle (salle B)"
    response = client.post(change_url(session), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    session.refresh_from_db()
    assert session.title == "Formation socle (salle B)"
    assert Participation.objects.get(pk=participation.pk).attendance == "present"


def test_a_session_with_a_helper_of_another_partner_still_saves(client, operator_a):
    session = TrainingSessionFactory(started=True)
    d09_helper = make_helper(structure=StructureFactory(partner=Partner.objects.get(code="D09")))
    ParticipationFactory(session=session, person=d09_helper)
    client.force_login(operator_a)
    data = as_posted(client.get(change_url(session)))
    data[f"{PREFIX}-0-attendance"] = "present"
    response = client.post(change_url(session), data)
    assert response.status_code == 302
    assert Participation.objects.get(session=session).attendance == "present"


def test_an_operator_gives_the_title_and_place_in_other_languages(client, operator_a):
    session = TrainingSessionFactory()
    client.force_login(operator_a)
    page = client.get(change_url(session))
    assert 'name="title_nl"' in page.content.decode() and 'name="place_en"' in page.content.decode()
    data = as_posted(page)
    data.update(title_nl="Basisopleiding", place_nl="Lokaal 2")
    response = client.post(change_url(session), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    session.refresh_from_db()
    assert (session.title_nl, session.place_nl) == ("Basisopleiding", "Lokaal 2")
    assert session.history.first().title_nl == "Basisopleiding"  # the change is on record


def test_the_session_page_refuses_attendance_before_the_start(client, operator_a):
    session = TrainingSessionFactory()
    participation = ParticipationFactory(session=session)
    client.force_login(operator_a)
    data = as_posted(client.get(change_url(session)))
    data[f"{PREFIX}-0-attendance"] = "present"
    response = client.post(change_url(session), data)
    assert response.status_code == 200
    assert "une fois la session commencée" in response.content.decode()
    assert Participation.objects.get(pk=participation.pk).attendance == ""


def test_bulk_marking_leaves_the_rows_of_sessions_not_started(client, operator_a):
    started = ParticipationFactory(session=TrainingSessionFactory(started=True))
    upcoming = ParticipationFactory(session=TrainingSessionFactory())
    client.force_login(operator_a)
    response = client.post(
        reverse("admin:training_participation_changelist"),
        {"action": "mark_present", "_selected_action": [started.pk, upcoming.pk]},
        follow=True,
    )
    assert "pas été pointée : sa session" in response.content.decode()
    assert Participation.objects.get(pk=started.pk).attendance == "present"
    assert Participation.objects.get(pk=upcoming.pk).attendance == ""
