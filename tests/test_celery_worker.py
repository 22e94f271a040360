"""A real Celery worker against Redis: what production's worker container does."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from crosslearn.celery import app as celery_app
from crosslearn.lib.emails import send_email
from tests.factories import PASSWORD

pytestmark = pytest.mark.redis


@pytest.fixture
def real_worker():
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL not set (CI starts Redis)")
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        celery_app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True)
def test_a_task_makes_the_round_trip_through_redis(real_worker):
    result = send_email.delay(
        {"subject": "ping", "body": "pong", "from_email": "a@example.org", "to": ["b@example.org"]}
    )
    assert result.get(timeout=30) == 1
    assert [m.subject for m in mail.outbox] == ["ping"]


@pytest.mark.django_db(transaction=True)
def test_sign_up_email_is_sent_by_the_worker_after_commit(real_worker, client):
    response = client.post(
        "/nl/accounts/signup/",
        {"email": "ada@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    # The view returned before the worker sent it: wait for the queue to drain.
    for _ in range(100):
        if mail.outbox:
            break
        time.sleep(0.1)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.org"]
