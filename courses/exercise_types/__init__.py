"""Exercise types: one class per type, in one module each (this package), with one template
(``templates/courses/steps/<name>.html``). A new type is a new module here and its template:
every module of the package is loaded and its classes registered (``register``).

Each type knows how to check a content file's step (``validate``), read a posted answer
(``read``), check it (``is_correct``), prepare what its template shows (``present``) and say
the right answer in words (``solution``). Simulations are one content type, ``simulation``,
with a ``kind`` (mailbox, web form): each kind is a type of its own here.
"""

import importlib
import pkgutil

from courses.exercise_types.base import ExerciseType

REGISTRY = {}  # (content type, simulation kind or None) → ExerciseType instance


def register(cls):
    instance = cls()
    REGISTRY[(cls.content_type, cls.kind)] = instance
    return cls


def content_types():
    """The step types a content file may use for exercises."""
    return sorted({content_type for content_type, _kind in REGISTRY})


def kinds_of(content_type):
    return sorted(kind for ctype, kind in REGISTRY if ctype == content_type and kind)


def exercise_for(step_type, data):
    """The type of a step (a ``Step`` or its content data), or None if unknown."""
    kind = data.get("kind") if kinds_of(step_type) else None
    return REGISTRY.get((step_type, kind))


for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["ExerciseType", "content_types", "exercise_for", "kinds_of", "register"]
