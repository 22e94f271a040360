"""The helpers' weekly digest: learners gone quiet, and a nudge when nothing was logged."""

import datetime

from django.conf import settings
from django.utils import timezone

from accounts.learners import inactive_cutoff
from accounts.models import User
from accounts.services import notify_once
from helpers.models import Accompaniment
from helpers.services.learners import followed_by


def week_key(day):
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def digest_for(helper, now):
    """What the weekly digest tells ``helper``, or None when there is nothing to say."""
    today = timezone.localtime(now).date()
    monday = today - datetime.timedelta(days=today.weekday())
    inactive = list(
        followed_by(helper)
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
