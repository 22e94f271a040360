"""Staff need their second factor on every page, not only in the admin (issue #12, point 4)."""

import pytest
from django.urls import reverse

from accounts.learners import create_learner
from tests.factories import StructureFactory, TrainingSessionFactory, make_helper

pytestmark = pytest.mark.django_db

SETUP = reverse("mfa_activate_totp")


@pytest.fixture
def card_learner(db):
    helper = make_helper(structure=StructureFactory())
    profile, _code = create_learner(helper=helper, first_name="Lina", language="fr", consent=True)
    return profile


@pytest.fixture
def operator_a(operator_a, without_second_factor):
    return without_second_factor(operator_a)


@pytest.fixture
def coordinator(coordinator, without_second_factor):
    return without_second_factor(coordinator)


def test_an_operator_without_a_second_factor_cannot_reset_a_card_code_or_take_attendance(
    client, operator_a, card_learner
):
    password = card_learner.user.password
    client.force_login(operator_a)
    reset = client.post(reverse("helpers:learner_reset_code", args=[card_learner.pk]))
    assert (reset.status_code, reset.url) == (302, SETUP)
    card_learner.user.refresh_from_db()
    assert card_learner.user.password == password
    for url in [
        reverse("helpers:learner_card", args=[card_learner.pk]),
        reverse("helpers:learner", args=[card_learner.pk]),
        reverse("helpers:attendance", args=[TrainingSessionFactory().pk]),
        reverse("reporting:dashboard"),
        reverse("home"),
        reverse("admin:index"),
    ]:
        response = client.get(url)
        assert (response.status_code, response.url) == (302, SETUP), url


def test_a_coordinator_without_a_second_factor_cannot_download_reports(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("reporting:download", args=["crosslearn", "csv"]))
    assert (response.status_code, response.url) == (302, SETUP)


def test_setting_up_the_second_factor_and_logging_out_stay_open(client, operator_a):
    client.force_login(operator_a)
    response = client.get(SETUP)
    assert response.status_code == 200 or response.url != SETUP  # no loop
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_with_a_second_factor_staff_work_as_usual(client, operator_a, with_totp, card_learner):
    client.force_login(with_totp(operator_a))
    assert client.get(reverse("helpers:learner", args=[card_learner.pk])).status_code == 200
    assert client.get(reverse("reporting:dashboard")).status_code == 200


def test_removing_the_second_factor_asks_for_it_again_at_once(client, operator_a, with_totp):
    client.force_login(with_totp(operator_a))
    assert client.get(reverse("reporting:dashboard")).status_code == 200
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=operator_a).delete()
    assert client.get(reverse("reporting:dashboard")).url == SETUP


def test_helpers_and_learners_are_not_asked(client, learner):
    client.force_login(learner)
    assert client.get(reverse("courses:my_learning")).status_code == 200


def test_the_local_demo_may_relax_it(client, operator_a, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(operator_a)
    assert client.get(reverse("reporting:dashboard")).status_code == 200
