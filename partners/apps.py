from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners and structures")

    def ready(self):
        from partners import personal_data  # noqa: F401 (registers with accounts.privacy)
