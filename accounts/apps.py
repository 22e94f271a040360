from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts import personal_data  # noqa: F401 (registers with accounts.privacy)
        from accounts.backends import connect_signals
        from accounts.roles import sync_role_groups
        from crosslearn.lib.caching import watch_cached_models

        connect_signals()
        watch_cached_models()  # every app's models are loaded by now

        # Runs after every app's migration, so permissions of later apps are picked up too.
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
