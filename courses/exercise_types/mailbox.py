"""Simulation: a pretend mailbox in which to spot the traps."""

from django.utils.translation import gettext_lazy as _

from courses.exercise_types import register
from courses.exercise_types.base import ExerciseType, Reading, check_list, check_text, indexes


@register
class Mailbox(ExerciseType):
    content_type = "simulation"
    kind = "mailbox"

    def validate(self, step, where, errors):
        emails = check_list(errors, where, step.get("emails"), "emails", 3, 6)
        for i, email in enumerate(emails, 1):
            if not isinstance(email.get("sender"), str) or not email["sender"]:
                errors.append(f"{where}, e-mail {i}: 'sender' is required")
            check_text(errors, f"{where}, e-mail {i}", email.get("subject"), "subject")
            check_text(errors, f"{where}, e-mail {i}", email.get("body"), "body")
            if not isinstance(email.get("suspicious"), bool):
                errors.append(f"{where}, e-mail {i}: 'suspicious' must be true or false")
            check_text(errors, f"{where}, e-mail {i}", email.get("why"), "why", required=False)
        if emails and not any(e.get("suspicious") is True for e in emails):
            errors.append(f"{where}: at least one e-mail must be suspicious")

    def read(self, data, post, language):
        return Reading(value=indexes(post.getlist("suspicious"), len(data["emails"])))

    def is_correct(self, data, value, language):
        return set(value) == {i for i, e in enumerate(data["emails"]) if e["suspicious"]}

    solution_title = _("Look again at these e-mails:")

    def present(self, d, value, seed):
        picked = value or []
        for i, email in enumerate(d["emails"]):
            reported = i in picked
            verdict = ""
            if value is not None:  # answered: say, e-mail by e-mail, what was right
                verdict = {
                    (True, True): "caught",
                    (True, False): "missed",
                    (False, True): "false_alarm",
                    (False, False): "genuine",
                }[(email["suspicious"], reported)]
            email.update(index=i, checked=reported, verdict=verdict)

    def solution(self, d):
        """Only the mistakes: a trap not reported, a genuine e-mail reported."""
        wrong = {"missed": _("a trap you did not report"), "false_alarm": _("a real e-mail")}
        return [
            " ".join(
                filter(
                    None, [f"{e['sender']} – {e['subject']}: {wrong[e['verdict']]}.", e.get("why")]
                )
            )
            for e in d["emails"]
            if e["verdict"] in wrong
        ]
