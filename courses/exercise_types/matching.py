from django.utils.translation import gettext_lazy as _

from courses.content import LANGUAGES
from courses.exercise_types import register
from courses.exercise_types.base import (
    ExerciseType,
    Reading,
    check_image,
    check_list,
    check_text,
    is_text,
    shuffled,
)


@register
class Matching(ExerciseType):
    content_type = "matching"

    def validate(self, step, where, errors):
        pairs = check_list(errors, where, step.get("pairs"), "pairs", 3, 5)
        for i, pair in enumerate(pairs, 1):
            check_text(errors, f"{where}, pair {i}", pair.get("left"), "left")
            check_text(errors, f"{where}, pair {i}", pair.get("right"), "right")
            if pair.get("image") is not None:  # a symbol to recognise; "left" names it
                check_image(errors, f"{where}, pair {i}", pair["image"])
        for lang in LANGUAGES:
            rights = [p.get("right", {}).get(lang) for p in pairs if is_text(p.get("right"))]
            if len(set(rights)) != len(rights):
                errors.append(f"{where}: every 'right' text must be distinct ({lang})")

    def read(self, data, post, language):
        count = len(data["pairs"])
        matches = {}
        for i in range(count):
            v = post.get(f"match-{i}", "")
            matches[str(i)] = int(v) if v.isdigit() and int(v) < count else None
        reading = Reading(value=matches)
        if None in matches.values():
            reading.errors.append(_("Choose a match for every item."))
        return reading

    def is_correct(self, data, value, language):
        return all(value.get(str(i)) == i for i in range(len(data["pairs"])))

    def present(self, d, value, seed):
        value = value or {}
        rights = [
            {"index": i, "text": d["pairs"][i]["right"]} for i in shuffled(len(d["pairs"]), seed)
        ]
        d["rows"] = [
            {
                "index": i,
                "text": p["left"],
                "image": p.get("image"),
                "rights": rights,
                "chosen": value.get(str(i)),
            }
            for i, p in enumerate(d["pairs"])
        ]

    def solution(self, d):
        return [f"{p['left']} → {p['right']}" for p in d["pairs"]]
