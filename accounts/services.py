from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import User
from accounts.roles import STAFF_ROLES


@transaction.atomic
def assign_role(*, user, role, partner=None):
    """Give ``user`` a single role (and its group); staff roles may enter the admin."""
    role = User.Role(role)
    user.role = role
    user.partner = partner
    user.is_staff = role in STAFF_ROLES or user.is_superuser
    user.full_clean()
    user.save()
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.set([group])
    return user


def claim_notice(*, kind, recipient, key):
    """Record that ``kind`` about ``key`` goes to ``recipient``; False if it already went.

    The unique constraint decides under concurrency: only one claimant inserts the row.
    """
    from django.db import IntegrityError

    from accounts.models import SentNotice

    try:
        with transaction.atomic():
            SentNotice.objects.create(kind=kind, recipient=recipient, key=str(key))
    except IntegrityError:
        return False
    return True


@transaction.atomic
def notify_once(*, kind, recipient, key, template, context, attachments=()):
    """E-mail ``recipient`` in their language, once per ``(kind, key)``; False if not sent.

    The claim and the e-mail share one transaction: if rendering fails the claim is rolled
    back, and the e-mail leaves (through Celery) only once the claim is committed.
    """
    from crosslearn.lib.emails import enqueue, render

    if not recipient.email or not claim_notice(kind=kind, recipient=recipient, key=key):
        return False
    message = render(template, to=[recipient.email], context=context, language=recipient.language)
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    enqueue(message)
    return True
