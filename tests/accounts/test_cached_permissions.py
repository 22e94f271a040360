"""Permissions are cached between requests, and every change to them is seen at once."""

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from accounts.services import assign_role
from tests.factories import make_user

pytestmark = pytest.mark.django_db
MY_LEARNING = reverse("courses:my_learning")


def fresh(user):
    """The same account as a new request would load it (no per-object permission cache)."""
    return User.objects.get(pk=user.pk)


def permission_queries(user, perm):
    with CaptureQueriesContext(connection) as queries:
        allowed = fresh(user).has_perm(perm)
    return allowed, len(queries) - 1  # minus loading the user


def test_second_request_reads_permissions_from_the_cache():
    helper = make_user(User.Role.HELPER)
    assert permission_queries(helper, "accounts.use_helper_space") == (True, 2)
    assert permission_queries(helper, "accounts.use_helper_space") == (True, 0)


def test_a_new_role_is_seen_on_the_next_request():
    user = make_user(User.Role.LEARNER)
    assert not fresh(user).has_perm("accounts.use_helper_space")
    assign_role(user=user, role=User.Role.HELPER)
    assert fresh(user).has_perm("accounts.use_helper_space")


def test_a_permission_taken_from_a_role_is_seen_on_the_next_request():
    helper = make_user(User.Role.HELPER)
    assert fresh(helper).has_perm("accounts.use_helper_space")
    group = Group.objects.get(name=User.Role.HELPER.value)
    group.permissions.remove(Permission.objects.get(codename="use_helper_space"))
    assert not fresh(helper).has_perm("accounts.use_helper_space")


def test_a_permission_given_to_one_user_is_seen_on_the_next_request():
    learner = make_user(User.Role.LEARNER)
    assert not fresh(learner).has_perm("accounts.view_partner_reports")
    learner.user_permissions.add(Permission.objects.get(codename="view_partner_reports"))
    assert fresh(learner).has_perm("accounts.view_partner_reports")


def test_deactivated_and_demoted_accounts_lose_their_rights_at_once():
    user = make_user(User.Role.HELPER, is_superuser=True)
    assert "partners.delete_partner" in fresh(user).get_all_permissions()  # now cached
    user.is_superuser = False
    user.save()
    assert not fresh(user).has_perm("partners.delete_partner")
    user.is_active = False
    user.save()
    assert not fresh(user).has_perm("accounts.use_helper_space")


def logged_in_helper(client):
    helper = make_user(User.Role.HELPER)
    client.force_login(helper)
    assert client.get(MY_LEARNING).status_code == 200
    return helper


def test_a_logged_in_page_reads_session_user_and_permissions_from_the_cache(client):
    """Kept because make bench showed reading the account on each request costs (issue #15)."""
    logged_in_helper(client)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(MY_LEARNING).status_code == 200
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "django_session" not in tables
    assert "accounts_user" not in tables
    assert "auth_permission" not in tables


def deactivate(user):
    user.is_active = False


def change_password(user):
    user.set_password("a-brand-new-passphrase")


@pytest.mark.parametrize("change", [deactivate, change_password])
def test_a_deactivation_or_a_new_password_ends_other_sessions_at_once(client, change):
    helper = logged_in_helper(client)
    change(helper)
    helper.save()
    assert client.get(MY_LEARNING).status_code == 302  # logged out at once


def deactivate_in_bulk(user):
    User.objects.filter(pk=user.pk).update(is_active=False)


def change_password_in_bulk(user):
    User.objects.filter(pk=user.pk).update(password=make_password("a-brand-new-passphrase"))


@pytest.mark.parametrize("change", [deactivate_in_bulk, change_password_in_bulk])
def test_a_bulk_write_to_accounts_ends_other_sessions_at_once(client, change):
    """An update() sends no signal: the accounts' manager makes their cached copies stale."""
    change(logged_in_helper(client))
    assert client.get(MY_LEARNING).status_code == 302  # logged out at once
