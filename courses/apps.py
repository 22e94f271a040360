from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses and DigComp")

    def ready(self):
        from courses import (
            personal_data,  # noqa: F401 (registers with accounts.privacy)
            signals,  # noqa: F401
        )
