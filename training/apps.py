from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Helper training")

    def ready(self):
        from training import personal_data  # noqa: F401 (registers with accounts.privacy)
