"""Limits on guessing passwords and card codes: shared by every process, counted atomically.

An attempt is counted *before* the secret is checked, in one statement
(``INSERT … ON CONFLICT … DO UPDATE … RETURNING``), so thirty parallel attempts cannot all
slip under a limit of five: each gets its own number. The counters live in the database, the
one store every gunicorn worker shares, with or without Redis. Keys are HMACs of what they
count: the table holds no e-mail address, card username or IP address.

Each limit counts in fixed windows of ``seconds``; a window's counter is forgotten after it.
"""

import dataclasses
import hashlib
import hmac
import time

from django.conf import settings
from django.db import connection
from django.db.models import F

from accounts.models import AttemptCount


@dataclasses.dataclass(frozen=True)
class Limit:
    name: str
    attempts: int
    seconds: int


def _key(limit, parts):
    text = "\x1f".join([limit.name, *(str(p).strip().lower() for p in parts)])
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def _slot(limit, now):
    return int(now // limit.seconds)


UPSERT = (
    "INSERT INTO {table} (key, slot, count, expires_at) VALUES (%s, %s, 1, %s) "
    "ON CONFLICT (key, slot) DO UPDATE SET count = {table}.count + 1 RETURNING count"
)


def hit(limit, *parts, now=None):
    """Count one attempt now; return how many this window holds, this one included."""
    now = time.time() if now is None else now
    slot = _slot(limit, now)
    expires_at = (slot + 1) * limit.seconds
    table = connection.ops.quote_name(AttemptCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(UPSERT.format(table=table), [_key(limit, parts), slot, expires_at])
        return cursor.fetchone()[0]


def allowed(checks, *, now=None):
    """Count an attempt against every ``(limit, parts)``; True if none is over its limit."""
    over = False
    for limit, parts in checks:
        over |= hit(limit, *parts, now=now) > limit.attempts
    return not over


def forgive(limit, *parts, now=None):
    """Take back one attempt (a successful login is not a guess)."""
    now = time.time() if now is None else now
    AttemptCount.objects.filter(key=_key(limit, parts), slot=_slot(limit, now), count__gt=0).update(
        count=F("count") - 1
    )


def purge_expired(now=None):
    now = time.time() if now is None else now
    return AttemptCount.objects.filter(expires_at__lte=now).delete()[0]


def client_address(request):
    """The visitor's address: the one the trusted proxy forwards (``TRUSTED_PROXY_COUNT``
    hops, read by allauth's rule), else the connection's."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # a header that does not match the configured proxies
        return request.META.get("REMOTE_ADDR", "")
