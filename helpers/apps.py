from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpersConfig(AppConfig):
    name = "helpers"
    verbose_name = _("Helpers")

    def ready(self):
        from helpers import imports, personal_data  # noqa: F401 (they register themselves)
        from helpers.services.membership import tell_helpers_their_structure_is_in
        from partners.services import structures_approved

        structures_approved.connect(tell_helpers_their_structure_is_in, dispatch_uid="helpers")
