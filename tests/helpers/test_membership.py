"""Joining a structure is a request its partner approves (issue #12, point 1)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from accounts.learners import create_learner
from accounts.models import User
from helpers.models import Accompaniment, HelperProfile, Membership
from helpers.services.membership import approve_membership
from partners.models import Partner, Sector
from reporting import indicators
from reporting.models import Programme
from tests.factories import (
    AccompanimentFactory,
    StructureFactory,
    make_helper,
    make_pending_helper,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """``with sent():`` runs the after-commit callbacks (e-mails leave then) at its end."""
    mail.outbox.clear()
    return lambda: django_capture_on_commit_callbacks(execute=True)


JOIN = reverse("helpers:join")
CHANGELIST = reverse("admin:helpers_membership_changelist")


@pytest.fixture
def structure():
    return StructureFactory(name="Médiathèque de Roubaix")


@pytest.fixture
def card_learner(structure):
    """A learner of ``structure``, followed by its approved helper."""
    helper = make_helper(structure=structure, email="referent@example.org")
    profile, _code = create_learner(helper=helper, first_name="Lina", language="fr", consent=True)
    return profile


def ask_to_join(client, user, structure):
    client.force_login(user)
    sector = Sector.objects.get(code="social").pk
    names = {"first_name": user.first_name or "Ana", "last_name": user.last_name or "Martin"}
    return client.post(
        JOIN, {"structure": structure.pk, "sector": sector, "language": "fr", **names}
    )


def accompaniments_counted():
    figures = indicators.compute(Programme.objects.get(slug="crosslearn"))
    return sum(figures.value("accompaniments", semester) for semester in figures.semesters)


def test_a_fresh_account_that_asks_to_join_reaches_none_of_the_structures_learners(
    client, structure, card_learner
):
    newcomer = make_user(User.Role.LEARNER, email="newcomer@example.org")
    assert ask_to_join(client, newcomer, structure).status_code == 302

    pages = [
        reverse("helpers:learner", args=[card_learner.pk]),
        reverse("helpers:learner_card", args=[card_learner.pk]),
        reverse("helpers:learner_erase", args=[card_learner.pk]),
    ]
    for url in pages:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("helpers:learner_reset_code", args=[card_learner.pk])).status_code
        == 404
    )
    assert list(client.get(reverse("helpers:learners")).context["learners"]) == []
    # No accompaniment can be logged for the structure either.
    assert client.get(reverse("helpers:accompaniment_create")).status_code == 302
    card_learner.user.refresh_from_db()
    assert card_learner.user.is_active


def test_the_partners_operators_are_told_in_their_language_and_others_are_not(
    client, structure, operator_a, operator_b, sent
):
    operator_a.language = "nl"
    operator_a.save()
    newcomer = make_user(User.Role.LEARNER, email="newcomer@example.org", first_name="Noé")
    with sent():
        ask_to_join(client, newcomer, structure)
    assert [m.to for m in mail.outbox] == [[operator_a.email]]
    message = mail.outbox[0]
    assert "Médiathèque de Roubaix" in message.subject
    assert "newcomer@example.org" in message.body
    assert "/nl/admin/helpers/membership/?status__exact=pending" in message.body


def test_the_operator_approves_in_the_admin_and_the_helper_is_told(
    client, structure, operator_a, with_totp, card_learner, sent
):
    newcomer = make_user(User.Role.LEARNER, email="newcomer@example.org")
    ask_to_join(client, newcomer, structure)
    request = newcomer.memberships.get()
    client.force_login(with_totp(operator_a))
    assert request.helper.email in client.get(CHANGELIST).content.decode()
    with sent():
        response = client.post(
            CHANGELIST, {"action": "approve", "_selected_action": [request.pk]}, follow=True
        )
    assert "1 aidant validé." in response.content.decode()
    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("approved", operator_a)
    assert HelperProfile.objects.get(user=newcomer).structure == structure
    assert [m.to for m in mail.outbox] == [["newcomer@example.org"]]
    assert "Médiathèque de Roubaix" in mail.outbox[0].subject

    client.force_login(newcomer)
    learner_page = reverse("helpers:learner", args=[card_learner.pk])
    assert client.get(learner_page).status_code == 200


def test_another_partners_operator_cannot_see_or_decide_a_request(
    client, structure, operator_b, with_totp
):
    pending = make_pending_helper(structure=structure, email="newcomer@example.org")
    request = pending.memberships.get()
    client.force_login(with_totp(operator_b))
    assert "newcomer@example.org" not in client.get(CHANGELIST).content.decode()
    change = reverse("admin:helpers_membership_change", args=[request.pk])
    assert client.get(change).status_code == 404
    client.post(CHANGELIST, {"action": "approve", "_selected_action": [request.pk]})
    request.refresh_from_db()
    assert request.status == "pending"


def test_a_refused_request_is_told_and_reaches_nothing(
    client, structure, operator_a, with_totp, sent
):
    pending = make_pending_helper(structure=structure, email="newcomer@example.org")
    request = pending.memberships.get()
    client.force_login(with_totp(operator_a))
    with sent():
        client.post(CHANGELIST, {"action": "refuse", "_selected_action": [request.pk]})
    request.refresh_from_db()
    assert request.status == "rejected"
    assert HelperProfile.objects.get(user=pending).structure is None
    assert [m.to for m in mail.outbox] == [["newcomer@example.org"]]


def test_changing_structure_is_a_new_request_and_the_old_one_stays_until_approved(
    client, structure, operator_a
):
    helper = make_helper(structure=structure, email="helper@example.org")
    AccompanimentFactory(helper=helper, structure=structure, date=datetime.date(2021, 3, 1))
    other = StructureFactory(name="CCAS de Lille")
    ask_to_join(client, helper, other)
    assert HelperProfile.objects.get(user=helper).structure == structure
    request = helper.memberships.get(status="pending")
    assert request.structure == other

    approve_membership(membership=request, by=operator_a)
    assert HelperProfile.objects.get(user=helper).structure == other
    statuses = dict(helper.memberships.values_list("structure__name", "status"))
    assert statuses == {"Médiathèque de Roubaix": "ended", "CCAS de Lille": "approved"}
    assert accompaniments_counted() == 1  # logged while approved there: still counts


def test_nothing_a_person_waiting_for_approval_logs_counts(structure):
    pending = make_pending_helper(structure=structure, email="newcomer@example.org")
    # Written by any path (admin, import, a bug): it still does not count.
    Accompaniment.objects.create(
        helper=pending, structure=structure, date=datetime.date(2021, 3, 1), participants=1
    )
    assert accompaniments_counted() == 0
    approve_membership(membership=pending.memberships.get(), by=None)
    assert accompaniments_counted() == 1


def test_a_withdrawn_approval_takes_the_helpers_figures_out(structure, operator_a):
    helper = make_helper(structure=structure)
    AccompanimentFactory(helper=helper, kind="collective", participants=12)
    assert accompaniments_counted() == 12
    from helpers.services.membership import withdraw_membership

    withdraw_membership(membership=helper.memberships.get(), by=operator_a)
    assert accompaniments_counted() == 0
    assert HelperProfile.objects.get(user=helper).structure is None


def test_accompaniments_at_a_structure_waiting_for_approval_do_not_count():
    pending_structure = StructureFactory(status="pending")
    helper = make_helper(structure=pending_structure)
    AccompanimentFactory(helper=helper)
    assert accompaniments_counted() == 0


def test_card_learners_cannot_become_helpers(client, card_learner, structure):
    card_learner.user.email = "lina@example.org"  # even if an address was added later
    card_learner.user.save()
    response = ask_to_join(client, card_learner.user, structure)
    assert response.status_code == 403
    assert client.get(JOIN).status_code == 403
    assert not Membership.objects.filter(helper=card_learner.user).exists()
    assert User.objects.get(pk=card_learner.user.pk).role == User.Role.LEARNER


def test_a_helper_cannot_approve_themself_by_choosing_another_partners_structure(client):
    d09 = StructureFactory(partner=Partner.objects.get(code="D09"))
    newcomer = make_user(User.Role.LEARNER, email="newcomer@example.org")
    ask_to_join(client, newcomer, d09)
    assert HelperProfile.objects.get(user=newcomer).structure is None
    assert newcomer.memberships.get().status == "pending"


def test_a_new_structure_request_reaches_its_operators_and_its_approval_the_helper(
    client, learner, operator_a, django_capture_on_commit_callbacks
):
    """Operators learn of the new structure with the helper's request; the helper learns
    when the structure is in the network, in their own language."""
    from partners.models import Structure, StructureKind
    from partners.services import approve_structures

    partner = Partner.objects.get(code="WTC")  # operator_a's
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("helpers:join"),
            {
                "sector": Sector.objects.get(code="social").pk,
                "language": "nl",
                "first_name": "Anke",
                "last_name": "Peeters",
                "structure": "new",
                "new_name": "Centre social Lazare-Garreau",
                "new_kind": StructureKind.objects.get(code="social_services").pk,
                "new_partner": partner.pk,
                "new_country": "FR",
                "new_postal_code": "59000",
                "new_city": "Lille",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    (to_operator,) = [m for m in mail.outbox if m.to == [operator_a.email]]
    assert "Centre social Lazare-Garreau (59000 Lille)" in to_operator.body
    assert "/admin/partners/structure/?status__exact=pending" in to_operator.body
    mail.outbox.clear()
    structure = Structure.objects.get(name="Centre social Lazare-Garreau")
    for _ in range(2):  # approving twice tells the helper once
        with django_capture_on_commit_callbacks(execute=True):
            approve_structures(structures=Structure.objects.filter(pk=structure.pk), by=operator_a)
    (to_helper,) = mail.outbox
    assert to_helper.to == [learner.email]
    assert "Centre social Lazare-Garreau" in to_helper.subject
    assert "/nl/helper/sessions/" in to_helper.body


def test_counting_in_bulk_keeps_the_same_accompaniments(structure, operator_a):
    """The indicators' bulk check of memberships agrees with the row-by-row one."""
    from helpers.services.membership import withdraw_membership

    approved = make_helper(structure=structure, email="approved@example.org")
    withdrawn = make_helper(structure=structure, email="withdrawn@example.org")
    pending = make_pending_helper(structure=structure, email="pending@example.org")
    waiting_structure = StructureFactory(status="pending")
    at_waiting_structure = make_helper(structure=waiting_structure, email="x@example.org")
    for helper in (approved, withdrawn, pending):
        AccompanimentFactory(helper=helper, structure=structure)
    AccompanimentFactory(helper=at_waiting_structure, structure=waiting_structure)
    AccompanimentFactory(helper=approved, structure=StructureFactory())  # not a member there
    AccompanimentFactory(helper=None, structure=structure)  # erased account: still counts
    withdraw_membership(membership=withdrawn.memberships.get(), by=operator_a)

    row_by_row = set(Accompaniment.objects.counted().values_list("pk", flat=True))
    in_bulk = set(Accompaniment.objects.counted(in_bulk=True).values_list("pk", flat=True))
    assert in_bulk == row_by_row
    assert len(row_by_row) == 2
