"""Privacy by design: personal-data export, erasure that keeps anonymous statistics,
retention of inactive learner accounts, and the helpers' weekly digest."""

import datetime

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import LearnerProfile, User
from accounts.services import notify_once
from helpers.models import Accompaniment, HelperProfile, Participation


def _iso(value):
    return value.isoformat() if value else None


def personal_data(user):
    """Everything Cross§Le@rn holds about ``user``, as plain JSON-ready data."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "role": user.role,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "learner_profile": None,
        "helper_profile": None,
    }
    learner = LearnerProfile.objects.filter(user=user).select_related("structure").first()
    if learner:
        data["learner_profile"] = {
            "structure": learner.structure.name if learner.structure_id else None,
            "card_username": learner.card_username,
            "age_bracket": learner.age_bracket,
            "consent_given_at": _iso(learner.consent_given_at),
            "created_at": _iso(learner.created_at),
            "last_activity": _iso(learner.last_activity),
        }
    helper = HelperProfile.objects.filter(user=user).select_related("structure", "sector").first()
    if helper:
        data["helper_profile"] = {
            "structure": helper.structure.name if helper.structure_id else None,
            "sector": helper.sector.code if helper.sector_id else None,
            "created_at": _iso(helper.created_at),
        }
    data["accompaniments_received"] = [
        {
            "date": _iso(item.date),
            "kind": item.kind,
            "duration_minutes": item.duration_minutes,
            "themes": sorted(t.code for t in item.themes.all()),
            "procedures": item.procedures,
            "autonomy": item.autonomy,
            "notes": item.notes,
        }
        for item in user.accompaniments_received.prefetch_related("themes").order_by("date")
    ]
    # Given accompaniments: the helper's own activity, without what concerns other people.
    data["accompaniments_given"] = [
        {
            "ref": item.ref,
            "date": _iso(item.date),
            "kind": item.kind,
            "participants": item.participants,
            "duration_minutes": item.duration_minutes,
            "place": item.place,
            "themes": sorted(t.code for t in item.themes.all()),
        }
        for item in user.accompaniments_given.prefetch_related("themes").order_by("date")
    ]
    data["participations"] = [
        {
            "session": p.session.title,
            "starts_at": _iso(p.session.starts_at),
            "booking": p.booking,
            "attendance": p.attendance,
        }
        for p in Participation.objects.filter(person=user).select_related("session")
    ]
    data["notices"] = [
        {"kind": n.kind, "key": n.key, "sent_at": _iso(n.sent_at)}
        for n in user.notices.order_by("sent_at")
    ]
    return data


def _historical_models():
    return [
        model
        for model in apps.get_models()
        if model.__name__.startswith("Historical") and hasattr(model, "history_user")
    ]


@transaction.atomic
def erase_user(*, user):
    """Delete ``user`` and their personal data; figures (accompaniments, attendances) stay.

    Accompaniments and participations lose their link to the person (SET_NULL) but keep their
    dates, participant counts and themes, so semester totals do not change.
    """
    # Free notes about a learner may hold personal details: they go with the person.
    Accompaniment.objects.filter(learner=user).update(notes="")
    # Audit history keeps the change, not the person.
    for model in _historical_models():
        for field in model._meta.fields:
            if field.is_relation and field.related_model is User:
                model.objects.filter(**{field.attname: user.pk}).update(**{field.attname: None})
    user.delete()


def purge_inactive_learners(now=None):
    """Erase learner accounts without activity for LEARNER_RETENTION_DAYS; tell their helper."""
    now = now or timezone.now()
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
            notify = helper and helper.email and helper.is_active
            if notify:
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
            erase_user(user=profile.user)
            erased += 1
    return erased


def week_key(day):
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def digest_for(helper, now):
    """What the weekly digest tells ``helper``, or None when there is nothing to say."""
    from helpers.services.learners import inactive_cutoff

    today = timezone.localtime(now).date()
    monday = today - datetime.timedelta(days=today.weekday())
    inactive = list(
        LearnerProfile.objects.followed_by(helper)
        .inactive_since(inactive_cutoff(now))
        .select_related("user")
        .order_by("user__first_name")
    )
    logged = Accompaniment.objects.filter(helper=helper, date__gte=monday).exists()
    if not inactive and logged:
        return None
    return {"inactive": inactive, "logged_this_week": logged}


def send_weekly_digests(now=None):
    """One digest per helper and ISO week, even if the task runs again."""
    now = now or timezone.now()
    key = week_key(timezone.localtime(now).date())
    helpers = User.objects.filter(
        helper_profile__isnull=False, is_active=True, email__isnull=False
    ).order_by("pk")
    sent = 0
    for helper in helpers:
        digest = digest_for(helper, now)
        if digest is None:
            continue
        sent += notify_once(
            kind="weekly_digest",
            recipient=helper,
            key=key,
            template="emails/weekly_digest",
            context={"helper": helper, "site_url": settings.SITE_URL, **digest},
        )
    return sent
