"""Reminders through a real Celery worker on Redis, the way production's beat and worker run."""

import datetime
import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.utils import timezone

from crosslearn.celery import app as celery_app
from tests.factories import TrainingSessionFactory, make_helper
from training import tasks
from training.services.booking import book_seat

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


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


def test_three_runs_through_the_worker_send_each_helper_one_reminder(real_worker):
    session = TrainingSessionFactory(starts_at=timezone.now() + datetime.timedelta(days=1))
    people = [make_helper() for _ in range(3)]
    celery_app.conf.task_always_eager = True  # the booking confirmations: sent now, set aside
    for person in people:
        book_seat(session=session, person=person)
    celery_app.conf.task_always_eager = False
    assert len(mail.outbox) == 3
    mail.outbox.clear()
    results = [tasks.send_session_reminders.delay() for _ in range(3)]
    assert sorted(r.get(timeout=30) for r in results) == [0, 0, 3]
    for _ in range(100):  # the e-mails themselves are further tasks on the queue
        if len(mail.outbox) >= 3:
            break
        time.sleep(0.1)
    time.sleep(0.5)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
