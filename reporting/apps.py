from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from django.db.models.signals import post_migrate

        from crosslearn.lib import periods
        from reporting.freshness import install_triggers
        from reporting.semesters import period_containing

        periods.register(period_containing)
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="figures-triggers")
