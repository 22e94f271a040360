"""E-mails: rendered from subject / text / HTML template triplets, sent by Celery after commit."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def render(template_prefix, *, to, context, language):
    """Render ``templates/<template_prefix>_{subject.txt,body.txt,body.html}`` in ``language``."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        text = render_to_string(f"{template_prefix}_body.txt", context).strip()
        html = render_to_string(f"{template_prefix}_body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, list(to))
    message.attach_alternative(html, "text/html")
    return message


def enqueue(message):
    """Send ``message`` through the Celery task once the current transaction commits."""
    payload = {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "alternatives": [[content, mimetype] for content, mimetype in message.alternatives],
        "attachments": [
            [name, content if isinstance(content, str) else content.decode(), mimetype]
            for name, content, mimetype in message.attachments
        ],
        "headers": dict(message.extra_headers),
    }
    transaction.on_commit(lambda: send_email.delay(payload))


def build(payload):
    message = EmailMultiAlternatives(
        payload["subject"],
        payload["body"],
        payload["from_email"],
        payload["to"],
        headers=payload.get("headers") or None,
    )
    for content, mimetype in payload.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    for name, content, mimetype in payload.get("attachments", []):
        message.attach(name, content, mimetype)
    return message


# The name it had when it lived in crosslearn/tasks.py: messages queued before a deploy still run.
@shared_task(
    name="crosslearn.tasks.send_email", autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def send_email(payload):
    """Send one prepared e-mail; returns the number of messages handed to the backend."""
    return build(payload).send()
