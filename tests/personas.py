"""The people our tests act as: one per role, operators of two different partners.

Staff personas have activated their authenticator app (TOTP), as every staff member must before
any page opens (accounts.middleware); ``without_second_factor`` takes it away.
"""

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
    return make_user(
        User.Role.HELPER, email="helper@example.org", first_name="Hélène", last_name="Durand"
    )


# The secret of every test authenticator app: browser tests type its current code.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def activate_totp(user):
    """Give a staff member an activated authenticator app, as after MFA set-up."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)
    return user


def current_totp_code():
    """The code the test authenticator app shows now."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    if time.time() % period > period - 3:  # about to change: wait for the next code
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // period))


@pytest.fixture
def operator_a(partner_a):
    user = make_user(User.Role.OPERATOR, partner=partner_a, email="operator.a@example.org")
    return activate_totp(user)


@pytest.fixture
def operator_b(partner_b):
    user = make_user(User.Role.OPERATOR, partner=partner_b, email="operator.b@example.org")
    return activate_totp(user)


@pytest.fixture
def coordinator(db):
    return activate_totp(make_user(User.Role.COORDINATOR, email="coordinator@example.org"))


@pytest.fixture
def with_totp():
    return activate_totp


@pytest.fixture
def without_second_factor():
    """Take a staff member's authenticator app away (as before they set it up)."""
    from allauth.mfa.models import Authenticator

    def deactivate(user):
        Authenticator.objects.filter(user=user).delete()
        return user

    return deactivate
