"""What single choice (one right answer) and multiple choice (several) share."""

from courses.exercise_types.base import ExerciseType, check_list, check_text


def check_choices(errors, where, step, low, high, *, exactly_one):
    choices = check_list(errors, where, step.get("choices"), "choices", low, high)
    for i, choice in enumerate(choices, 1):
        check_text(errors, f"{where}, choice {i}", choice.get("text"), "text")
        if not isinstance(choice.get("correct"), bool):
            errors.append(f"{where}, choice {i}: 'correct' must be true or false")
        check_text(errors, f"{where}, choice {i}", choice.get("why"), "why", required=False)
    correct = sum(1 for c in choices if c.get("correct") is True)
    if exactly_one and correct != 1:
        errors.append(f"{where}: exactly one choice must be correct, found {correct}")
    if not exactly_one and correct < 2:
        errors.append(f"{where}: at least two choices must be correct, found {correct}")


def verdict(picked, correct):
    """What a choice says of the answer: picked rightly, picked wrongly, or a right one missed."""
    return {(True, True): "right", (True, False): "wrong", (False, True): "missed"}.get(
        (picked, correct), ""
    )


class Choices(ExerciseType):
    def present(self, d, value, seed):
        picked = value if isinstance(value, list) else [value]
        d["options"] = [
            {
                "index": i,
                "text": c["text"],
                "checked": i in picked,
                "why": c.get("why", ""),
                "verdict": "" if value is None else verdict(i in picked, c["correct"]),
            }
            for i, c in enumerate(d["choices"])
        ]

    def notes(self, d):
        return [o for o in d["options"] if o["verdict"] and o["why"]]

    def solution(self, d):
        return [c["text"] for c in d["choices"] if c["correct"]]
