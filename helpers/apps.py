from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpersConfig(AppConfig):
    name = "helpers"
    verbose_name = _("Helpers")

    def ready(self):
        from helpers import imports, personal_data  # noqa: F401 (they register themselves)
