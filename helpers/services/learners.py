"""Learners followed by helpers: creation with consent, login cards, access and progress."""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone
from django.utils.text import slugify

from accounts.access import get_for_worker
from accounts.models import LearnerProfile, User
from accounts.services import assign_role
from courses.models import Competence
from helpers.models import Accompaniment

CODE_LENGTH = 8  # accounts.card_login says why 8 digits make guessing hopeless


def new_card_code():
    """A numeric code, easy to type on a cheap phone (stored hashed)."""
    return "".join(secrets.choice("0123456789") for _ in range(CODE_LENGTH))


def _card_username(first_name):
    base = slugify(first_name)[:20] or "learner"
    for _ in range(50):
        candidate = f"{base}-{secrets.randbelow(9000) + 1000}"
        if not LearnerProfile.objects.filter(card_username=candidate).exists():
            return candidate
    raise RuntimeError("No free card username")  # pragma: no cover – 9,000 per first name


def helper_structure(user):
    profile = getattr(user, "helper_profile", None)
    return profile.structure if profile else None


def load_helper_profile(user):
    """Read the helper's profile and structure once; ``user.helper_profile`` then costs nothing.

    Also remembers that there is no profile, which Django's related-object cache does not.
    """
    from helpers.models import HelperProfile

    profile = HelperProfile.objects.select_related("structure").filter(user=user).first()
    User._meta.get_field("helper_profile").set_cached_value(user, profile)
    return profile


@transaction.atomic
def create_learner(*, helper, first_name, language, age_bracket="", consent):
    """Create a learner without e-mail for ``helper``'s structure; returns (profile, code)."""
    if not consent:
        raise ValueError("A learner is created only with their consent.")
    structure = helper_structure(helper)
    if structure is None:
        raise ValueError("The helper has no structure.")
    code = new_card_code()
    user = User(email=None, first_name=first_name.strip(), language=language)
    user.set_password(code)
    user.full_clean()
    user.save()
    assign_role(user=user, role=User.Role.LEARNER)
    now = timezone.now()
    profile = LearnerProfile(
        user=user,
        structure=structure,
        created_by=helper,
        consent_given_at=now,
        consent_recorded_by=helper,
        age_bracket=age_bracket,
        card_username=_card_username(first_name),
    )
    profile.full_clean()
    profile.save()
    return profile, code


@transaction.atomic
def reset_card_code(*, profile):
    """Give the learner a new short code; the old card stops working."""
    code = new_card_code()
    profile.user.set_password(code)
    profile.user.save(update_fields=["password"])
    return code


def touch_learner(user, moment=None):
    """Record activity (card login, accompaniment) for the retention rule and dashboards."""
    LearnerProfile.objects.filter(user=user).update(last_activity=moment or timezone.now())


def get_learner_for(viewer, pk):
    """The learner profile ``pk`` if ``viewer`` works with it (a helper approved at its
    structure, an operator of its partner), else 404."""
    queryset = LearnerProfile.objects.select_related("user", "structure", "created_by")
    profile, _can_write = get_for_worker(queryset, viewer, pk)
    return profile


def learners_of_structure(structure):
    """Learners of a structure with their accompaniment counts (one query)."""
    return (
        LearnerProfile.objects.for_structure(structure)
        .select_related("user")
        .annotate(
            accompaniment_count=Count("user__accompaniments_received", distinct=True),
            competence_count=Count("user__accompaniments_received__themes", distinct=True),
            last_accompaniment=Max("user__accompaniments_received__date"),
        )
        .order_by("user__first_name", "pk")
    )


def accompaniments_per_competence(learner_user):
    """Competences worked on with the learner: how many accompaniments and minutes each."""
    return (
        Accompaniment.themes.through.objects.filter(accompaniment__learner=learner_user)
        .values("competence__code")
        .annotate(
            accompaniments=Count("accompaniment_id", distinct=True),
            minutes=Sum("accompaniment__duration_minutes"),
            last_date=Max("accompaniment__date"),
        )
        .order_by("competence__code")
    )


def learner_course_progress(user):
    """Course progress per competence, keyed by competence code, counted in the database.

    ``{"2.1": {"percent": 40, "lessons_done": 2, "lessons_total": 5}}``
    """
    from courses.models import Competence

    competences = Competence.objects.current().with_progress_for(user).filter(courses_total__gt=0)
    return {
        c.code: {
            "percent": round(100 * c.courses_completed / c.courses_total),
            "lessons_done": c.courses_completed,
            "lessons_total": c.courses_total,
        }
        for c in competences
    }


def progress_rows(profile):
    """Accompaniments and course progress per competence, side by side."""
    worked = {row["competence__code"]: row for row in accompaniments_per_competence(profile.user)}
    courses = learner_course_progress(profile.user) or {}
    titles = {
        c.code: c.title  # in the active language
        for c in Competence.objects.current().filter(code__in=set(courses) | set(worked))
    }
    rows = []
    for code in sorted(set(worked) | set(courses)):
        row = worked.get(code, {})
        rows.append(
            {
                "code": code,
                "title": titles.get(code, code),
                "accompaniments": row.get("accompaniments", 0),
                "minutes": row.get("minutes") or 0,
                "last_date": row.get("last_date"),
                "course": courses.get(code),
            }
        )
    return rows


def inactive_cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=settings.LEARNER_INACTIVE_DAYS)


def card_qr_svg(url):
    """An inline SVG QR code of ``url`` (no style attribute: the CSP allows it)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    # Sized by CSS (.card-qr svg), readable by screen readers through the figure's caption.
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def activity_panel(helper, today=None):
    """The helper dashboard's panel: my learners, my accompaniments this month and semester."""
    from helpers.services.accompaniments import own_accompaniments, totals
    from helpers.services.membership import pending_request
    from reporting.semesters import semester_containing

    today = today or timezone.localdate()
    has_structure = helper_structure(helper) is not None
    semester_start, semester_end, semester_code = semester_containing(today)
    followed = LearnerProfile.objects.followed_by(helper)
    learners = (
        followed.select_related("user")
        .annotate(
            accompaniment_count=Count("user__accompaniments_received", distinct=True),
            competence_count=Count("user__accompaniments_received__themes", distinct=True),
        )
        .order_by(F("last_activity").desc(nulls_last=True), "user__first_name")
    )
    figures = totals(
        own_accompaniments(helper),
        month=Q(date__gte=today.replace(day=1), date__lte=today),
        semester=Q(date__range=(semester_start, semester_end)),
        total=Q(),
    )
    return {
        "panel_learners": learners[:10],
        "panel_learner_total": followed.count(),
        "panel_month": figures["month"],
        "panel_semester": figures["semester"],
        "panel_semester_bounds": (semester_start, semester_end, semester_code),
        "panel_total": figures["total"],
        "panel_has_structure": has_structure,
        "panel_waiting": None if has_structure else pending_request(helper),
    }
