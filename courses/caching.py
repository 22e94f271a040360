"""Course content (a course and its steps) is read on every step of the player and edited
rarely: it is kept in the cache until any course or step changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from courses.models import Course, Step
from crosslearn.lib.caching import new_version, versioned

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


def content_changed(**kwargs):
    new_version(NAMESPACE)


def connect_signals():
    for model in (Course, Step):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"content-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"content-del-{model}")
    m2m_changed.connect(
        content_changed, sender=Course.competences.through, dispatch_uid="content-competences"
    )
