"""The register of the people a structure helps: list, add, merge likely duplicates."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from helpers.models import AgeBracket, Beneficiary
from helpers.services import register as service
from helpers.services.learners import helper_structure
from helpers.views.access import helper_required

PER_PAGE = 25


class PersonForm(forms.Form):
    first_name = forms.CharField(
        label=gettext_lazy("First name or pseudonym (optional)"), max_length=60, required=False
    )
    last_initial = forms.CharField(
        label=gettext_lazy("Initial of the last name (optional)"), max_length=1, required=False
    )
    age_bracket = forms.ChoiceField(
        label=gettext_lazy("Age"),
        choices=[("", gettext_lazy("Not given"))] + AgeBracket.choices,
        required=False,
    )
    before = forms.BooleanField(label=gettext_lazy("Already helped here before"), required=False)


def _structure_or_redirect(request):
    structure = helper_structure(request.user)
    if structure is None:
        messages.error(request, _("Join a structure first: the register belongs to it."))
    return structure


@login_required
@helper_required
@require_http_methods(["GET", "POST"])
def register(request):
    structure = _structure_or_redirect(request)
    if structure is None:
        return redirect("helpers:dashboard")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = service.add_person(structure=structure, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(person)s is in the register.") % {"person": person})
        return redirect("helpers:register")
    query = request.GET.get("q", "").strip()[:60]
    entries = service.register_of(structure).annotate(
        visits=Count("accompaniments"), last_visit=Max("accompaniments__date")
    )
    if query:
        entries = entries.filter(
            Q(first_name__icontains=query) | Q(learner__first_name__icontains=query)
        )
    page = Paginator(entries.order_by("-last_visit", "first_name", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "structure": structure,
        "form": form,
        "page": page,
        "query": query,
        "page_query": urlencode({"q": query}) if query else "",
        "duplicates": service.likely_duplicates(structure),
    }
    return render(request, "helpers/register.html", context, status=400 if form.errors else 200)


@login_required
@helper_required
@require_POST
def merge(request):
    structure = _structure_or_redirect(request)
    if structure is None:
        return redirect("helpers:dashboard")
    entries = Beneficiary.objects.filter(structure=structure)
    ids = [request.POST.get("keep", ""), request.POST.get("duplicate", "")]
    if not all(value.isdigit() for value in ids):
        raise Http404
    found = {entry.pk: entry for entry in entries.filter(pk__in=ids)}
    if len(found) != 2:
        raise Http404  # another structure's entries are not there to merge
    keep, duplicate = found[int(ids[0])], found[int(ids[1])]
    try:
        service.merge(keep=keep, duplicate=duplicate)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Merged: %(person)s is one person now.") % {"person": keep})
    return redirect("helpers:register")
