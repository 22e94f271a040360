"""Writes of the courses app: progress (account or session), positioning results."""

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from courses.caching import course_with_steps
from courses.exercises import is_correct
from courses.models import Course, PositioningQuestion, PositioningResult, Progress, Step

SESSION_KEY = "course_progress"
RESULTS_KEY = "positioning_results"


def progress_for(request, course):
    """The visitor's progress in ``course``: a database row for a user, else from the session.

    Never saved here; an unsaved Progress means "not started" (or anonymous).
    """
    if request.user.is_authenticated:
        found = Progress.objects.filter(user=request.user, course=course).first()
        return found or Progress(user=request.user, course=course)
    stored = request.session.get(SESSION_KEY, {}).get(str(course.pk), {})
    progress = Progress(course=course)
    progress.current_step = stored.get("current_step", 1)
    progress.answers = stored.get("answers", {})
    progress.score = stored.get("score", 0)
    completed = stored.get("completed_at")
    progress.completed_at = parse_datetime(completed) if completed else None
    progress.passed = stored.get("passed", False)
    return progress


def _store(request, progress):
    if request.user.is_authenticated:
        progress.user = request.user
        progress.full_clean(validate_unique=False)
        progress.save()
    else:
        stored = request.session.get(SESSION_KEY, {})
        stored[str(progress.course_id)] = progress.to_session()
        request.session[SESSION_KEY] = stored


@transaction.atomic
def record_answer(*, request, step, value, language):
    """Check ``value`` for ``step`` and keep it in the visitor's progress; True when right."""
    progress = progress_for(request, step.course)
    correct = is_correct(step, value, language)
    previous = progress.answer_for(step.position) or {}
    progress.answers = {
        **progress.answers,
        str(step.position): {
            "value": value,
            "correct": correct,
            "attempts": previous.get("attempts", 0) + 1,
            "type": step.type,
            "language": language,
        },
    }
    progress.current_step = max(progress.current_step, step.position)
    progress.score = sum(1 for a in progress.answers.values() if a.get("correct"))
    progress.judge(exercise_count(step.course))  # a step redone right may pass the course
    _store(request, progress)
    return correct


@transaction.atomic
def move_on(*, request, course, position, last_position):
    """The visitor leaves step ``position``; finishing the last step completes the course."""
    progress = progress_for(request, course)
    progress.current_step = max(progress.current_step, min(position + 1, last_position))
    if position >= last_position and not progress.completed_at:
        progress.completed_at = timezone.now()
    progress.judge(exercise_count(course))
    _store(request, progress)
    return progress


def exercise_steps(course):
    """Steps that are exercises (not explanations), from the cached course content."""
    _course, steps = course_with_steps(course.slug)
    return [step for step in steps if step.type != Step.Type.EXPLANATION]


def exercise_count(course):
    return len(exercise_steps(course))


def _further(a, b):
    """Whichever of two progress states is further along."""
    key = lambda p: (p.completed_at is not None, len(p.answers), p.current_step)  # noqa: E731
    return a if key(a) >= key(b) else b


@transaction.atomic
def claim_session_progress(*, user, session):
    """Move an anonymous visitor's progress and test results into ``user``'s account."""
    stored = session.pop(SESSION_KEY, {})
    courses = Course.objects.in_bulk([int(pk) for pk in stored if pk.isdigit()])
    existing = {p.course_id: p for p in Progress.objects.filter(user=user, course__in=courses)}
    for pk, course in courses.items():
        data = stored[str(pk)]
        completed = data.get("completed_at")
        incoming = Progress(
            user=user,
            course=course,
            current_step=data.get("current_step", 1),
            answers=data.get("answers", {}),
            score=data.get("score", 0),
            completed_at=parse_datetime(completed) if completed else None,
            passed=data.get("passed", False),
        )
        mine = existing.get(pk)
        if mine is None:
            incoming.save()
        elif _further(incoming, mine) is incoming:
            incoming.pk = mine.pk
            incoming.started_at = mine.started_at
            incoming.save()
    PositioningResult.objects.filter(pk__in=session.pop(RESULTS_KEY, []), user=None).update(
        user=user
    )


def area_levels(questions, answers):
    """Level per DigComp area: the number of questions answered right, 0..4 (schema: 4 per area).

    ``answers`` maps a question position (string) to the chosen choice index.
    """
    levels = {}
    for q in questions:
        levels.setdefault(q.area_code, 0)
        chosen = answers.get(str(q.position))
        choices = q.data["choices"]
        if chosen is not None and 0 <= chosen < len(choices) and choices[chosen]["correct"]:
            levels[q.area_code] += 1
    return dict(sorted(levels.items()))


@transaction.atomic
def save_positioning(*, answers, user=None, entered_by=None, learner_name="", session=None):
    questions = list(PositioningQuestion.objects.all())
    result = PositioningResult(
        user=user if user and user.is_authenticated else None,
        entered_by=entered_by,
        learner_name=learner_name,
        source=PositioningResult.Source.PAPER if entered_by else PositioningResult.Source.ONLINE,
        answers=answers,
        levels=area_levels(questions, answers),
    )
    result.full_clean()
    result.save()
    if session is not None and result.user is None and entered_by is None:
        session[RESULTS_KEY] = [*session.get(RESULTS_KEY, []), result.pk]
    return result


def recommend_courses(*, levels, country=None):
    """Per area, learner courses at the level reached (level 1 at least; two at most per area),
    weakest area first; none for an area mastered (4 right answers out of 4)."""
    courses = list(
        Course.objects.published()
        .filter(audience=Course.Audience.LEARNER)
        .for_country(country)
        .with_competences()
        .order_by("level", "title")
    )
    picked = []
    for area, reached in sorted(levels.items(), key=lambda item: (item[1], item[0])):
        if reached >= 4:
            continue
        target = max(1, reached)
        in_area = [c for c in courses if area in {k.area.code for k in c.competences.all()}]
        fitting = [c for c in in_area if c.level >= target] or in_area
        for course in fitting[:2]:
            if course not in picked:
                picked.append(course)
    return picked
