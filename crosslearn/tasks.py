from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from crosslearn.lib.emails import build


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(payload):
    """Send one prepared e-mail; returns the number of messages handed to the backend."""
    return build(payload).send()


@shared_task
def clear_expired_sessions():
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
