from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses and DigComp")

    def ready(self):
        from courses import signals  # noqa: F401
        from courses.caching import connect_signals
        from courses.path import stages_from_courses
        from helpers.services.path import register_stage_source

        register_stage_source(stages_from_courses)
        connect_signals()
