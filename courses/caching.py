"""Course content (a course and its steps) is read on every step of the player and edited
rarely: it is kept in the cache until any course content changes (``cached_in`` on the models)."""

from courses.models import Course
from crosslearn.lib.caching import versioned

NAMESPACE = "course-content"


def course_with_steps(slug):
    """(course, [its steps in order]) for ``slug``, or (None, [])."""

    def read():
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            return None, []
        steps = list(course.steps.all())
        for step in steps:
            step.course = course  # step.course costs no query
        return course, steps

    return versioned(NAMESPACE, slug, read)
