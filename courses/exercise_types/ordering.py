"""Put items in order: each gets a position number (no dragging, so no JavaScript needed)."""

from django.utils.translation import gettext_lazy as _

from courses.exercise_types import register
from courses.exercise_types.base import ExerciseType, Reading, check_text, shuffled


@register
class Ordering(ExerciseType):
    content_type = "ordering"

    def validate(self, step, where, errors):
        items = step.get("items")
        if not isinstance(items, list) or not 3 <= len(items) <= 6:
            errors.append(f"{where}: 'items' needs 3 to 6 entries")
            return
        for i, item in enumerate(items, 1):
            check_text(errors, f"{where}, item {i}", item, "text")

    def read(self, data, post, language):
        count = len(data["items"])
        positions = {}
        for i in range(count):
            v = post.get(f"position-{i}", "")
            positions[str(i)] = int(v) if v.isdigit() and 1 <= int(v) <= count else None
        reading = Reading(value=positions)
        if None in positions.values():
            reading.errors.append(_("Give a position number to every item."))
        elif len(set(positions.values())) != count:
            reading.errors.append(_("Give each item a different position number."))
        return reading

    def is_correct(self, data, value, language):
        return all(value.get(str(i)) == i + 1 for i in range(len(data["items"])))

    def present(self, d, value, seed):
        value = value or {}
        numbers = range(1, len(d["items"]) + 1)
        d["rows"] = [
            {"index": i, "text": d["items"][i], "numbers": numbers, "chosen": value.get(str(i))}
            for i in shuffled(len(d["items"]), seed)
        ]

    def solution(self, d):
        return [f"{n}. {item}" for n, item in enumerate(d["items"], 1)]
