from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_scoping import PartnerScopedAdmin, ScopedHistoryMixin
from crosslearn.lib.spreadsheets import download
from partners.imports.jobs import confirm_import_job, start_import_job
from partners.models import ImportJob, Partner, Sector, Structure, StructureKind, ZoneRule
from partners.services import announce_approval, approve_structures


@admin.register(Partner)
class PartnerAdmin(PartnerScopedAdmin, TranslationAdmin):
    list_display = ["code", "name", "country", "region", "language", "is_lead"]
    list_filter = ["country"]
    search_fields = ["code", "name"]


@admin.register(ZoneRule)
class ZoneRuleAdmin(admin.ModelAdmin):
    list_display = ["country", "name", "first", "last"]
    list_filter = ["country"]


@admin.register(StructureKind)
class StructureKindAdmin(TranslationAdmin):
    list_display = ["code", "name", "position"]


@admin.register(Structure)
class StructureAdmin(PartnerScopedAdmin, ScopedHistoryMixin, SimpleHistoryAdmin):
    list_display = [
        "name",
        "ref",
        "kind",
        "partner",
        "postal_code",
        "city",
        "status",
        "in_cross_border_zone",
        "helper_count",
        "affiliated_on",
    ]
    list_filter = ["status", "kind", "partner", "country", "in_cross_border_zone"]
    list_select_related = ["kind", "partner"]
    search_fields = ["name", "ref", "city", "postal_code", "registration_number"]
    date_hierarchy = "affiliated_on"
    readonly_fields = ["in_cross_border_zone", "created_at"]
    actions = ["approve_structures", "export_csv"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(helpers_count=Count("helpers"))

    @admin.display(description=_("helpers"), ordering="helpers_count")
    def helper_count(self, obj):
        return obj.helpers_count

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data and obj.status == Structure.Status.APPROVED:
            announce_approval([obj], by=request.user)

    @admin.action(description=_("Approve the selected structures"))
    def approve_structures(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        pending = approve_structures(structures=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d structure approved.", "%(count)d structures approved.", len(pending)
            )
            % {"count": len(pending)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Download the selected structures (CSV)"))
    def export_csv(self, request, queryset):
        columns = ["ref", "name", "kind", "partner", "country", "postal_code", "city"]
        columns += ["registration_number", "affiliated_on"]
        rows = (
            [
                s.ref,
                s.name,
                s.kind.code,
                s.partner.code,
                s.country,
                s.postal_code,
                s.city,
                s.registration_number,
                s.affiliated_on.isoformat() if s.affiliated_on else "",
            ]
            for s in queryset.select_related("kind", "partner")
        )
        return download(columns, rows, filename="structures", fmt="csv")


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"), choices=ImportJob.Kind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "CSV in UTF-8 or Excel (.xlsx), with the column names on the first row. "
            "Nothing is imported before you confirm."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Send a CSV file (UTF-8) or an Excel workbook (.xlsx)."))
        from partners.imports.common import max_bytes

        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is too large; the limit is %(limit)s MB. Split it.")
                % {"limit": round(max_bytes() / 1_000_000, 1)}
            )
        return upload


@admin.register(ImportJob)
class ImportJobAdmin(PartnerScopedAdmin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "total", "partner", "created_by", "created_at"]
    list_filter = ["kind", "status", "partner"]
    list_select_related = ["partner", "created_by"]
    search_fields = ["filename"]

    def has_change_permission(self, request, obj=None):
        return False  # a job is a record of what happened; it is never edited

    def get_urls(self):
        return [
            path(
                "<int:object_id>/confirm/",
                self.admin_site.admin_view(require_POST(self.confirm_view)),
                name="partners_importjob_confirm",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            job = start_import_job(
                kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"], user=request.user
            )
            return HttpResponseRedirect(reverse("admin:partners_importjob_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import a spreadsheet"),
            "form": form,
            "columns": {kind: importer.columns for kind, importer in _importers().items()},
            "optional_columns": {
                kind: importer.optional_columns for kind, importer in _importers().items()
            },
            "kind_labels": dict(ImportJob.Kind.choices),
        }
        return TemplateResponse(request, "imports/upload.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        if job is None:
            raise Http404
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        report = job.report or {}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(job),
            "job": job,
            "report": report,
            "problem_count": report.get("problem_count", len(report.get("problems", []))),
            "warning_count": report.get("warning_count", len(report.get("warnings", []))),
            "can_confirm": job.status == ImportJob.Status.CHECKED
            and self.has_add_permission(request),
        }
        return TemplateResponse(request, "imports/job.html", context)

    def confirm_view(self, request, object_id):
        job = self.get_object(request, str(object_id))
        if job is None:
            raise Http404
        if not self.has_add_permission(request):
            raise PermissionDenied
        if job.status != ImportJob.Status.CHECKED:
            messages.error(request, _("This file cannot be imported in its current state."))
        else:
            confirm_import_job(job)
        return HttpResponseRedirect(reverse("admin:partners_importjob_change", args=[job.pk]))


def _importers():
    from partners.imports import IMPORTERS

    return IMPORTERS


@admin.register(Sector)
class SectorAdmin(TranslationAdmin):
    list_display = ["code", "name", "position"]
