"""The helper's view of the learners they follow: accompaniments and course progress side by
side, and the dashboard's activity panel. Accounts and cards: ``accounts.learners``."""

from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone

from accounts.models import LearnerProfile, User
from courses.models import Competence
from crosslearn.lib.periods import period_containing
from helpers.models import Accompaniment


def followed_by(helper):
    """Learner profiles a helper created or accompanied.

    A union of two indexed lookups (created by the helper; learners of the helper's own
    accompaniments): an OR of the two made PostgreSQL scan every learner profile.
    """
    accompanied = Accompaniment.objects.filter(helper=helper, learner__isnull=False).values(
        "learner"
    )
    profiles = LearnerProfile.objects
    created = profiles.filter(created_by=helper).values("pk")
    followed = created.union(profiles.filter(user__in=accompanied).values("pk"))
    return profiles.filter(pk__in=followed)


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


def activity_panel(helper, today=None):
    """The helper dashboard's panel: my learners, my accompaniments this month and semester."""
    from helpers.services.membership import pending_request

    today = today or timezone.localdate()
    has_structure = helper_structure(helper) is not None
    semester = period_containing(today)
    semester_start, semester_end, semester_code = semester.start, semester.end, semester.code
    followed = followed_by(helper)
    learners = (
        followed.select_related("user")
        .annotate(
            accompaniment_count=Count("user__accompaniments_received", distinct=True),
            competence_count=Count("user__accompaniments_received__themes", distinct=True),
        )
        .order_by(F("last_activity").desc(nulls_last=True), "user__first_name")
    )
    figures = Accompaniment.objects.given_by(helper).totals(
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
