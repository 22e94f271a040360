"""Login limits that hold behind the proxy and under parallel attempts (issue #12, point 5)."""

import threading

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts import throttle
from accounts.learners import create_learner
from accounts.models import AttemptCount, User
from tests.factories import PASSWORD, StructureFactory, make_helper, make_user

CARD_LOGIN = reverse("accounts:card_login")
LOGIN = reverse("account_login")


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting how often a password is hashed (the costly step)."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def card(db):
    helper = make_helper(structure=StructureFactory())
    profile, code = create_learner(helper=helper, first_name="Lina", language="fr", consent=True)
    profile.code = code
    return profile


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def from_address(address):
    # What the compose file's Caddy sends: the visitor's address in X-Forwarded-For, and the
    # connection itself comes from the proxy.
    return {"HTTP_X_FORWARDED_FOR": address, "REMOTE_ADDR": "172.18.0.2"}


def test_codes_have_eight_digits_so_the_daily_limit_makes_guessing_hopeless(card, settings):
    assert len(card.code) == 8 and card.code.isdigit()
    yearly_guesses = settings.CARD_LOGIN_ATTEMPTS_PER_CARD_PER_DAY * 365
    assert yearly_guesses / 10**8 < 0.001  # under 1 in 1,000 after a year of trying


@pytest.mark.django_db
def test_one_visitor_behind_the_proxy_does_not_lock_out_everyone(client, card, behind_proxy):
    for _ in range(10):
        client.post(
            CARD_LOGIN,
            {"username": "someone-else", "code": "12345678"},
            **from_address("203.0.113.9"),
        )
    assert (
        client.post(
            CARD_LOGIN, {"username": "someone-else", "code": "1"}, **from_address("203.0.113.9")
        ).status_code
        == 429
    )
    other_visitor = Client()
    response = other_visitor.post(
        CARD_LOGIN,
        {"username": card.card_username, "code": card.code},
        **from_address("198.51.100.4"),
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_guessing_one_card_from_many_addresses_stops_at_the_cards_daily_limit(
    client, card, behind_proxy, settings
):
    settings.CARD_LOGIN_ATTEMPTS_PER_CARD_PER_DAY = 12
    for number in range(12):
        response = client.post(
            CARD_LOGIN,
            {"username": card.card_username, "code": "00000000"},
            **from_address(f"203.0.113.{number}"),
        )
        assert response.status_code == 400
    blocked = client.post(
        CARD_LOGIN, {"username": card.card_username, "code": card.code}, **from_address("192.0.2.1")
    )
    assert blocked.status_code == 429


@pytest.mark.django_db
def test_the_counters_hold_no_username_or_address(card, behind_proxy, client):
    client.post(
        CARD_LOGIN, {"username": card.card_username, "code": "0"}, **from_address("203.0.113.7")
    )
    stored = " ".join(f"{row.key} {row.slot}" for row in AttemptCount.objects.all())
    assert AttemptCount.objects.count() == 3
    assert card.card_username not in stored and "203.0.113.7" not in stored


@pytest.mark.django_db
def test_an_unknown_card_costs_the_same_hashing_as_a_wrong_code(client, card, settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_rate_limits.CountingHasher"]
    CountingHasher.calls = 0
    client.post(CARD_LOGIN, {"username": card.card_username, "code": "00000000"})
    known = CountingHasher.calls
    CountingHasher.calls = 0
    client.post(CARD_LOGIN, {"username": "nobody-1234", "code": "00000000"})
    assert known == CountingHasher.calls == 1


@pytest.mark.django_db
def test_signing_up_with_a_taken_address_costs_the_same_hashing(client, settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_rate_limits.CountingHasher"]
    make_user(User.Role.LEARNER, email="taken@example.org")
    signup = reverse("account_signup")

    def sign_up(email):
        CountingHasher.calls = 0
        data = {
            "email": email,
            "password1": "Un-mot-de-passe-2026",
            "password2": "Un-mot-de-passe-2026",
        }
        response = Client().post(signup, data)
        assert response.status_code == 302
        return CountingHasher.calls

    assert sign_up("taken@example.org") == sign_up("new@example.org") == 1


@pytest.mark.django_db
def test_password_guesses_are_counted_per_account_and_address(client, learner, behind_proxy):
    def log_in(address, password="wrong-password", email=learner.email):
        return Client().post(LOGIN, {"login": email, "password": password}, **from_address(address))

    for _ in range(5):
        assert log_in("203.0.113.9").status_code == 200  # the form again, with an error
    refused = log_in("203.0.113.9", password=PASSWORD)
    assert "_auth_user_id" not in refused.wsgi_request.session
    # The learner, from their own address, still logs in.
    assert log_in("198.51.100.4", password=PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_successful_login_gives_back_the_accounts_attempt(card):
    limit = throttle.Limit("test", 3, 60)
    assert [throttle.hit(limit, "x", now=1000) for _ in range(3)] == [1, 2, 3]
    throttle.forgive(limit, "x", now=1000)
    assert throttle.hit(limit, "x", now=1000) == 3
    assert throttle.hit(limit, "x", now=1060) == 1  # a new window


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_wrong_codes_check_at_most_five(card):
    if connection.vendor != "postgresql":
        pytest.skip("parallel requests need PostgreSQL (CI sets DATABASE_URL)")
    statuses, start = [], threading.Barrier(30)

    def attempt():
        start.wait()
        response = Client().post(CARD_LOGIN, {"username": card.card_username, "code": "00000000"})
        statuses.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [400] * 5 + [429] * 25
