"""A text with blanks written [[answer|other accepted answer]]."""

from django.utils.translation import gettext_lazy as _

from courses.content import LANGUAGES, Localised
from courses.exercise_types import register
from courses.exercise_types.base import (
    BLANK_RE,
    ExerciseType,
    Reading,
    blanks,
    check_text,
    is_text,
    normalise,
)


@register
class FillBlank(ExerciseType):
    content_type = "fill_blank"

    def validate(self, step, where, errors):
        check_text(errors, where, step.get("text"), "text")
        if is_text(step.get("text")):
            for lang in LANGUAGES:
                if not BLANK_RE.search(step["text"][lang]):
                    errors.append(f"{where}: 'text' ({lang}) has no blank written [[answer]]")

    def read(self, data, post, language):
        count = len(blanks(Localised(language).text(data["text"])))
        reading = Reading(value=[post.get(f"blank-{i}", "").strip()[:100] for i in range(count)])
        if not all(reading.value):
            reading.errors.append(_("Fill in every blank."))
        return reading

    def is_correct(self, data, value, language):
        accepted = blanks(Localised(language).text(data["text"]))
        return len(value) == len(accepted) and all(
            normalise(given) in {normalise(a) for a in answers}
            for given, answers in zip(value, accepted, strict=True)
        )

    def present(self, d, value, seed):
        value = value or []
        parts, last, number = [], 0, 0
        for match in BLANK_RE.finditer(d["text"]):
            parts.append({"text": d["text"][last : match.start()]})
            given = value[number] if number < len(value) else ""
            answer = match.group(1).split("|")[0].strip()
            parts.append({"blank": number, "value": given, "answer": answer})
            last, number = match.end(), number + 1
        parts.append({"text": d["text"][last:]})
        for index, part in enumerate(parts):
            if "blank" in part:  # named by the words around it, for screen readers
                part["before"] = " ".join(parts[index - 1]["text"].split()[-3:])
                part["after"] = " ".join(parts[index + 1]["text"].split()[:3])
        d["parts"] = parts

    def solution(self, d):
        return [p["answer"] for p in d["parts"] if "blank" in p]
