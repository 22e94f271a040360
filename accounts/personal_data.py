"""What the accounts app holds about a person, for the privacy registry (accounts.privacy):
the account, the learner profile, notices, e-mail addresses, the second factor, the admin log;
and the retention of learner accounts nobody uses."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Replace

from accounts import privacy
from accounts.models import LearnerProfile, SentNotice, User
from accounts.services import notify_once
from crosslearn.lib.emails import enqueue, render

ERASED = "[erased]"


def iso(value):
    return value.isoformat() if value else None


privacy.link(LearnerProfile, "user", privacy.DELETE)
privacy.link(LearnerProfile, "created_by", privacy.UNLINK)
privacy.link(LearnerProfile, "consent_recorded_by", privacy.UNLINK)
privacy.link(SentNotice, "recipient", privacy.DELETE)
privacy.link(EmailAddress, "user", privacy.DELETE)
privacy.link(Authenticator, "user", privacy.DELETE)  # a secret: never exported
privacy.link(LogEntry, "user", privacy.DELETE)  # what a staff member did in the admin


@privacy.export("account")
def account(user):
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "language": user.language,
        "role": user.role,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    }


@privacy.export("learner_profile")
def learner_profile(user):
    learner = LearnerProfile.objects.filter(user=user).select_related("structure").first()
    if learner is None:
        return None
    return {
        "structure": learner.structure.name if learner.structure_id else None,
        "card_username": learner.card_username,
        "age_bracket": learner.age_bracket,
        "consent_given_at": iso(learner.consent_given_at),
        "created_at": iso(learner.created_at),
        "last_activity": iso(learner.last_activity),
    }


@privacy.export("notices")
def notices(user):
    return [
        {"kind": n.kind, "key": n.key, "sent_at": iso(n.sent_at)}
        for n in user.notices.order_by("sent_at")
    ]


# The models whose admin log lines name the person (their text is the person's address or name).
LOGGED = []  # (model, function(user) -> primary keys), added by each app


def logged(model, keys):
    LOGGED.append((model, keys))


logged(User, lambda user: [user.pk])
logged(
    LearnerProfile,
    lambda user: LearnerProfile.objects.filter(user=user).values_list("pk", flat=True),
)


@privacy.scrubber
def scrub_admin_log(user, identifiers):
    """The admin's log names objects by their text (an e-mail address, a name)."""
    for model, keys in LOGGED:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in keys(user)],
        ).update(object_repr=ERASED)
    for text in identifiers:  # as stored, so as the log quoted them
        for field in ("object_repr", "change_message"):
            LogEntry.objects.filter(**{f"{field}__contains": text}).update(
                **{field: Replace(F(field), Value(text), Value(ERASED))}
            )


@privacy.retention
def purge_inactive_learners(now):
    """Erase learner accounts without activity for LEARNER_RETENTION_DAYS; tell their helper,
    or the learner who signed up with their own address."""
    cutoff = now - datetime.timedelta(days=settings.LEARNER_RETENTION_DAYS)
    profiles = (
        LearnerProfile.objects.inactive_since(cutoff)
        .filter(user__role=User.Role.LEARNER)
        .select_related("user", "created_by")
    )
    erased = 0
    for profile in profiles:
        with transaction.atomic():
            helper = profile.created_by
            if helper and helper.email and helper.is_active:
                notify_once(
                    kind="learner_purged",
                    recipient=helper,
                    key=profile.pk,
                    template="emails/learner_purged",
                    context={
                        "helper": helper,
                        "name": profile.user.first_name,
                        "username": profile.card_username,
                        "days": settings.LEARNER_RETENTION_DAYS,
                    },
                )
            privacy.erase_user(user=profile.user)
            erased += 1
    self_signed = User.objects.filter(
        role=User.Role.LEARNER, learner_profile__isnull=True, is_active=True
    ).filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
    for user in self_signed:
        with transaction.atomic():
            if user.email:
                enqueue(
                    render(
                        "emails/account_purged",
                        to=[user.email],
                        context={"user": user, "days": settings.LEARNER_RETENTION_DAYS},
                        language=user.language,
                    )
                )
            privacy.erase_user(user=user)
            erased += 1
    return erased
