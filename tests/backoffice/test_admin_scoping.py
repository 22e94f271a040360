import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import Structure
from tests.factories import (
    AccompanimentFactory,
    ParticipationFactory,
    StructureFactory,
    TrainingSessionFactory,
    make_helper,
)
from training.models import Participation, TrainingSession


@pytest.fixture
def staff_client(client, with_totp):
    def login(user):
        with_totp(user)
        client.force_login(user)
        return client

    return login


@pytest.fixture
def objects_a(structure_a, aidant):
    session = TrainingSessionFactory(title="Session WTC", started=True)
    return {
        "structure": structure_a,
        "session": session,
        "participation": ParticipationFactory(session=session, person=aidant),
        "accompaniment": AccompanimentFactory(helper=aidant),
    }


@pytest.fixture
def objects_b(structure_b, partner_b):
    helper_b = make_helper(structure=structure_b, email="helper.b@example.org")
    session = TrainingSessionFactory(title="Sessie D09", partner=partner_b, language="nl")
    return {
        "structure": structure_b,
        "session": session,
        "participation": ParticipationFactory(session=session, person=helper_b),
        "accompaniment": AccompanimentFactory(helper=helper_b),
    }


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.mark.django_db
def test_an_operator_lists_only_their_partners_objects(
    staff_client, operator_a, objects_a, objects_b
):
    client = staff_client(operator_a)
    page = client.get(changelist_url(TrainingSession)).content.decode()
    assert "Session WTC" in page and "Sessie D09" not in page
    page = client.get(changelist_url(Structure)).content.decode()
    assert "Centre social Lille-Sud" in page and "De Krook" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["structure", "session", "participation", "accompaniment"])
def test_another_partners_object_does_not_exist_for_an_operator(
    staff_client, operator_a, objects_b, name
):
    client = staff_client(operator_a)
    obj = objects_b[name]
    assert client.get(change_url(obj)).status_code == 404
    history = change_url(obj).replace("/change/", "/history/")
    assert client.get(history).status_code == 404
    delete = change_url(obj).replace("/change/", "/delete/")
    assert client.get(delete).status_code == 404


@pytest.mark.django_db
def test_the_coordinator_reads_everything_and_changes_nothing(
    staff_client, coordinator, objects_a, objects_b
):
    client = staff_client(coordinator)
    session = objects_b["session"]
    page = client.get(change_url(session))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    response = client.post(change_url(session), {"title": "Changed"})
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.title == "Sessie D09"


@pytest.mark.django_db
def test_form_choices_offer_only_the_operators_partner(
    staff_client, operator_a, objects_a, objects_b
):
    client = staff_client(operator_a)
    form = client.get(reverse("admin:training_trainingsession_add")).context["adminform"].form
    assert [p.code for p in form.fields["partner"].queryset] == ["WTC"]
    form = client.get(reverse("admin:helpers_accompaniment_add")).context["adminform"].form
    assert set(form.fields["structure"].queryset) == {objects_a["structure"]}


@pytest.mark.django_db
def test_an_operator_cannot_post_an_object_into_another_partner(
    staff_client, operator_a, partner_b
):
    client = staff_client(operator_a)
    response = client.post(
        reverse("admin:training_trainingsession_add"),
        {
            "ref": "X-1",
            "kind": "training",
            "title": "Intrusion",
            "partner": partner_b.pk,
            "language": "fr",
            "status": "planned",
            "starts_at_0": "2030-01-01",
            "starts_at_1": "09:00",
            "ends_at_0": "2030-01-01",
            "ends_at_1": "12:00",
            "mode": "in_person",
            "capacity": 10,
            "participations-TOTAL_FORMS": 0,
            "participations-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200  # the form comes back with an error
    assert "partner" in response.context["adminform"].form.errors
    assert not TrainingSession.objects.filter(ref="X-1").exists()


@pytest.mark.django_db
def test_duplicating_a_session_makes_a_copy_one_week_later(staff_client, operator_a, objects_a):
    session = objects_a["session"]
    client = staff_client(operator_a)
    client.post(
        changelist_url(TrainingSession),
        {"action": "duplicate_sessions", "_selected_action": [session.pk]},
    )
    copy = TrainingSession.objects.exclude(pk=session.pk).get()
    assert copy.title == session.title and copy.ref != session.ref
    assert copy.starts_at - session.starts_at == datetime.timedelta(days=7)
    assert not copy.participations.exists()
    assert copy.history.get().history_user == operator_a


@pytest.mark.django_db
def test_marking_attendance_in_bulk_records_who_marked_it(staff_client, operator_a, objects_a):
    participation = objects_a["participation"]
    client = staff_client(operator_a)
    client.post(
        changelist_url(Participation),
        {"action": "mark_present", "_selected_action": [participation.pk]},
    )
    participation.refresh_from_db()
    assert participation.attendance == "present"
    assert participation.marked_by == operator_a
    assert participation.history.latest().history_user == operator_a


@pytest.mark.django_db
def test_bulk_actions_cannot_reach_another_partners_objects(staff_client, operator_a, objects_b):
    participation = objects_b["participation"]
    client = staff_client(operator_a)
    client.post(
        changelist_url(Participation),
        {"action": "mark_present", "_selected_action": [participation.pk]},
    )
    participation.refresh_from_db()
    assert participation.attendance == ""


@pytest.mark.django_db
def test_approving_structures_keeps_a_trace(staff_client, operator_a):
    pending = StructureFactory(status=Structure.Status.PENDING)
    client = staff_client(operator_a)
    client.post(
        changelist_url(Structure),
        {"action": "approve_structures", "_selected_action": [pending.pk]},
    )
    pending.refresh_from_db()
    assert pending.status == Structure.Status.APPROVED
    latest = pending.history.latest()
    assert latest.history_user == operator_a and latest.history_type == "~"


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["action", "change form"])
def test_approving_a_structure_tells_the_helper_who_asked_for_it(
    staff_client, operator_a, django_capture_on_commit_callbacks, how
):
    from django.core import mail

    from helpers.models import Membership
    from tests.factories import make_pending_helper

    pending = StructureFactory(status=Structure.Status.PENDING, postal_code="59000", city="Lille")
    helper = make_pending_helper(structure=pending, email="nadia@example.org")
    assert Membership.objects.pending().filter(helper=helper, structure=pending).exists()
    client = staff_client(operator_a)
    data = {"action": "approve_structures", "_selected_action": [pending.pk]}
    url = changelist_url(Structure)
    if how == "change form":
        url = change_url(pending)
        data = {
            "ref": pending.ref,
            "name": pending.name,
            "kind": pending.kind_id,
            "partner": pending.partner_id,
            "status": "approved",
            "country": "FR",
            "postal_code": "59000",
            "city": "Lille",
        }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["nadia@example.org"]]


@pytest.mark.django_db
def test_an_admin_change_is_in_the_visible_audit_trail(staff_client, operator_a, objects_a):
    structure = objects_a["structure"]
    client = staff_client(operator_a)
    data = {
        "ref": structure.ref,
        "name": "Centre social renommé",
        "kind": structure.kind_id,
        "partner": structure.partner_id,
        "status": "approved",
        "country": "FR",
        "postal_code": "59000",
        "city": "Lille",
        "affiliated_on": "2021-03-15",
    }
    response = client.post(change_url(structure), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = client.get(change_url(structure).replace("/change/", "/history/")).content.decode()
    assert "Centre social renommé" in page and "operator.a@example.org" in page


@pytest.mark.django_db
def test_history_cannot_be_reverted_from_the_admin(staff_client, operator_a, objects_a):
    structure = objects_a["structure"]
    version = structure.history.first()
    url = reverse(
        "admin:partners_structure_simple_history", args=[structure.pk, version.history_id]
    )
    client = staff_client(operator_a)
    assert client.post(url, {"name": "Reverted"}).status_code == 403
    assert b'name="_save"' not in client.get(url).content


@pytest.mark.django_db
def test_export_escapes_spreadsheet_formulas(staff_client, operator_a):
    structure = StructureFactory(name='=HYPERLINK("http://evil")', city="+33 Lille")
    client = staff_client(operator_a)
    response = client.post(
        changelist_url(Structure), {"action": "export_csv", "_selected_action": [structure.pk]}
    )
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+33 Lille" in text


@pytest.mark.django_db
def test_attendance_marked_in_the_session_page_records_who_and_when(
    staff_client, operator_a, objects_a
):
    session, participation = objects_a["session"], objects_a["participation"]
    client = staff_client(operator_a)
    form = client.get(change_url(session)).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "signed_sheet"}
    local_start = timezone.localtime(session.starts_at)
    local_end = timezone.localtime(session.ends_at)
    data.update(
        {
            "sector": "",
            "starts_at_0": local_start.strftime("%Y-%m-%d"),
            "starts_at_1": local_start.strftime("%H:%M:%S"),
            "ends_at_0": local_end.strftime("%Y-%m-%d"),
            "ends_at_1": local_end.strftime("%H:%M:%S"),
            "participations-TOTAL_FORMS": 1,
            "participations-INITIAL_FORMS": 1,
            "participations-0-id": participation.pk,
            "participations-0-session": session.pk,
            "participations-0-person": participation.person_id,
            "participations-0-booking": "confirmed",
            "participations-0-attendance": "excused",
        }
    )
    response = client.post(change_url(session), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    participation.refresh_from_db()
    assert participation.attendance == "excused"
    assert participation.marked_by == operator_a and participation.marked_at is not None


def test_no_history_model_is_editable_in_the_admin():
    from django.contrib import admin

    registered = {model._meta.label_lower for model in admin.site._registry}
    assert not [label for label in registered if ".historical" in label]
