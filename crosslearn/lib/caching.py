"""Caching: whole pages for visitors who are not logged in; versioned entries for shared data."""

import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.views.decorators.cache import cache_page


def cache_for_visitors(timeout=None):
    """Serve a shared cached copy of a public page to visitors without a session.

    Anyone with a session cookie (logged in, or with a pending message such as "you have
    logged out") gets the page rendered for them, so nothing personal is ever shared.
    """

    def decorator(view):
        cached_view = cache_page(timeout or settings.PUBLIC_PAGE_CACHE_SECONDS)(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            personal = (
                settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
            )
            if request.method != "GET" or personal:
                return view(request, *args, **kwargs)
            return cached_view(request, *args, **kwargs)

        return wrapper

    return decorator


def versioned_keys(namespace, key):
    return f"{namespace}:version", f"{namespace}:{key}"


def versioned(namespace, key, compute, timeout=60 * 60, found=None):
    """``compute()``, kept in the cache under ``key`` until ``new_version(namespace)``.

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
    version = found.get(version_key)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(version_key, version, None):
            version = cache.get(version_key) or version
    entry = found.get(entry_key)
    if entry is not None and entry[0] == version:
        return entry[1]
    value = compute()
    cache.set(entry_key, (version, value), timeout)
    return value


def new_version(namespace):
    """Make every entry of ``namespace`` stale (call after writing what they were made of)."""
    _now_and_on_commit(lambda: cache.set(f"{namespace}:version", uuid.uuid4().hex, None))


def forget(namespace, key):
    _now_and_on_commit(lambda: cache.delete(f"{namespace}:{key}"))


def _now_and_on_commit(action):
    # Again after the commit: a request that read the old rows in between must not keep them.
    action()
    transaction.on_commit(action)
