"""Becoming a helper, and changing one's helper profile: name, structure, sector, language."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from accounts.roles import may_become_helper
from helpers.models import HelperProfile
from helpers.services.membership import pending_request
from helpers.services.signup import become_helper, request_structure
from partners.models import Country, Partner, Sector, Structure, StructureKind

NEW = "new"
SEARCH_LIMIT = 20
NEW_FIELDS = ["name", "kind", "partner", "country", "address", "postal_code", "city",
              "registration_number", "contact_email"]  # fmt: skip


def search_structures(query, limit=SEARCH_LIMIT):
    """Approved structures whose name, postal code or town matches ``query``."""
    query = (query or "").strip()
    if not query:
        return Structure.objects.none()
    match = Q()
    for word in query.split():
        match &= Q(name__icontains=word) | Q(postal_code__startswith=word) | Q(city__icontains=word)
    return Structure.objects.approved().filter(match).select_related("partner")[:limit]


class HelperProfileForm(forms.Form):
    # Printed on attendance sheets and the attestation: a helper is a named professional.
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        error_messages={"required": _("Give your first name: it is printed on your attestation.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        error_messages={"required": _("Give your last name: it is printed on your attestation.")},
    )
    structure = forms.CharField(
        label=_("Your structure"),
        error_messages={"required": _("Choose your structure, or ask for a new one.")},
    )
    new_name = forms.CharField(label=_("Name of the structure"), max_length=200, required=False)
    new_kind = forms.ModelChoiceField(
        label=_("Kind of structure"), queryset=StructureKind.objects.all(), required=False
    )
    new_partner = forms.ModelChoiceField(
        label=_("Network partner near you"),
        queryset=Partner.objects.all(),
        required=False,
        help_text=_("The partner of the programme who will welcome the structure."),
    )
    new_country = forms.ChoiceField(
        label=_("Country"), choices=[("", "—"), *Country.choices], required=False
    )
    new_address = forms.CharField(label=_("Address"), max_length=200, required=False)
    new_postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    new_city = forms.CharField(label=_("Town"), max_length=100, required=False)
    new_registration_number = forms.CharField(
        label=_("SIRET or enterprise number (optional)"),
        max_length=20,
        required=False,
        help_text=_("France: 14-digit SIRET. Belgium: 10-digit enterprise number (BCE/KBO)."),
    )
    new_contact_email = forms.EmailField(
        label=_("Contact e-mail of the structure (optional)"), required=False
    )
    sector = forms.ModelChoiceField(
        label=_("Your sector"),
        queryset=Sector.objects.all(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the sector you work in.")},
    )
    language = forms.ChoiceField(
        label=_("Language for e-mails and sessions"),
        choices=[(code, get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES],
        widget=forms.RadioSelect,
    )

    # The order of the page, so the error summary reads top to bottom.
    field_order = ["structure", *(f"new_{name}" for name in NEW_FIELDS), "sector",
                   "first_name", "last_name", "language"]  # fmt: skip

    def __init__(self, *args, current_structure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_structure = current_structure

    def clean_structure(self):
        value = self.cleaned_data["structure"]
        if value == NEW:
            return NEW
        allowed = Structure.objects.approved()
        if self.current_structure:
            allowed = allowed | Structure.objects.filter(pk=self.current_structure.pk)
        structure = allowed.filter(pk=value).first() if value.isdigit() else None
        if structure is None:
            raise ValidationError(_("Choose a structure from the list."))
        return structure

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("structure") != NEW:
            return cleaned
        required = ["new_name", "new_kind", "new_partner", "new_country", "new_postal_code",
                    "new_city"]  # fmt: skip
        for name in required:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("Needed to ask for a new structure."))
        if any(name in self.errors for name in required):
            return cleaned
        candidate = Structure(
            ref="candidate", **{name: cleaned.get(f"new_{name}") or "" for name in NEW_FIELDS}
        )
        try:
            candidate.full_clean(exclude=["ref"])
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                target = f"new_{field}" if f"new_{field}" in self.fields else None
                for problem in problems:
                    self.add_error(target, problem)
        else:
            cleaned["new_registration_number"] = candidate.registration_number
        return cleaned

    def new_structure_fields(self):
        return {name: self.cleaned_data.get(f"new_{name}") or "" for name in NEW_FIELDS}


def join(request):
    """Become a helper (or, for helpers, change the profile)."""
    if not request.user.is_authenticated:
        return render(request, "helpers/join_start.html", {"next": request.get_full_path()})
    return _profile_page(request)


@login_required
def profile(request):
    return _profile_page(request)


def _profile_page(request):
    user = request.user
    if not may_become_helper(user):
        raise PermissionDenied
    existing = HelperProfile.objects.filter(user=user).select_related("structure__partner").first()
    waiting = pending_request(user)
    # The structure shown as chosen: the one asked for, else the approved one.
    current = waiting.structure if waiting else (existing.structure if existing else None)
    query = request.GET.get("q", request.POST.get("q", "")).strip()
    if request.method == "POST":
        form = HelperProfileForm(request.POST, current_structure=current)
        if form.is_valid():
            structure = form.cleaned_data["structure"]
            if structure == NEW:
                structure = request_structure(**form.new_structure_fields())
            _profile, waiting = become_helper(
                user=user,
                structure=structure,
                sector=form.cleaned_data["sector"],
                language=form.cleaned_data["language"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
            if waiting is None:
                messages.success(request, _("Your helper profile is saved."))
            else:
                messages.success(
                    request,
                    _(
                        "Your request to join %(structure)s was sent to %(partner)s. You will "
                        "get an e-mail when they answer; until then you cannot see the "
                        "structure's learners."
                    )
                    % {"structure": structure.name, "partner": structure.partner.name},
                )
            return redirect("helpers:dashboard")
    else:
        form = HelperProfileForm(
            current_structure=current,
            initial={
                "structure": str(current.pk) if current else "",
                "sector": existing.sector_id if existing else None,
                "language": user.language,
                "first_name": user.first_name,
                "last_name": user.last_name,
            },
        )
    results = list(search_structures(query))
    if current and current not in results:
        results.insert(0, current)
    chosen = form["structure"].value() or ""
    return render(
        request,
        "helpers/join.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "searched": bool(query),
            "chosen": str(chosen),
            "profile": existing,
            "waiting": waiting,
        },
    )
