"""Several gunicorn workers without Redis, as the Dockerfile's own command runs them.

Each worker has its own local-memory cache. A logout, a new password or a login limit seen by
one worker must hold in all of them (issue #12, points 5 and 6). These tests start a real
gunicorn on the test database (PostgreSQL: several processes share it) and send real requests.
"""

import concurrent.futures
import http.client
import os
import re
import socket
import subprocess
import sys
import time

import pytest
from django.conf import global_settings, settings
from django.db import connection
from django.urls import reverse

from accounts.learners import create_learner
from tests.factories import PASSWORD, StructureFactory, make_helper, make_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

WORKERS = 3
REQUESTS = 36
MY_LEARNING = "/fr/learn/"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def _production_hashers(settings):
    # The workers check passwords with the production hashers.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS


@pytest.fixture
def server():
    if connection.vendor != "postgresql":
        pytest.skip("several processes need a shared database: PostgreSQL (CI sets DATABASE_URL)")
    db = connection.settings_dict
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        "DEBUG": "0",
        "SECRET_KEY": "multi-process-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "crosslearn.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=settings.BASE_DIR,
        env=environment,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("gunicorn did not start")
    yield port
    process.terminate()
    process.wait(timeout=10)


def request(port, method, path, *, cookies=None, body=None):
    """One request on a new connection (so gunicorn spreads them over its workers)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    content = response.read().decode(errors="replace")
    set_cookies = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            set_cookies[name] = rest.split(";", 1)[0]
    conn.close()
    return response.status, response.getheader("Location"), content, set_cookies


def log_in(port, email, password=PASSWORD):
    _s, _l, page, cookies = request(port, "GET", "/fr/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = f"csrfmiddlewaretoken={token}&login={email}&password={password}"
    status, _location, _c, new = request(
        port, "POST", "/fr/accounts/login/", cookies=cookies, body=body
    )
    assert status == 302, "login failed"
    return {**cookies, **new}


def logged_in_answers(port, cookies):
    """How many of REQUESTS parallel requests were served as the logged-in person."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(
            pool.map(
                lambda _: request(port, "GET", MY_LEARNING, cookies=cookies)[0], range(REQUESTS)
            )
        )
    return statuses.count(200)


@pytest.fixture
def learner_account():
    return make_user("learner", email="multi@example.org")


def test_a_logout_ends_the_session_in_every_worker(server, learner_account):
    cookies = log_in(server, learner_account.email)
    assert logged_in_answers(server, cookies) == REQUESTS  # every worker has seen the session
    _s, _l, page, _c = request(server, "GET", "/fr/accounts/logout/", cookies=cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    status, *_ = request(
        server, "POST", "/fr/accounts/logout/", cookies=cookies, body=f"csrfmiddlewaretoken={token}"
    )
    assert status == 302
    assert logged_in_answers(server, cookies) == 0


def test_a_new_password_ends_the_other_sessions_in_every_worker(server, learner_account):
    cookies = log_in(server, learner_account.email)
    assert logged_in_answers(server, cookies) == REQUESTS
    learner_account.set_password("a-completely-new-password-2026")
    learner_account.save()  # in another process than every worker
    assert logged_in_answers(server, cookies) == 0


def test_card_login_limits_hold_across_workers(server):
    helper = make_helper(structure=StructureFactory())
    profile, _code = create_learner(helper=helper, first_name="Lina", language="fr", consent=True)
    card_login = reverse("accounts:card_login")
    _s, _l, page, cookies = request(server, "GET", card_login)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = f"csrfmiddlewaretoken={token}&username={profile.card_username}&code=00000000"

    def attempt(_):
        return request(server, "POST", card_login, cookies=cookies, body=body)[0]

    with concurrent.futures.ThreadPoolExecutor(max_workers=15) as pool:
        statuses = sorted(pool.map(attempt, range(30)))
    assert statuses == [400] * settings.CARD_LOGIN_FAILURES_PER_USERNAME + [429] * (
        30 - settings.CARD_LOGIN_FAILURES_PER_USERNAME
    )
