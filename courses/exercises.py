"""Exercises: what the player shows, how it reads a posted answer and how it checks it.

Everything happens on the server, so exercises work without JavaScript. A step's ``data`` is in
the content-file format (SCHEMA.md); answers are stored as plain JSON values. Each type's own
rules are in ``courses.exercise_types``; these functions pick the step's type.
"""

from courses.content import Localised
from courses.exercise_types import exercise_for
from courses.exercise_types.base import Reading, normalise

__all__ = ["Reading", "is_correct", "normalise", "present", "read_answer", "template_for"]


def read_answer(step, post, language):
    """Read the answer to ``step`` from a POST QueryDict; report what is missing."""
    exercise = exercise_for(step.type, step.data)
    return exercise.read(step.data, post, language) if exercise else Reading()


def is_correct(step, value, language):
    """Check an answer read by ``read_answer``."""
    exercise = exercise_for(step.type, step.data)
    return bool(exercise) and exercise.is_correct(step.data, value, language)


def template_for(step):
    return exercise_for(step.type, step.data).template


def present(step, language, value=None, seed=""):
    """What the template needs to show ``step`` in ``language`` with ``value`` filled in.

    Returns (context dict, fell_back) where fell_back says a text was not in ``language``.
    """
    loc = Localised(language)
    d = loc(step.data)
    exercise = exercise_for(step.type, step.data)
    if exercise is not None:
        exercise.present(d, value, f"{seed}:{step.course_id}:{step.position}")
        d["solution"] = exercise.solution(d)
        d["solution_title"] = exercise.solution_title
        d["notes"] = exercise.notes(d)
    else:
        d["solution"] = d["notes"] = []
    return d, loc.fell_back
