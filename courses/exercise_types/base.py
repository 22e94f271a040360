"""What every exercise type shares: reading helpers, answer comparison, validation helpers."""

import random
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from courses.content import BLANK_RE, check_image, check_list, check_text, is_text


def normalise(text):
    """Compare answers ignoring case, accents and spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(bare.casefold().split())


def shuffled(count, seed):
    """A stable shuffle of range(count) that never leaves the items in their original order."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def blanks(text):
    """The accepted answers of each [[a|b]] blank of a fill-in text."""
    return [[a.strip() for a in m.group(1).split("|")] for m in BLANK_RE.finditer(text)]


def indexes(values, upper):
    """The distinct whole numbers below ``upper`` among posted ``values``, sorted."""
    return sorted({int(v) for v in values if str(v).isdigit() and int(v) < upper})


@dataclass
class Reading:
    value: object = None
    errors: list = field(default_factory=list)


class ExerciseType:
    content_type = ""  # the step's "type" in content files
    kind = None  # for simulations: the step's "kind"

    @property
    def template(self):
        return f"courses/steps/{self.kind or self.content_type}.html"

    def validate(self, step, where, errors):
        """Add a readable error for everything wrong in a content file's ``step``."""

    def read(self, data, post, language):
        """The answer posted for a step with ``data``, as a ``Reading``."""
        raise NotImplementedError

    def is_correct(self, data, value, language):
        raise NotImplementedError

    def present(self, d, value, seed):
        """Fill the localised step ``d`` in for the template, with ``value`` shown."""

    solution_title = _("The right answer:")

    def solution(self, d):
        """The right answer in words (or what to look at again), shown with the feedback."""
        return []

    def notes(self, d):
        """Once answered, why each choice the learner got wrong (or right) is so."""
        return []


__all__ = [
    "BLANK_RE",
    "ExerciseType",
    "Reading",
    "blanks",
    "check_image",
    "check_list",
    "check_text",
    "indexes",
    "is_text",
    "normalise",
    "shuffled",
]
