"""Privacy by design: personal-data export, erasure that keeps anonymous statistics,
retention of inactive learner accounts, and the helpers' weekly digest."""

import datetime
import json

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Replace
from django.utils import timezone

from accounts.models import LearnerProfile, User
from accounts.services import notify_once
from courses.models import PositioningResult, Progress
from crosslearn.lib.emails import enqueue, render
from helpers.models import Accompaniment, HelperProfile, Membership
from training.models import Attestation, Participation

ERASED = "[erased]"


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
    data["memberships"] = [
        {
            "structure": m.structure.name,
            "status": m.status,
            "requested_at": _iso(m.requested_at),
            "decided_at": _iso(m.decided_at),
        }
        for m in user.memberships.select_related("structure").order_by("requested_at")
    ]
    data["course_progress"] = [
        {
            "course": p.course.slug,
            "current_step": p.current_step,
            "score": p.score,
            "answers": p.answers,
            "started_at": _iso(p.started_at),
            "completed_at": _iso(p.completed_at),
        }
        for p in Progress.objects.filter(user=user).select_related("course").order_by("pk")
    ]
    data["positioning_results"] = [
        {
            "taken": _iso(r.created_at),
            "source": r.source,
            "learner_name": r.learner_name,
            "answers": r.answers,
            "levels": r.levels,
        }
        for r in PositioningResult.objects.filter(user=user).order_by("created_at")
    ]
    attestation = Attestation.objects.filter(helper=user).first()
    data["attestation"] = attestation and {
        "holder_name": attestation.holder_name,
        "code": attestation.code,
        "stages": attestation.stages,
        "issued_at": _iso(attestation.issued_at),
        "revoked": attestation.revoked,
    }
    return data


def _historical_models():
    return [
        model
        for model in apps.get_models()
        if model.__name__.startswith("Historical") and hasattr(model, "history_user")
    ]


def _identifiers(user):
    """The strings that name ``user`` in texts kept elsewhere (logs, import reports)."""
    profile = LearnerProfile.objects.filter(user=user).first()
    found = [user.email, profile.card_username if profile else None]
    if user.first_name and user.last_name:
        found.append(user.get_full_name())
    return [text for text in found if text]


@transaction.atomic
def erase_user(*, user):
    """Delete ``user`` and their personal data; figures (accompaniments, attendances) stay.

    Accompaniments and participations lose their link to the person (SET_NULL) but keep their
    dates, participant counts and themes, so semester totals do not change. What names the
    person elsewhere goes too: admin log lines, import reports and uploaded files.
    """
    identifiers = _identifiers(user)
    # Free notes about a learner may hold personal details: they go with the person.
    Accompaniment.objects.filter(learner=user).update(notes="")
    PositioningResult.objects.filter(user=user).delete()
    _erase_from_admin_log(user, identifiers)
    _erase_from_imports(identifiers)
    # Audit history keeps the change, not the person.
    for model in _historical_models():
        for field in model._meta.fields:
            if field.is_relation and field.related_model is User:
                model.objects.filter(**{field.attname: user.pk}).update(**{field.attname: None})
    user.delete()


def _erase_from_admin_log(user, identifiers):
    """The admin's log names objects by their text (an e-mail address, a name)."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    own = [(User, [user.pk])]
    own += [(LearnerProfile, LearnerProfile.objects.filter(user=user).values_list("pk", flat=True))]
    own += [(HelperProfile, HelperProfile.objects.filter(user=user).values_list("pk", flat=True))]
    own += [(Membership, user.memberships.values_list("pk", flat=True))]
    own += [(Participation, Participation.objects.filter(person=user).values_list("pk", flat=True))]
    own += [(Attestation, Attestation.objects.filter(helper=user).values_list("pk", flat=True))]
    for model, pks in own:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in pks],
        ).update(object_repr=ERASED)
    for text in identifiers:  # as stored, so as the log quoted them
        for field in ("object_repr", "change_message"):
            LogEntry.objects.filter(**{f"{field}__contains": text}).update(
                **{field: Replace(F(field), Value(text), Value(ERASED))}
            )


def _erase_from_imports(identifiers):
    """Import reports quote cells and files hold rows: take the person out of both.

    A file waiting for confirmation that names the person is withdrawn (confirming it would
    bring them back); finished jobs no longer keep their file (partners.imports.jobs).
    """
    from partners.models import ImportJob

    lowered = [text.lower() for text in identifiers]
    for job in ImportJob.objects.only("report", "file", "status", "finished_at"):
        report_text = json.dumps(job.report, ensure_ascii=False).lower()
        in_report = any(text in report_text for text in lowered)
        in_file = bool(job.file) and _file_mentions(job.file, lowered)
        if not (in_report or in_file):
            continue
        if in_report:
            # A preview row naming the person goes whole (their other cells are theirs too).
            job.report["preview"] = [
                [ERASED] * len(row) if _mentions(" ".join(map(str, row)), lowered) else row
                for row in job.report.get("preview", [])
            ]
            text = json.dumps(job.report, ensure_ascii=False)
            job.report = json.loads(_replace_all(text, lowered))
        if in_file:
            job.file.delete(save=False)
            job.file = ""
            if not job.finished_at:
                job.status = ImportJob.Status.FAILED
                job.finished_at = timezone.now()
        job.save(update_fields=["report", "file", "status", "finished_at"])


def _file_mentions(stored_file, lowered):
    from crosslearn.lib.spreadsheets import SpreadsheetError, read_table

    try:
        with stored_file.open("rb") as handle:
            header, rows = read_table(handle.read(), stored_file.name)
    except (OSError, SpreadsheetError):
        return True  # unreadable: cannot tell, so it goes
    cells = " ".join([*header, *(cell for _n, row in rows for cell in row)]).lower()
    return any(text in cells for text in lowered)


def _mentions(text, lowered):
    text = text.lower()
    return any(needle in text for needle in lowered)


def _replace_all(text, lowered):
    import re

    for needle in lowered:
        text = re.sub(re.escape(needle), ERASED, text, flags=re.IGNORECASE)
    return text


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
    return erased + purge_inactive_self_signed_learners(cutoff)


def purge_inactive_self_signed_learners(cutoff):
    """Learners who signed up with their own e-mail address (no helper created them): erased
    after the same time without logging in; they are told at their address."""
    users = User.objects.filter(
        role=User.Role.LEARNER, learner_profile__isnull=True, is_active=True
    ).filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
    erased = 0
    for user in users:
        with transaction.atomic():
            if user.email:
                message = render(
                    "emails/account_purged",
                    to=[user.email],
                    context={"user": user, "days": settings.LEARNER_RETENTION_DAYS},
                    language=user.language,
                )
                enqueue(message)
            erase_user(user=user)
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
