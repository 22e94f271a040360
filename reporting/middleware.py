"""Count platform sessions: distinct browser sessions with a page view, per day.

Privacy: no IP address and no user is stored, only a keyed hash of the session key salted with
the day (so the same browser cannot be followed from one day to the next), and the region of
the logged-in helper's structure. Hot path: one cache ``add`` per page view; the first view of
a session on a day also writes one row (``INSERT … ON CONFLICT DO NOTHING``).
"""

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from reporting.indicators import UNKNOWN_REGION

logger = logging.getLogger(__name__)
SKIPPED_PREFIXES = ("/static/", "/media/", "/healthz")


def hash_session_key(day, session_key):
    message = f"{day.isoformat()}:{session_key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def region_of(user):
    """Region of the logged-in helper's structure (where its postal code is), or "unknown".

    The region of the structure, not of its partner: a Belgian structure of a French partner
    counts in its Belgian region, as in every territorial breakdown (reporting.indicators)."""
    if not user.is_authenticated:
        return UNKNOWN_REGION
    from helpers.models import HelperProfile

    region = (
        HelperProfile.objects.filter(user=user).values_list("structure__region", flat=True).first()
    )
    return region or UNKNOWN_REGION


class PlatformSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._is_page_view(request, response):
            try:
                self._record(request)
            except Exception:  # counting must never break a page
                logger.exception("Could not record a platform session")
        return response

    @staticmethod
    def _is_page_view(request, response):
        return (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(SKIPPED_PREFIXES)
        )

    @staticmethod
    def _record(request):
        session = getattr(request, "session", None)
        session_key = session.session_key if session is not None else None
        if not session_key:
            return  # no session yet: nothing identifies this browser
        from reporting.models import PageView

        day = timezone.localdate()
        digest = hash_session_key(day, session_key)
        if not cache.add(f"platform-session:{digest}", 1, timeout=26 * 60 * 60):
            return  # already counted today
        PageView.objects.bulk_create(
            [PageView(day=day, session_hash=digest, region=region_of(request.user))],
            ignore_conflicts=True,
        )
