"""What the courses app holds about a person, for the privacy registry (accounts.privacy)."""

from accounts import privacy
from accounts.personal_data import iso
from courses.models import PositioningResult, Progress

privacy.link(Progress, "user", privacy.DELETE)
# A positioning result is the learner's own: it goes with them (a paper one keeps a name).
privacy.link(PositioningResult, "user", privacy.DELETE)
privacy.link(PositioningResult, "entered_by", privacy.UNLINK)


@privacy.export("course_progress")
def course_progress(user):
    return [
        {
            "course": p.course.slug,
            "current_step": p.current_step,
            "score": p.score,
            "answers": p.answers,
            "started_at": iso(p.started_at),
            "completed_at": iso(p.completed_at),
        }
        for p in Progress.objects.filter(user=user).select_related("course").order_by("pk")
    ]


@privacy.export("positioning_results")
def positioning_results(user):
    return [
        {
            "taken": iso(r.created_at),
            "source": r.source,
            "learner_name": r.learner_name,
            "answers": r.answers,
            "levels": r.levels,
        }
        for r in PositioningResult.objects.filter(user=user).order_by("created_at")
    ]
