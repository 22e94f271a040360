"""The people our tests act as: one per role, operators of two different partners."""

import pytest

from accounts.models import User
from partners.models import Partner
from tests.factories import make_user


@pytest.fixture
def partner_a(db):
    return Partner.objects.get(code="WTC")


@pytest.fixture
def partner_b(db):
    return Partner.objects.get(code="D09")


@pytest.fixture
def learner(db):
    return make_user(User.Role.LEARNER, email="learner@example.org")


@pytest.fixture
def helper(db):
    return make_user(User.Role.HELPER, email="helper@example.org")


@pytest.fixture
def operator_a(partner_a):
    return make_user(User.Role.OPERATOR, partner=partner_a, email="operator.a@example.org")


@pytest.fixture
def operator_b(partner_b):
    return make_user(User.Role.OPERATOR, partner=partner_b, email="operator.b@example.org")


@pytest.fixture
def coordinator(db):
    return make_user(User.Role.COORDINATOR, email="coordinator@example.org")


@pytest.fixture
def with_totp():
    """Give a staff member an activated authenticator app, as after MFA set-up."""
    from allauth.mfa.models import Authenticator

    def activate(user):
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
        return user

    return activate
