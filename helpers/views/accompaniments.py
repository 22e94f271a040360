"""The accompaniment log: quick form, own list with filters, edit, delete, exports."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from courses.models import Area
from crosslearn.lib.spreadsheets import download
from helpers.forms_accompaniments import AccompanimentFilterForm, AccompanimentForm
from helpers.models import Accompaniment
from helpers.services import accompaniments as service
from helpers.services.learners import helper_structure
from helpers.views.access import helper_required

PAGE_SIZE = 25


def _get_own(request, pk):
    """The helper's own accompaniment, else 404."""
    return get_object_or_404(Accompaniment, pk=pk, helper=request.user)


def _competence_groups(form, helper):
    """Checkboxes of the skills: the most used first (the helper's, else their structure's),
    then the others folded by DigComp area, an area open only when one of its skills is ticked."""
    boxes = {int(getattr(b.data["value"], "value", b.data["value"])): b for b in form["themes"]}
    most_used, title = service.most_used_competence_ids(helper), _("Your most used skills")
    if not most_used:
        most_used = service.most_used_competence_ids(helper, in_structure=True)
        title = _("Skills most used in your structure")
    most_used = [pk for pk in most_used if pk in boxes]
    groups = []
    if most_used:
        groups.append({"title": title, "boxes": [boxes[p] for p in most_used], "most_used": True})
    areas = {a.pk: a for a in Area.objects.filter(framework__is_current=True)}
    by_area = {}
    for competence in form.fields["themes"].queryset:
        if competence.pk in boxes and competence.pk not in most_used:
            by_area.setdefault(competence.area_id, []).append(boxes[competence.pk])
    for area_id, area_boxes in by_area.items():
        area = areas[area_id]
        groups.append(
            {
                "title": f"{area.code}. {area.title}",
                "boxes": area_boxes,
                "open": any(box.data["selected"] for box in area_boxes),
            }
        )
    return groups


# Folded under "Date, place and more": what keeps its usual value most of the time.
DETAIL_FIELDS = [
    "date",
    "place",
    "activity_place",
    "postal_code",
    "commune_code",
    "equipment",
    "person",
    "new_first_name",
    "new_initial",
    "age_bracket",
    "gender",
    "situation",
    "already_accompanied",
    "autonomy",
    "first_time",
    "redirected_to",
    "workshop_title",
    "workshop_level",
    "cra_themes",
    "notes",
]


def _render_form(request, form, accompaniment=None, status=200):
    details_open = bool(form.non_field_errors()) or any(form[name].errors for name in DETAIL_FIELDS)
    form.fields["procedures"].choices = service.procedures_most_used_first(request.user)
    groups = _competence_groups(form, request.user)
    ticked = set(form["procedures"].value() or [])
    context = {
        "details_open": details_open,
        "other_procedures_open": bool(
            ticked & {value for value, _label in form.fields["procedures"].choices[3:]}
        ),
        "other_skills_open": bool(form.errors.get("themes"))
        or any(group.get("open") for group in groups),
        "form": form,
        "accompaniment": accompaniment,
        "competence_groups": groups,
        "has_last": Accompaniment.objects.given_by(request.user).exists(),
    }
    return render(request, "helpers/accompaniments/form.html", context, status=status)


@login_required
@helper_required
@require_http_methods(["GET", "POST"])
def create(request):
    structure = helper_structure(request.user)
    if structure is None:
        messages.error(request, _("Join a structure first: accompaniments are counted for it."))
        return redirect("helpers:dashboard")
    if request.method == "POST":
        form = AccompanimentForm(request.POST, structure=structure)
        if form.is_valid():
            with transaction.atomic():
                service.save_accompaniment(
                    helper=request.user,
                    accompaniment=form.instance,
                    themes=form.cleaned_data["themes"],
                    people=form.people(structure=structure, by=request.user),
                )
            messages.success(request, _("Accompaniment saved. Thank you!"))
            return redirect("helpers:accompaniments")
        return _render_form(request, form, status=400)
    initial = service.defaults_for(request.user)
    if request.GET.get("repeat") == "last":
        initial.update(service.last_time_for(request.user) or {})
    form = AccompanimentForm(initial=initial, structure=structure)
    if request.GET.get("learner", "").isdigit():  # from a learner's page: their entry
        entry = form.fields["person"].queryset.filter(learner_id=request.GET["learner"]).first()
        form.initial["person"] = entry.pk if entry else None
    return _render_form(request, form)


@login_required
@helper_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    accompaniment = _get_own(request, pk)
    if not service.can_edit(accompaniment):
        raise PermissionDenied
    structure = accompaniment.structure
    form = AccompanimentForm(
        request.POST if request.method == "POST" else None,
        instance=accompaniment,
        structure=structure,
    )
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                service.save_accompaniment(
                    helper=request.user,
                    accompaniment=form.instance,
                    themes=form.cleaned_data["themes"],
                    people=form.people(structure=structure, by=request.user),
                )
            messages.success(request, _("Accompaniment updated."))
            return redirect("helpers:accompaniments")
        return _render_form(request, form, accompaniment, status=400)
    return _render_form(request, form, accompaniment)


@login_required
@helper_required
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    accompaniment = _get_own(request, pk)
    if not service.can_edit(accompaniment):
        raise PermissionDenied
    if request.method == "POST":
        service.delete_accompaniment(accompaniment=accompaniment)
        messages.success(request, _("Accompaniment deleted."))
        return redirect("helpers:accompaniments")
    return render(request, "helpers/accompaniments/delete.html", {"accompaniment": accompaniment})


def _filtered(request):
    filters = AccompanimentFilterForm(request.GET or None)
    queryset = Accompaniment.objects.given_by(request.user).filtered(**filters.values())
    return filters, queryset


@login_required
@helper_required
def index(request):
    filters, queryset = _filtered(request)
    page = Paginator(queryset.for_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    for item in page:
        item.editable = service.can_edit(item, now)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "totals": queryset.totals(),
        "query": query.urlencode(),
        "edit_days": settings.ACCOMPANIMENT_EDIT_DAYS,
    }
    return render(request, "helpers/accompaniments/list.html", context)


@never_cache  # personal data: no copy in any browser or proxy cache
@login_required
@helper_required
def export(request, fmt):
    _filters, queryset = _filtered(request)
    header, *rows = service.export_rows(queryset.order_by("date", "pk"))
    filename = f"accompaniments-{timezone.localdate().isoformat()}"
    return download(header, rows, filename=filename, fmt=fmt, title="accompaniments")
