import datetime
import uuid

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_scoping import PartnerScopedAdmin, PartnerScopedInline, ScopedHistoryMixin
from training.models import Attestation, Participation, TrainingSession
from training.services.attendance import check_may_mark, has_started, mark_attendance

SIGNED_SHEET_TYPES = (".pdf", ".jpg", ".jpeg", ".png")
SIGNED_SHEET_MAX_BYTES = 10 * 1024 * 1024


def _mark_selected(request, participations, attendance):
    """Mark the started sessions' rows; returns (marked, skipped because not started)."""
    marked = skipped = 0
    for participation in participations.select_related("session"):
        if not has_started(participation.session):
            skipped += 1
            continue
        mark_attendance(participation=participation, attendance=attendance, marked_by=request.user)
        marked += 1
    return marked, skipped


class AttendanceRule:
    """Forms that change an attendance refuse it before the session has started."""

    def clean_attendance(self):
        attendance = self.cleaned_data.get("attendance")
        session = self.cleaned_data.get("session") or getattr(self.instance, "session", None)
        if attendance and "attendance" in self.changed_data and session is not None:
            check_may_mark(session)
        return attendance


class ParticipationInlineForm(AttendanceRule, forms.ModelForm):
    """A registered person stays as registered: rows nobody touched always save, even when
    the person erased their account or works for another partner's structure."""

    class Meta:
        model = Participation
        fields = ["person", "booking", "attendance"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.fields.get("person")
        if person is not None and self.instance.pk:
            person.disabled = True
            person.required = False
            if self.instance.person_id:
                person.queryset = person.queryset.model.objects.filter(pk=self.instance.person_id)


CHANGED_MEANWHILE = _(
    "The list of registered people changed meanwhile. Reload the page and try again."
)


class ParticipationInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.initial_forms:
            if form.instance.pk is None:  # an id of another session's row, or a deleted one
                raise ValidationError(CHANGED_MEANWHILE)


class ParticipationInline(PartnerScopedInline, admin.TabularInline):
    model = Participation
    form = ParticipationInlineForm
    formset = ParticipationInlineFormSet
    extra = 0
    fields = ["person", "booking", "attendance", "marked_at", "marked_by"]
    readonly_fields = ["marked_at", "marked_by"]
    autocomplete_fields = ["person"]
    verbose_name_plural = _("Registered people and attendance")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "marked_by")


class SignedSheetForm(admin.options.forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = "__all__"  # noqa: DJ007 — the admin's fieldsets choose the fields shown

    def clean_signed_sheet(self):
        upload = self.cleaned_data.get("signed_sheet")
        if upload and hasattr(upload, "content_type"):
            if not upload.name.lower().endswith(SIGNED_SHEET_TYPES):
                raise ValidationError(_("Upload the scan as a PDF, JPEG or PNG file."))
            if upload.size > SIGNED_SHEET_MAX_BYTES:
                raise ValidationError(_("The scan is too large; the limit is 10 MB."))
        return upload


class ParticipationForm(AttendanceRule, forms.ModelForm):
    class Meta:
        model = Participation
        fields = "__all__"  # noqa: DJ007 — the admin's fields choose what is shown


class AttendanceToMarkFilter(admin.SimpleListFilter):
    title = _("attendance")
    parameter_name = "attendance"

    def lookups(self, request, model_admin):
        return [("to_mark", _("to mark"))]

    def queryset(self, request, queryset):
        if self.value() == "to_mark":
            return queryset.with_unmarked_attendance().filter(starts_at__lte=timezone.now())
        return queryset


@admin.register(TrainingSession)
class TrainingSessionAdmin(PartnerScopedAdmin, ScopedHistoryMixin, SimpleHistoryAdmin):
    form = SignedSheetForm
    list_display = [
        "title",
        "kind",
        "starts_at",
        "partner",
        "sector",
        "registered",
        "present",
        "state",
        "has_signed_sheet",
    ]
    list_filter = [
        AttendanceToMarkFilter,
        "kind",
        "status",
        "mode",
        "partner",
        "sector",
        "starts_at",
    ]
    list_select_related = ["partner", "sector"]
    search_fields = ["title", "title_fr", "title_nl", "title_en", "ref", "place", "postal_code"]
    date_hierarchy = "starts_at"
    readonly_fields = ["attendance_sheet_link", "created_at"]
    fieldsets = [
        (None, {"fields": ["ref", "kind", "title", "partner", "sector", "language", "status"]}),
        (_("When and where"), {"fields": ["starts_at", "ends_at", "mode", "place", "postal_code"]}),
        (
            _("For readers of other languages"),
            {
                "classes": ["collapse"],
                "description": _(
                    "Optional. Helpers who read the site in another language than the session's "
                    "see these; empty ones show the title and place above."
                ),
                "fields": [
                    ("title_fr", "place_fr"),
                    ("title_nl", "place_nl"),
                    ("title_en", "place_en"),
                ],
            },
        ),
        (_("Online and seats"), {"fields": ["online_url", "capacity"]}),
        (
            _("Attendance sheet"),
            {"fields": ["attendance_sheet_link", "signed_sheet", "created_at"]},
        ),
    ]
    inlines = [ParticipationInline]
    actions = ["duplicate_sessions"]

    def get_queryset(self, request):
        confirmed = Q(participations__booking=Participation.Booking.CONFIRMED)
        present = Q(participations__attendance=Participation.Attendance.PRESENT)
        return (
            super()
            .get_queryset(request)
            .annotate(
                registered_count=Count("participations", filter=confirmed),
                present_count=Count("participations", filter=present),
            )
        )

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj):
        return obj.state_label()

    @admin.display(description=_("registered"), ordering="registered_count")
    def registered(self, obj):
        return obj.registered_count

    @admin.display(description=_("present"), ordering="present_count")
    def present(self, obj):
        return obj.present_count

    @admin.display(description=_("signed sheet"), boolean=True)
    def has_signed_sheet(self, obj):
        return bool(obj.signed_sheet)

    @admin.display(description=_("Sheet to print"))
    def attendance_sheet_link(self, obj):
        if obj.pk is None:
            return "—"
        sheet = reverse("admin:training_trainingsession_attendance_sheet", args=[obj.pk])
        tablet = reverse("helpers:attendance", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            sheet,
            _("Download the attendance sheet (PDF)"),
            tablet,
            _("Take attendance on a tablet"),
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/attendance-sheet/",
                self.admin_site.admin_view(self.attendance_sheet_view),
                name="training_trainingsession_attendance_sheet",
            ),
            *super().get_urls(),
        ]

    def attendance_sheet_view(self, request, object_id):
        from training.attendance_sheet import render_attendance_sheet

        session = self.get_object(request, object_id)
        if session is None:
            raise Http404
        if not self.has_view_or_change_permission(request, session):
            raise PermissionDenied
        response = HttpResponse(render_attendance_sheet(session), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="attendance-{session.ref}.pdf"'
        return response

    def save_formset(self, request, form, formset, change):
        if formset.model is not Participation:
            return super().save_formset(request, form, formset, change)
        # Attendance goes through the service (who marked it, when); the rest saves as usual.
        to_mark = [
            (f.instance, f.cleaned_data["attendance"])
            for f in formset.forms
            if f.has_changed()
            and "attendance" in f.changed_data
            and f.cleaned_data.get("attendance")
            and not f.cleaned_data.get("DELETE")
        ]
        super().save_formset(request, form, formset, change)
        for participation, attendance in to_mark:
            if participation.pk is None:
                continue
            mark_attendance(
                participation=participation, attendance=attendance, marked_by=request.user
            )

    @admin.action(description=_("Duplicate the selected sessions one week later"))
    def duplicate_sessions(self, request, queryset):
        if not self.has_add_permission(request):
            raise PermissionDenied
        copies = 0
        for session in queryset:
            session.pk = None
            session._state.adding = True
            session.ref = str(uuid.uuid4())
            session.starts_at += datetime.timedelta(days=7)
            session.ends_at += datetime.timedelta(days=7)
            session.status = TrainingSession.Status.PLANNED
            session.signed_sheet = ""
            session.full_clean()
            session.save()
            copies += 1
        self.message_user(
            request,
            ngettext("%(count)d session duplicated.", "%(count)d sessions duplicated.", copies)
            % {"count": copies},
            messages.SUCCESS,
        )


@admin.register(Participation)
class ParticipationAdmin(PartnerScopedAdmin, ScopedHistoryMixin, SimpleHistoryAdmin):
    form = ParticipationForm
    list_display = ["person", "session", "booking", "attendance", "marked_at", "marked_by"]
    list_filter = ["attendance", "booking", "session__kind", "session__partner"]
    list_select_related = ["person", "session", "marked_by"]
    search_fields = ["person__email", "person__last_name", "session__title", "session__ref"]
    autocomplete_fields = ["person", "session"]
    readonly_fields = ["marked_at", "marked_by", "booked_at"]
    actions = ["mark_present", "mark_absent", "mark_excused"]

    def _mark(self, request, queryset, attendance):
        if not self.has_change_permission(request):
            raise PermissionDenied
        count, skipped = _mark_selected(request, queryset, attendance)
        self.message_user(
            request,
            ngettext(
                "Attendance marked for %(count)d person.",
                "Attendance marked for %(count)d people.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d person was left unmarked: their session has not started.",
                    "%(count)d people were left unmarked: their session has not started.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Mark the selected people present"))
    def mark_present(self, request, queryset):
        self._mark(request, queryset, Participation.Attendance.PRESENT)

    @admin.action(description=_("Mark the selected people absent"))
    def mark_absent(self, request, queryset):
        self._mark(request, queryset, Participation.Attendance.ABSENT)

    @admin.action(description=_("Mark the selected people excused"))
    def mark_excused(self, request, queryset):
        self._mark(request, queryset, Participation.Attendance.EXCUSED)

    def save_model(self, request, obj, form, change):
        attendance = form.cleaned_data.get("attendance")
        super().save_model(request, obj, form, change)
        if "attendance" in form.changed_data and attendance:
            mark_attendance(participation=obj, attendance=attendance, marked_by=request.user)


@admin.register(Attestation)
class AttestationAdmin(PartnerScopedAdmin, admin.ModelAdmin):
    """Issued attestations; staff may only revoke one (the verification page then says so)."""

    list_display = ["holder_name", "helper", "code", "issued_at", "revoked"]
    list_filter = ["revoked", "issued_at"]
    list_select_related = ["helper"]
    search_fields = ["holder_name", "code", "helper__email"]
    fields = ["helper", "holder_name", "partner", "sector", "training_minutes", "code", "stages",
              "issued_at", "revoked"]  # fmt: skip
    readonly_fields = [name for name in fields if name != "revoked"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
