import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_up_creates_a_learner_and_sends_a_verification_email_in_their_language(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/nl/accounts/signup/",
            {"email": "  Anna@Example.ORG ", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "anna@example.org"
    assert user.role == User.Role.LEARNER
    assert user.language == "nl"
    assert list(user.groups.values_list("name", flat=True)) == ["learner"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert "Bevestig" in mail.outbox[0].subject or "bevestig" in mail.outbox[0].body


def test_an_unverified_account_cannot_log_in_yet(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/fr/accounts/signup/",
            {"email": "ben@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "ben@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")


def test_one_person_one_account_whatever_the_case(client, learner):
    # allauth does not reveal that the address is taken (no account enumeration).
    response = client.post(
        "/fr/accounts/signup/",
        {"email": learner.email.upper(), "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert User.objects.count() == 1


def test_login_accepts_any_case_of_the_email(client, helper):
    response = client.post(
        reverse("account_login"), {"login": " HELPER@example.org ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("helpers:dashboard")).status_code == 200


def test_failed_logins_are_rate_limited(client, learner):
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": learner.email, "password": "wrong"}
        )
        assert response.status_code == 200
    # Even the right password is refused until the window has passed.
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors["__all__"]


def test_password_reset_sends_a_translated_email(
    client, learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/password/reset/", {"email": learner.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Cross§Le@rn – Choose a new password"


def test_password_change_and_logout(client, learner):
    client.force_login(learner)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-passphrase",
            "password2": "a-new-long-passphrase",
        },
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password("a-new-long-passphrase")
    client.post(reverse("account_logout"))
    assert client.get(reverse("courses:my_learning")).status_code == 302


def test_confirming_the_address_sends_a_welcome_in_the_persons_language(
    client, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/nl/accounts/signup/",
            {"email": "carla@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    key = EmailConfirmationHMAC(EmailAddress.objects.get(email="carla@example.org")).key
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/nl/accounts/confirm-email/{key}/")
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="carla@example.org").verified
    welcome = mail.outbox[-1]
    assert welcome.subject == "Welkom bij Cross§Le@rn"
    assert "Deel je wachtwoord nooit" in welcome.body
    assert welcome.alternatives[0][1] == "text/html"
