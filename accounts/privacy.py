"""Privacy by design, in one registry that every app contributes to: export, erasure, retention.

Each app registers, in its ``AppConfig.ready()``, every field of its models that links to a
person, and what erasing the person does to the rows::

    privacy.link(Accompaniment, "learner", privacy.UNLINK, blank=["notes"])
    privacy.link(Progress, "user", privacy.DELETE)

``DELETE``: the rows go with the person. ``UNLINK``: the rows stay (they count in the figures)
without the link, and the ``blank`` fields are emptied. History rows (django-simple-history)
are unlinked generically. A model linking to the user model that no app registered fails
``tests/accounts/test_privacy_registry.py``: a new model cannot be forgotten.

Apps also add what the data export shows (``export``), what cleans texts that quote a person
elsewhere (``scrubber``: the admin log, import reports) and their retention rules
(``retention``).
"""

import dataclasses

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

DELETE, UNLINK = "delete", "unlink"


@dataclasses.dataclass(frozen=True)
class Link:
    model: type
    field: str
    erase: str
    blank: tuple = ()


LINKS = []
EXPORTS = {}  # key → function(user) -> JSON-ready data
SCRUBBERS = []  # function(user, identifiers), run before the rows go
RETENTION = []  # function(now) -> number of people erased


def link(model, field, erase, *, blank=()):
    if erase not in (DELETE, UNLINK):
        raise ValueError(erase)
    entry = Link(model, field, erase, tuple(blank))
    if entry not in LINKS:
        LINKS.append(entry)


def export(key):
    """Decorator: ``function(user)`` gives the part ``key`` of the person's data export."""

    def register(function):
        EXPORTS[key] = function
        return function

    return register


def scrubber(function):
    if function not in SCRUBBERS:
        SCRUBBERS.append(function)
    return function


def retention(function):
    if function not in RETENTION:
        RETENTION.append(function)
    return function


def registered(model, field):
    return any(entry.model is model and entry.field == field for entry in LINKS)


def history_models():
    return [
        model
        for model in apps.get_models()
        if model.__name__.startswith("Historical") and hasattr(model, "history_user")
    ]


def person_links():
    """Every (model, field) that links to a user, history models aside."""
    user_model = get_user_model()
    history = set(history_models())
    return [
        (model, field.name)
        for model in apps.get_models()
        if model not in history
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    ]


def identifiers(user):
    """The strings that name ``user`` in texts kept elsewhere (logs, import reports)."""
    profile = getattr(user, "learner_profile", None)
    found = [user.email, getattr(profile, "card_username", None)]
    if user.first_name and user.last_name:
        found.append(user.get_full_name())
    return [text for text in found if text]


def personal_data(user):
    """Everything Cross§Le@rn holds about ``user``, as plain JSON-ready data."""
    data = {"exported_at": timezone.now().isoformat()}
    for key, function in EXPORTS.items():
        data[key] = function(user)
    return data


@transaction.atomic
def erase_user(*, user):
    """Delete ``user`` and their personal data; the figures they are part of stay."""
    found = identifiers(user)
    for scrub in SCRUBBERS:
        scrub(user, found)
    for entry in LINKS:
        rows = entry.model._default_manager.filter(**{entry.field: user})
        if entry.erase == DELETE:
            rows.delete()
        else:
            rows.update(**{entry.field: None}, **dict.fromkeys(entry.blank, ""))
    # Audit history keeps the change, not the person.
    user_model = get_user_model()
    for model in history_models():
        for field in model._meta.fields:
            if field.is_relation and field.related_model is user_model:
                model.objects.filter(**{field.attname: user.pk}).update(**{field.attname: None})
    user.delete()


def apply_retention(now=None):
    """Erase everyone past a retention period (each app's rules); the number erased."""
    now = now or timezone.now()
    return sum(rule(now) for rule in RETENTION)
