"""Forms of the accompaniment log and of learner follow-up."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import LearnerProfile
from courses.models import Competence
from helpers import cra, limits
from helpers.models import Accompaniment, Beneficiary
from helpers.services.accompaniments import (
    DURATION_PRESETS,
    EQUIPMENT_CHOICES,
    PROCEDURE_CHOICES,
)
from helpers.services.register import add_person, register_of
from partners import communes
from partners.models import Structure, StructureKind

OTHER = "other"


class LearnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        profile = getattr(obj, "learner_profile", None)
        username = profile.card_username if profile and profile.card_username else obj.email
        return f"{obj.first_name} ({username})" if obj.first_name else str(username)


class PersonChoiceField(forms.ModelChoiceField):
    """An entry of the register, as the helper knows them."""

    def label_from_instance(self, obj):
        if obj.learner_id:
            return LearnerChoiceField.label_from_instance(self, obj.learner)
        bracket = obj.get_age_bracket_display()
        return f"{obj} – {bracket}" if bracket else str(obj)


class AccompanimentForm(forms.ModelForm):
    duration_choice = forms.ChoiceField(
        label=_("Duration"),
        choices=[(str(m), _("%(minutes)s min") % {"minutes": m}) for m in DURATION_PRESETS]
        + [(OTHER, _("Other"))],
        widget=forms.RadioSelect,
    )
    custom_duration = forms.IntegerField(
        label=_("Other: minutes"),
        min_value=1,
        max_value=limits.MAX_DURATION_MINUTES,
        required=False,
    )
    equipment = forms.MultipleChoiceField(
        label=_("Equipment used"),
        choices=EQUIPMENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    procedures = forms.MultipleChoiceField(
        label=_("Administrative procedures"),
        choices=PROCEDURE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Digital skills worked on (DigComp)"),
        queryset=Competence.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one digital skill.")},
    )
    first_time = forms.TypedChoiceField(
        label=_("First accompaniment of this person?"),
        choices=[("", _("I don't know")), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    autonomy = forms.ChoiceField(
        label=_("Autonomy reached"),
        choices=[("", _("Not noted"))] + list(Accompaniment.Autonomy.choices),
        required=False,
        widget=forms.RadioSelect,
    )
    redirected_to = forms.ModelChoiceField(
        label=_("Redirected to"),
        queryset=StructureKind.objects.all(),
        required=False,
        empty_label=_("Not redirected"),
    )
    person = PersonChoiceField(
        label=_("Who was helped? (optional)"),
        queryset=Beneficiary.objects.none(),
        required=False,
        empty_label=_("Someone not in the register"),
        help_text=_("The people your structure helps, and its learner accounts."),
    )
    new_first_name = forms.CharField(
        label=_("Or add a person: first name or pseudonym"), max_length=60, required=False
    )
    new_initial = forms.CharField(label=_("Initial of the last name"), max_length=1, required=False)
    # About the one person of an individual accompaniment (the national report's fields).
    age_bracket = forms.ChoiceField(
        label=_("Age"), choices=[("", _("Not given"))] + cra.AgeBracket.choices, required=False
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("Not given"))] + cra.Gender.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    situation = forms.ChoiceField(
        label=_("Situation"),
        choices=[("", _("Not given"))] + cra.Situation.choices,
        required=False,
    )
    commune_code = forms.ChoiceField(
        label=_("Commune"),
        required=False,
        help_text=_("Found from the postal code; choose it when the code covers several."),
    )
    activity_place = forms.ModelChoiceField(
        label=_("Place of activity"),
        queryset=Structure.objects.none(),
        required=False,
        empty_label=_("My structure"),
        help_text=_("Where it happened, when it was not at your own structure."),
    )
    cra_themes = forms.MultipleChoiceField(
        label=_("Themes of the national report (optional)"),
        choices=cra.Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Left empty, they are worked out from the digital skills ticked."),
    )

    class Meta:
        model = Accompaniment
        fields = [
            "date",
            "kind",
            "participants",
            "place",
            "postal_code",
            "commune_code",
            "activity_place",
            "equipment",
            "themes",
            "cra_themes",
            "procedures",
            "autonomy",
            "first_time",
            "already_accompanied",
            "redirected_to",
            "workshop_title",
            "workshop_level",
            "notes",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "kind": forms.RadioSelect,
            "place": forms.RadioSelect,
            "participants": forms.NumberInput(
                attrs={
                    "min": 1,
                    "max": limits.MAX_COLLECTIVE_PARTICIPANTS,
                    "inputmode": "numeric",
                }
            ),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "already_accompanied": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "participants": _("For a collective workshop: how many people came."),
            "notes": _(
                "Never write passwords, identity numbers (ID card, social security, bank) "
                "or health details here."
            ),
        }

    def __init__(self, *args, structure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Competence.objects.current().select_related("area")
        self.fields["person"].queryset = (
            register_of(structure) if structure else Beneficiary.objects.none()
        )
        if self.instance.pk:
            first = self.instance.beneficiaries.first()
            self.initial.setdefault("person", first.pk if first else None)
        self.fields["already_accompanied"].required = False
        self.fields["participants"].required = False
        self.fields["kind"].choices = Accompaniment.Kind.choices
        self.fields["place"].choices = Accompaniment.Place.choices
        self.fields["activity_place"].queryset = (
            Structure.objects.approved()
            .filter(partner_id=structure.partner_id)
            .exclude(pk=structure.pk)
            if structure
            else Structure.objects.none()
        )
        self.fields["workshop_level"].choices = [("", _("Not given"))] + list(
            cra.WorkshopLevel.choices
        )
        self._add_breakdown_fields()
        self._offer_communes()
        minutes = self.initial.get("duration_minutes", self.instance.duration_minutes)
        if minutes in DURATION_PRESETS:
            self.initial.setdefault("duration_choice", str(minutes))
        elif minutes:
            self.initial.setdefault("duration_choice", OTHER)
            self.initial.setdefault("custom_duration", minutes)
        if self.initial.get("first_time") is True:
            self.initial["first_time"] = "yes"
        elif self.initial.get("first_time") is False:
            self.initial["first_time"] = "no"

    def _add_breakdown_fields(self):
        """Counts per age, gender and situation for a workshop; one person's values otherwise."""
        breakdown = self.instance.breakdown if self.instance.pk else {}
        for dimension, (choices, _legend) in cra.DIMENSIONS.items():
            for value, label in choices.choices:
                name = f"{dimension}_{value}"
                self.fields[name] = forms.IntegerField(
                    label=label,
                    min_value=0,
                    max_value=limits.MAX_COLLECTIVE_PARTICIPANTS,
                    required=False,
                )
                if breakdown.get(dimension, {}).get(value):
                    self.initial.setdefault(name, breakdown[dimension][value])
        if self.instance.pk and self.instance.kind == Accompaniment.Kind.INDIVIDUAL:
            self.initial.setdefault("age_bracket", cra.single(breakdown, "age"))
            self.initial.setdefault("gender", cra.single(breakdown, "gender"))
            self.initial.setdefault("situation", cra.single(breakdown, "situation"))

    def _offer_communes(self):
        """The communes of the postal code typed (or proposed), to choose from."""
        if self.is_bound:
            postal_code = self.data.get(self.add_prefix("postal_code"), "")
        else:
            postal_code = self.initial.get("postal_code", self.instance.postal_code)
        self.communes = communes.communes_for(postal_code or "")
        empty = _("Choose the commune") if len(self.communes) > 1 else _("Not known")
        self.fields["commune_code"].choices = [("", empty)] + [
            (commune.code, commune.name) for commune in self.communes
        ]

    def breakdown_groups(self):
        """(legend, fields) of each dimension of a workshop's anonymous breakdown."""
        return [
            (legend, [self[f"{dimension}_{value}"] for value in choices.values])
            for dimension, (choices, legend) in cra.DIMENSIONS.items()
        ]

    def _breakdown(self, data):
        legacy = {k: v for k, v in (self.instance.breakdown or {}).items() if k == "legacy_age"}
        return {**legacy, **self._who_came(data)}

    def _who_came(self, data):
        if data.get("kind") == Accompaniment.Kind.INDIVIDUAL:
            person = data.get("person")
            return cra.of_person(
                age=data.get("age_bracket") or (person.age_bracket if person else ""),
                gender=data.get("gender"),
                situation=data.get("situation"),
            )
        breakdown = {}
        for dimension, (choices, _legend) in cra.DIMENSIONS.items():
            given = {
                value: data[f"{dimension}_{value}"]
                for value in choices.values
                if data.get(f"{dimension}_{value}")
            }
            if given:
                breakdown[dimension] = given
        return breakdown

    def _clean_commune(self, data):
        """One commune: taken; several: the helper chooses; unknown postal code: not known."""
        codes = [commune.code for commune in self.communes]
        chosen = data.get("commune_code") or ""
        if len(codes) == 1:
            chosen = codes[0]
        elif len(codes) > 1 and chosen not in codes:
            self.add_error(
                "commune_code",
                _("The postal code %(code)s covers several communes: choose the commune.")
                % {"code": data.get("postal_code")},
            )
        elif not codes:
            chosen = ""
        data["commune_code"] = self.instance.commune_code = chosen

    def people(self, *, structure, by):
        """The register entries who came (a new one is added now), for ``register.link``."""
        data = self.cleaned_data
        if data.get("person"):
            return [data["person"]]
        if data.get("new_first_name") or data.get("new_initial"):
            person = add_person(
                structure=structure,
                by=by,
                first_name=data.get("new_first_name", ""),
                last_initial=data.get("new_initial", ""),
                age_bracket=data.get("age_bracket", ""),
                before=data.get("first_time") is False,
            )
            return [person]
        return []

    def clean(self):
        data = super().clean()
        choice = data.get("duration_choice")
        if choice == OTHER:
            if not data.get("custom_duration"):
                self.add_error("custom_duration", _("Write the duration in minutes."))
            else:
                self.instance.duration_minutes = data["custom_duration"]
        elif choice:
            self.instance.duration_minutes = int(choice)
        self._clean_commune(data)
        breakdown = self._breakdown(data)
        named = data.get("person") or data.get("new_first_name") or data.get("new_initial")
        if data.get("kind") == Accompaniment.Kind.INDIVIDUAL:
            if not data.get("participants"):  # left empty: one person, as the label says
                data["participants"] = 1
                self.instance.participants = 1
            data["already_accompanied"] = self.instance.already_accompanied = 0
            data["workshop_title"] = self.instance.workshop_title = ""
            data["workshop_level"] = self.instance.workshop_level = ""
        else:
            if data.get("kind") and not data.get("participants"):
                self.add_error("participants", _("Write how many people came."))
            if named:
                self.add_error(
                    "person",
                    _("For a workshop, count the people who came; name a person only for one."),
                )
            already = data.get("already_accompanied") or 0
            data["already_accompanied"] = self.instance.already_accompanied = already
            if data.get("participants") and already > data["participants"]:
                self.add_error(
                    "already_accompanied",
                    _("This cannot be more than the %(count)s people who came.")
                    % {"count": data["participants"]},
                )
        # Checked against the participants with the other limits (helpers.limits).
        self.instance.breakdown = breakdown
        return data


class AccompanimentFilterForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + list(Accompaniment.Kind.choices)
    )
    competence = forms.ModelChoiceField(
        label=_("Digital skill"),
        queryset=Competence.objects.current(),
        required=False,
        empty_label=_("All"),
    )

    def values(self):
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class LearnerForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name or pseudonym"),
        max_length=150,
        help_text=_("No last name needed. A pseudonym is fine."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    age_bracket = forms.ChoiceField(
        label=_("Age bracket (optional)"),
        choices=[("", _("Not given"))] + list(LearnerProfile.AgeBracket.choices),
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "The person agrees that we keep their first name, language and the record of "
            "their accompaniments and lessons, to follow their progress."
        ),
        error_messages={
            "required": _("Ask the person for their agreement before creating the account.")
        },
    )
