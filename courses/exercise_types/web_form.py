"""Simulation: a pretend online form to fill in from a real-life situation."""

import re

from django.utils.translation import gettext_lazy as _

from courses.exercise_types import register
from courses.exercise_types.base import ExerciseType, Reading, check_list, check_text, normalise

INPUTS = ("text", "date", "email", "select")


@register
class WebForm(ExerciseType):
    content_type = "simulation"
    kind = "web_form"

    def validate(self, step, where, errors):
        check_text(errors, where, step.get("context"), "context")
        fields = check_list(errors, where, step.get("fields"), "fields", 1, 10)
        names = set()
        for i, field in enumerate(fields, 1):
            at = f"{where}, field {i}"
            name = field.get("name")
            if not isinstance(name, str) or not re.match(r"^[a-z][a-z0-9_]*$", name):
                errors.append(f"{at}: 'name' must be lowercase letters, digits and _")
            elif name in names:
                errors.append(f"{at}: field name '{name}' is used twice")
            names.add(name)
            check_text(errors, at, field.get("label"), "label")
            if field.get("input") not in INPUTS:
                errors.append(f"{at}: 'input' must be one of {', '.join(INPUTS)}")
            expected = field.get("expected")
            if not isinstance(expected, list) or not expected:
                errors.append(f"{at}: 'expected' must be a non-empty list")
            elif not all(isinstance(v, str) for v in expected):
                errors.append(f"{at}: 'expected' values must be strings")
            if field.get("input") == "select":
                self.validate_options(errors, at, field.get("options"), expected)

    def validate_options(self, errors, at, options, expected):
        if not isinstance(options, list) or len(options) < 2:
            errors.append(f"{at}: a select needs at least two 'options'")
            return
        for j, option in enumerate(options, 1):
            check_text(errors, f"{at}, option {j}", option, "option")
        valid = {str(j) for j in range(len(options))}
        if isinstance(expected, list) and not set(map(str, expected)) <= valid:
            errors.append(f"{at}: 'expected' must be option indexes such as \"0\"")

    def read(self, data, post, language):
        value = {
            f["name"]: post.get(f"field-{f['name']}", "").strip()[:200] for f in data["fields"]
        }
        reading = Reading(value=value)
        if not all(value.values()):
            reading.errors.append(_("Fill in every field."))
        return reading

    def is_correct(self, data, value, language):
        return all(
            normalise(value.get(f["name"], "")) in {normalise(e) for e in f["expected"]}
            for f in data["fields"]
        )

    solution_title = _("Check these fields against your situation:")

    def present(self, d, value, seed):
        value = value or {}
        for f in d["fields"]:
            f["value"] = value.get(f["name"], "")
            f["wrong"] = bool(value) and normalise(f["value"]) not in {
                normalise(e) for e in f["expected"]
            }
            if f["input"] == "select":
                f["choices"] = [
                    {"index": str(i), "text": t, "selected": str(i) == f["value"]}
                    for i, t in enumerate(f["options"])
                ]

    def solution(self, d):
        """The fields that are wrong, not their right values: the person looks again."""
        return [f["label"] for f in d["fields"] if f.get("wrong")]
