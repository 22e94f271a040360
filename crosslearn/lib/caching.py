"""The one cache mechanism for data edited rarely: entries kept until their namespace is stale.

A model whose rows a cached entry is made of declares the namespaces it feeds
(``cached_in = ("course-content",)``) and reads through a ``StaleOnWriteQuerySet``: every write
(a save, a delete, a many-to-many change, and the bulk writes that send no signal) makes those
namespaces stale, so nothing is ever served older than the data, and no writer has to remember
to. Public pages for visitors without a session are cached the same way. The programme figures
have their own version, kept by the database (``reporting.freshness``).
"""

import uuid
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.views.decorators.cache import cache_page


def versioned_keys(namespace, key):
    return f"{namespace}:version", f"{namespace}:{key}"


def versioned(namespace, key, compute, timeout=60 * 60, found=None):
    """``compute()``, kept in the cache under ``key`` until ``namespace`` is stale.

    One round trip reads the namespace's version and the entry together; an entry of an older
    version is recomputed. Use for data read on every page and edited rarely. ``found``: what
    an earlier ``cache.get_many`` of ``versioned_keys`` (with others') returned, to share it.
    Without a cache shared by every process (``CACHE_IS_SHARED``) nothing is kept.
    """
    if not settings.CACHE_IS_SHARED:
        return compute()  # each process would keep its own, stale copy
    version_key, entry_key = versioned_keys(namespace, key)
    if found is None:
        found = cache.get_many([version_key, entry_key])
    version = _version(version_key, found)
    entry = found.get(entry_key)
    if entry is not None and entry[0] == version:
        return entry[1]
    value = compute()
    cache.set(entry_key, (version, value), timeout)
    return value


def _version(version_key, found):
    version = found.get(version_key)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(version_key, version, None):
            version = cache.get(version_key) or version
    return version


def new_version(namespace):
    """Make every entry of ``namespace`` stale."""
    _now_and_on_commit(lambda: cache.set(f"{namespace}:version", uuid.uuid4().hex, None))


def forget(namespace, key):
    _now_and_on_commit(lambda: cache.delete(f"{namespace}:{key}"))


def _now_and_on_commit(action):
    # Again after the commit: a request that read the old rows in between must not keep them.
    action()
    transaction.on_commit(action)


def make_stale(model):
    """Make stale every namespace ``model``'s rows feed."""
    for namespace in getattr(model, "cached_in", ()):
        new_version(namespace)


class StaleOnWriteQuerySet(models.QuerySet):
    """Bulk writes send no signal: they make the model's namespaces stale themselves."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        make_stale(self.model)
        return rows

    def delete(self):
        deleted = super().delete()
        make_stale(self.model)
        return deleted

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        make_stale(self.model)
        return created

    def bulk_update(self, *args, **kwargs):
        rows = super().bulk_update(*args, **kwargs)
        make_stale(self.model)
        return rows


def cached_models():
    return [model for model in apps.get_models() if getattr(model, "cached_in", ())]


def watch_cached_models():
    """Saves, deletes and many-to-many changes of every ``cached_in`` model make it stale."""
    for model in cached_models():
        receiver = _stale_receiver(model)
        uid = f"stale-{model._meta.label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(receiver, sender=through, weak=False, dispatch_uid=uid)


def _stale_receiver(model):
    def receiver(**kwargs):
        make_stale(model)

    return receiver


def cache_for_visitors(*namespaces):
    """Serve a shared cached copy of a public page, made of ``namespaces``, to visitors
    without a session; a copy is never older than the data (its key holds their versions).

    Anyone with a session cookie (logged in, or with a pending message such as "you have
    logged out") gets the page rendered for them, so nothing personal is ever shared.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            personal = (
                settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
            )
            if request.method != "GET" or personal or not settings.CACHE_IS_SHARED:
                return view(request, *args, **kwargs)
            keys = [versioned_keys(namespace, "")[0] for namespace in namespaces]
            found = cache.get_many(keys)
            prefix = "visitors:" + ":".join(_version(key, found) for key in keys)
            cached_view = cache_page(settings.PUBLIC_PAGE_CACHE_SECONDS, key_prefix=prefix)(view)
            return cached_view(request, *args, **kwargs)

        return wrapper

    return decorator
