"""Whole-page caching for visitors who are not logged in."""

from functools import wraps

from django.conf import settings
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
