"""The signature sheet that EU-funded trainings keep: one line per registered person."""

from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone, translation

from crosslearn.lib.periods import period_containing


def attendance_sheet_context(session):
    participations = (
        session.participations.confirmed()
        .select_related("person", "person__helper_profile__structure")
        .order_by(Lower("person__last_name"), Lower("person__first_name"), "person__email")
    )
    return {
        "session": session,
        "partner": session.partner,
        "programme_name": period_containing(
            timezone.localtime(session.starts_at).date()
        ).programme_name,
        "participations": participations,
        "blank_lines": range(3),  # for people who come without registering
        "starts_at": timezone.localtime(session.starts_at),
        "ends_at": timezone.localtime(session.ends_at),
    }


def render_attendance_sheet_html(session):
    # The sheet is printed in the session's language: the people signing it read that one.
    with translation.override(session.language or "fr"):
        return render_to_string(
            "admin/training/trainingsession/attendance_sheet.html",
            attendance_sheet_context(session),
        )


def render_attendance_sheet_document(session):
    from weasyprint import HTML

    return HTML(string=render_attendance_sheet_html(session)).render()


def render_attendance_sheet(session):
    """PDF bytes."""
    return render_attendance_sheet_document(session).write_pdf()
