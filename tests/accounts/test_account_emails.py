"""Account e-mails: one parsable sender, and our own words in the reader's language."""

from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST as the browser would; the e-mails queued at commit are sent."""

    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


PASSWORD = "Un-mot-de-passe-2026"


def sent():
    """The last e-mail as a receiving mail program reads it."""
    return message_from_bytes(mail.outbox[-1].message().as_bytes(), policy=policy.default)


def sign_up(post, language, address):
    with translation.override(language):
        url = reverse("account_signup")
    data = {"email": address, "password1": PASSWORD, "password2": PASSWORD}
    assert post(url, data).status_code == 302


def test_the_sender_is_one_address_with_the_brand_as_its_name(post):
    sign_up(post, "fr", "lina@example.org")
    (sender,) = sent()["From"].addresses
    assert sender.display_name == "Cross§Le@rn"
    assert sender.addr_spec.startswith("no-reply@")


@pytest.mark.parametrize(
    "language, words",
    [
        ("fr", ["Bonjour,", "Confirmez votre adresse e-mail", "L'équipe Cross§Le@rn"]),
        ("nl", ["Hallo,", "Bevestig je e-mailadres", "Het team van Cross§Le@rn"]),
        ("en", ["Hello,", "Confirm your e-mail address", "The Cross§Le@rn team"]),
    ],
)
def test_the_confirmation_speaks_our_words_and_never_names_the_host(post, language, words):
    sign_up(post, language, f"lina.{language}@example.org")
    message = sent()
    text = f"{mail.outbox[-1].subject}\n{message.get_content()}"
    for expected in words:
        assert expected in text
    assert mail.outbox[-1].subject.startswith("Cross§Le@rn – ")
    assert "/confirm-email/" in text  # the link to confirm
    assert_own_words(text)


def assert_own_words(text):
    """No stock phrase of the library, and the host only in links."""
    prose = "\n".join(line for line in text.splitlines() if not line.startswith("http"))
    for stock in ("example.com", "testserver", "Hello from", "Thank you for using"):
        assert stock not in prose


@pytest.mark.parametrize("exists", [True, False])
def test_a_password_reset_speaks_our_words_whether_or_not_the_account_exists(post, exists):
    if exists:
        make_user(User.Role.LEARNER, email="piet@example.org", language="nl")
    with translation.override("nl"):
        url = reverse("account_reset_password")
    post(url, {"email": "piet@example.org"})
    message = sent()
    text = message.get_content()
    assert "Het team van Cross§Le@rn" in text
    assert ("Open deze link om een nieuw wachtwoord te kiezen" in text) is exists
    assert ("geen Cross§Le@rn-account" in text) is not exists
    assert_own_words(text)
