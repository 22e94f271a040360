from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Course

DURATIONS = [
    ("", _("Any duration")),
    ("15", _("15 minutes or less")),
    ("30", _("30 minutes or less")),
]
COUNTRIES = [("", _("France and Belgium")), ("FR", _("France")), ("BE", _("Belgium"))]


class CatalogueFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Skill area"), required=False)
    competence = forms.ChoiceField(label=_("Skill"), required=False)
    level = forms.TypedChoiceField(
        label=_("Level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All levels"))] + [(n, n) for n in range(1, 9)],
    )
    audience = forms.ChoiceField(
        label=_("For"), required=False, choices=[("", _("Everyone")), *Course.Audience.choices]
    )
    duration = forms.TypedChoiceField(
        label=_("Duration"), required=False, coerce=int, empty_value=None, choices=DURATIONS
    )
    country = forms.ChoiceField(label=_("Country"), required=False, choices=COUNTRIES)

    def __init__(self, *args, areas, competences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All areas"))] + [
            (a.code, f"{a.code}. {a.title}") for a in areas
        ]
        self.fields["competence"].choices = [("", _("All skills"))] + [
            (c.code, f"{c.code} {c.title}") for c in competences
        ]

    def filter(self, courses):
        data = self.cleaned_data
        if data.get("area"):
            courses = courses.filter(competences__area__code=data["area"])
        if data.get("competence"):
            courses = courses.filter(competences__code=data["competence"])
        if data.get("level"):
            courses = courses.filter(level=data["level"])
        if data.get("audience"):
            courses = courses.filter(audience=data["audience"])
        if data.get("duration"):
            courses = courses.filter(duration_minutes__lte=data["duration"])
        if data.get("country"):
            courses = courses.for_country(data["country"])
        return courses.distinct()


class PositioningForm(forms.Form):
    """One radio group per question (online) or one letter per question (paper, typed in)."""

    def __init__(self, *args, questions, language, paper=False, learners=None, **kwargs):
        super().__init__(*args, **kwargs)
        from courses.content import Localised

        loc = Localised(language)
        self.questions = questions
        if paper:
            if learners is not None:
                # Tied to the learner's account, the result is theirs: in their data export,
                # and erased with them.
                self.fields["learner"] = forms.ModelChoiceField(
                    label=_("Learner's account (optional)"),
                    queryset=learners,
                    required=False,
                    empty_label=_("No account: I write a first name below"),
                )
            self.fields["learner_name"] = forms.CharField(
                label=_("Learner's first name or pseudonym"), required=False, max_length=100
            )
        for q in questions:
            choices = [(str(i), loc.text(c["text"])) for i, c in enumerate(q.data["choices"])]
            if paper:
                choices = [(v, f"{'ABCD'[int(v)]}") for v, _text in choices]
                field = forms.ChoiceField(
                    label=_("Question %(number)s") % {"number": q.position},
                    choices=[("", "–"), *choices],
                )
            else:
                field = forms.ChoiceField(
                    label=f"{q.position}. {loc.text(q.data['prompt'])}",
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Choose an answer to question %(number)s.")
                        % {"number": q.position}
                    },
                )
            self.fields[f"q{q.position}"] = field
        self.fell_back = loc.fell_back

    def answers(self):
        return {str(q.position): int(self.cleaned_data[f"q{q.position}"]) for q in self.questions}
