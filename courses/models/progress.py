import math

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# A finished course raises the level only when this share of its exercises was right.
PASS_SHARE = 0.7


def pass_mark(exercises):
    """Right answers needed out of ``exercises`` (6 of 8): at least one when there are any."""
    return math.ceil(exercises * PASS_SHARE)


class ProgressQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class Progress(models.Model):
    """Where a person is in a course. Anonymous visitors get an unsaved one kept in the session.

    ``answers`` maps a step position (as a string) to
    ``{"value": <what was answered>, "correct": bool, "attempts": int}``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="course_progress",
    )
    course = models.ForeignKey(
        "courses.Course",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="progress",
    )
    current_step = models.PositiveSmallIntegerField(_("current step"), default=1)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    score = models.PositiveSmallIntegerField(_("correct answers"), default=0)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    passed = models.BooleanField(
        _("passed"),
        default=False,
        db_default=False,  # code that predates the field (a rolling deploy) still inserts
        help_text=_("Finished with enough right answers: only then does the level go up."),
    )

    objects = ProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("course progress")
        verbose_name_plural = _("course progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="progress_one_per_course"),
        ]

    def __str__(self):
        return f"{self.user_id} – {self.course_id}"

    def answer_for(self, position):
        return self.answers.get(str(position))

    def to_redo(self, exercise_positions):
        """The exercises not answered right (wrongly, or skipped), in order."""
        return [
            p for p in sorted(exercise_positions) if not (self.answer_for(p) or {}).get("correct")
        ]

    def judge(self, exercises):
        self.passed = bool(self.completed_at) and self.score >= pass_mark(exercises)

    def to_session(self):
        return {
            "current_step": self.current_step,
            "answers": self.answers,
            "score": self.score,
            "completed_at": self.completed_at.isoformat() if self.completed_at else None,
            "passed": self.passed,
        }


class PositioningResult(models.Model):
    """A positioning test taken online or typed in by a helper from a paper test."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper, typed in by a helper")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positioning_results",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    learner_name = models.CharField(
        _("learner's first name or pseudonym"), max_length=100, blank=True
    )
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.ONLINE)
    answers = models.JSONField(_("answers"), default=dict)
    levels = models.JSONField(_("level per area"), default=dict)
    created_at = models.DateTimeField(_("taken"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("positioning result")
        verbose_name_plural = _("positioning results")

    def __str__(self):
        return f"{self.get_source_display()} {self.created_at:%Y-%m-%d}"
