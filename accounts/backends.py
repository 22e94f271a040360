"""The logged-in user, their permissions (and second factor), kept in the cache between requests.

Every logged-in page loads the account and asks for permissions (the navigation shows what the
role may use): three queries with Django's ModelBackend. Here they are read once per user and
kept in one round trip to the cache. The account is in the ``accounts`` namespace, which the
User model declares (``cached_in``): any write to any account, bulk writes included, makes
every copy stale, so a new password, a deactivation or a new role is seen on the next request.
Any change to groups or role permissions makes the cached permissions stale (signals below).
``make bench`` measured what reading the account on each request costs (issue #15).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from crosslearn.lib.caching import forget, new_version, versioned, versioned_keys

NAMESPACE = "permissions"
ACCOUNTS = "accounts"  # the namespace User.cached_in declares
SECOND_FACTOR = "second-factor"


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id):
        if not settings.CACHE_IS_SHARED:  # see settings: each worker would keep stale copies
            return super().get_user(user_id)
        # One round trip for the account, its permissions and second factor (every page asks).
        found = cache.get_many(
            [
                *versioned_keys(ACCOUNTS, user_id),
                *versioned_keys(NAMESPACE, user_id),
                *versioned_keys(SECOND_FACTOR, user_id),
            ]
        )
        user = versioned(ACCOUNTS, user_id, lambda: self._read_user(user_id), found=found)
        if user is not None:
            user._second_factor_found = found  # staff pages ask for it next
        if user is not None and user.is_active:
            user._perm_cache = versioned(
                NAMESPACE, user_id, lambda: self._read_permissions(user), found=found
            )
        return user

    def _read_user(self, user_id):
        return super().get_user(user_id)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = versioned(
                NAMESPACE, user_obj.pk, lambda: self._read_permissions(user_obj)
            )
        return user_obj._perm_cache

    def _read_permissions(self, user_obj):
        return super().get_all_permissions(user_obj)


def has_second_factor(user):
    """Whether ``user`` activated an authenticator app (asked on every staff page)."""
    from allauth.mfa.models import Authenticator

    def read():
        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    return versioned(
        SECOND_FACTOR, user.pk, read, found=getattr(user, "_second_factor_found", None)
    )


def second_factor_changed(sender, instance, **kwargs):
    forget(SECOND_FACTOR, instance.user_id)


def permissions_changed(**kwargs):
    new_version(NAMESPACE)


def forget_user(sender, instance, **kwargs):
    # Active or superuser status may have changed; a new account may reuse the key.
    forget(NAMESPACE, instance.pk)
    forget(SECOND_FACTOR, instance.pk)


def connect_signals():
    user_model = get_user_model()
    relations = (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    )
    for relation in relations:
        m2m_changed.connect(permissions_changed, sender=relation, dispatch_uid=f"perm-{relation}")
    for model in (Group, Permission):
        post_save.connect(permissions_changed, sender=model, dispatch_uid=f"perm-save-{model}")
        post_delete.connect(permissions_changed, sender=model, dispatch_uid=f"perm-del-{model}")
    from allauth.mfa.models import Authenticator

    for signal in (post_save, post_delete):
        signal.connect(second_factor_changed, sender=Authenticator, dispatch_uid=f"mfa-{signal}")
    post_save.connect(forget_user, sender=user_model, dispatch_uid="perm-user-save")
    post_delete.connect(forget_user, sender=user_model, dispatch_uid="perm-user-delete")
    post_migrate.connect(permissions_changed, dispatch_uid="perm-migrate")
