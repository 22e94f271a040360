"""The helper's training path: awareness → common core → sector specialisation → continuing.

A stage is completed by one of several *sources*. Each source is a function
``source(user) -> {stage: date}`` giving, for each stage it knows to be done, the day it was
done. ``completed_stages`` merges them, keeping the earliest date: a present attendance at a
session, and a finished helper course with a matching ``helper_stage`` (``courses.path``).
"""

from dataclasses import dataclass

from django.db.models import Min, Q
from django.utils import timezone

from courses.path import stages_from_courses
from training.models import Participation, PathStage, SessionKind

# The first three stages make a trained helper and earn the attestation.
ATTESTATION_STAGES = (PathStage.AWARENESS, PathStage.CORE, PathStage.SPECIALISATION)


# Which present attendances complete each stage. Every training has the common core, then is
# personalised to a sector (the project sheet): a training with a sector completes both.
STAGE_BY_ATTENDANCE = {
    PathStage.AWARENESS: Q(session__kind=SessionKind.AWARENESS),
    PathStage.CORE: Q(session__kind=SessionKind.TRAINING),
    PathStage.SPECIALISATION: Q(session__kind=SessionKind.TRAINING, session__sector__isnull=False),
    PathStage.CONTINUING: Q(session__kind=SessionKind.WEBINAR),
}


def stages_from_attendance(user):
    """Stages completed by a present attendance, with the day of the first such session."""
    firsts = (
        Participation.objects.of(user)
        .present()
        .aggregate(
            **{
                stage.value: Min("session__starts_at", filter=attended)
                for stage, attended in STAGE_BY_ATTENDANCE.items()
            }
        )
    )
    return {stage: timezone.localdate(first) for stage, first in firsts.items() if first}


STAGE_SOURCES = [stages_from_attendance, stages_from_courses]


def completed_stages(user):
    """{stage value: date completed} from every source, the earliest date winning.

    A stage dated after today is not done yet (say, an attendance imported ahead of time):
    neither the path nor an attestation may show it.
    """
    done, today = {}, timezone.localdate()
    for source in STAGE_SOURCES:
        for stage, day in source(user).items():
            stage = PathStage(stage).value
            if day > today:
                continue
            if stage not in done or day < done[stage]:
                done[stage] = day
    return done


@dataclass(frozen=True)
class Step:
    stage: PathStage
    completed_on: object  # a date, or None while not done
    is_next: bool

    @property
    def done(self):
        return self.completed_on is not None

    @property
    def session_kind(self):
        return {
            PathStage.AWARENESS: SessionKind.AWARENESS,
            PathStage.CORE: SessionKind.TRAINING,
            PathStage.SPECIALISATION: SessionKind.TRAINING,
            PathStage.CONTINUING: SessionKind.WEBINAR,
        }[self.stage]


def training_path(user):
    """The four steps in order, each with its completion date and the next one flagged."""
    done = completed_stages(user)
    steps, next_found = [], False
    for stage in PathStage:
        completed_on = done.get(stage.value)
        is_next = completed_on is None and not next_found
        next_found = next_found or is_next
        steps.append(Step(stage=stage, completed_on=completed_on, is_next=is_next))
    return steps


def may_get_attestation(stages):
    return all(stage.value in stages for stage in ATTESTATION_STAGES)
