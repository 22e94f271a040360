import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SPACES = {
    "learner": "courses:my_learning",
    "helper": "helpers:dashboard",
    "reports": "reporting:dashboard",
}

# Which space each persona may open (200) or is refused (403).
ALLOWED = {
    "learner": {"learner"},
    "helper": {"learner", "helper"},
    "operator_a": {"reports"},
    "coordinator": {"reports"},
}


def log_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("learner", "/fr/learn/"),
        ("helper", "/fr/helper/"),
        ("operator_a", "/fr/admin/"),
        ("coordinator", "/fr/reports/"),
    ],
)
def test_each_role_logs_in_and_lands_in_its_space(
    client, request, persona, landing, without_second_factor, settings
):
    # The password step alone: the second factor is relaxed as in the local demo.
    settings.STAFF_MFA_REQUIRED = False
    user = without_second_factor(request.getfixturevalue(persona))
    response = log_in(client, user)
    response = client.get(response.url)
    assert response.status_code == 302
    assert response.url == landing


@pytest.mark.parametrize("persona", sorted(ALLOWED))
@pytest.mark.parametrize("space", sorted(SPACES))
def test_spaces_are_guarded_by_permissions(client, request, persona, space):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(SPACES[space]))
    assert response.status_code == (200 if space in ALLOWED[persona] else 403)


@pytest.mark.parametrize("space", sorted(SPACES))
def test_anonymous_visitors_are_sent_to_the_login_page(client, space):
    response = client.get(reverse(SPACES[space]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_staff_without_second_factor_are_sent_to_set_one_up(
    client, operator_a, without_second_factor
):
    client.force_login(without_second_factor(operator_a))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_staff_with_second_factor_reach_the_admin(client, coordinator, with_totp):
    client.force_login(with_totp(coordinator))
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_demo_may_relax_the_second_factor(client, settings, operator_a, without_second_factor):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(without_second_factor(operator_a))
    assert client.get(reverse("admin:index")).status_code == 200


def test_learners_and_helpers_never_reach_the_admin(client, learner, helper):
    for user in (learner, helper):
        client.force_login(user)
        assert client.get(reverse("admin:index"), follow=True).status_code == 403


def test_the_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_role_change_in_the_admin_syncs_the_group(learner):
    from accounts.models import User
    from accounts.services import assign_role

    assign_role(user=learner, role=User.Role.HELPER)
    learner = User.objects.get(pk=learner.pk)
    assert list(learner.groups.values_list("name", flat=True)) == ["helper"]
    assert learner.has_perm("accounts.use_helper_space")
    assert not learner.is_staff


def test_an_operator_needs_a_partner(learner):
    from django.core.exceptions import ValidationError

    from accounts.models import User
    from accounts.services import assign_role

    with pytest.raises(ValidationError):
        assign_role(user=learner, role=User.Role.OPERATOR)
