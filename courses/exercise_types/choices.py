"""What single choice (one right answer) and multiple choice (several) share."""

from courses.exercise_types.base import ExerciseType, check_list, check_text


def check_choices(errors, where, step, low, high, *, exactly_one):
    choices = check_list(errors, where, step.get("choices"), "choices", low, high)
    for i, choice in enumerate(choices, 1):
        check_text(errors, f"{where}, choice {i}", choice.get("text"), "text")
        if not isinstance(choice.get("correct"), bool):
            errors.append(f"{where}, choice {i}: 'correct' must be true or false")
    correct = sum(1 for c in choices if c.get("correct") is True)
    if exactly_one and correct != 1:
        errors.append(f"{where}: exactly one choice must be correct, found {correct}")
    if not exactly_one and correct < 2:
        errors.append(f"{where}: at least two choices must be correct, found {correct}")


class Choices(ExerciseType):
    def present(self, d, value, seed):
        picked = value if isinstance(value, list) else [value]
        d["options"] = [
            {"index": i, "text": c["text"], "checked": i in picked}
            for i, c in enumerate(d["choices"])
        ]

    def solution(self, d):
        return [c["text"] for c in d["choices"] if c["correct"]]
