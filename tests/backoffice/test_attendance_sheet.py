import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ParticipationFactory, TrainingSessionFactory, make_helper
from training.attendance_sheet import render_attendance_sheet_document
from training.models import Participation


def document_text(document):
    """The text WeasyPrint laid out on the pages, i.e. what the PDF shows."""
    from weasyprint.formatting_structure.boxes import TextBox

    texts = []
    for page in document.pages:
        texts += [box.text for box in page._page_box.descendants() if isinstance(box, TextBox)]
    return " ".join(texts)


@pytest.fixture
def session(structure_a):
    session = TrainingSessionFactory(title="Formation socle numérique", place="Maison Folie")
    for first, last in [("Zoé", "Adam"), ("Marc", "Bernard")]:
        ParticipationFactory(
            session=session,
            person=make_helper(structure=structure_a, first_name=first, last_name=last),
        )
    ParticipationFactory(
        session=session,
        person=make_helper(first_name="Annulé", last_name="Parti"),
        booking=Participation.Booking.CANCELLED,
    )
    return session


@pytest.mark.django_db
def test_the_sheet_names_partner_programme_funder_session_and_each_registered_helper(session):
    text = document_text(render_attendance_sheet_document(session))
    assert "WeTechCare (WTC)" in text
    assert "Cross§Le@rn 2020–2022" in text
    assert "Interreg" in text and "FEDER" in text  # in French: the session's language
    assert "Formation socle numérique" in text and "Maison Folie" in text
    assert "Adam" in text and "Bernard" in text and "Centre social Lille-Sud" in text
    assert text.index("Adam") < text.index("Bernard")
    assert "Parti" not in text  # cancelled bookings do not sign
    assert "Signature" in text


@pytest.mark.django_db
def test_the_operator_downloads_the_pdf_and_uploads_the_signed_scan(
    client, with_totp, operator_a, session, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(with_totp(operator_a))
    url = reverse("admin:training_trainingsession_attendance_sheet", args=[session.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")

    change = reverse("admin:training_trainingsession_change", args=[session.pk])
    form = client.get(change).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "signed_sheet"}
    data.update(
        {
            "starts_at_0": session.starts_at.strftime("%Y-%m-%d"),
            "starts_at_1": "09:00",
            "ends_at_0": session.ends_at.strftime("%Y-%m-%d"),
            "ends_at_1": "12:00",
            "sector": "",
            "participations-TOTAL_FORMS": 0,
            "participations-INITIAL_FORMS": 0,
            "signed_sheet": SimpleUploadedFile("scan.exe", b"MZ", content_type="application/x"),
        }
    )
    response = client.post(change, data)
    assert (
        response.status_code == 200 and "signed_sheet" in response.context["adminform"].form.errors
    )
    data["signed_sheet"] = SimpleUploadedFile(
        "scan.pdf", b"%PDF-1.4", content_type="application/pdf"
    )
    response = client.post(change, data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.signed_sheet.name.endswith(".pdf")


@pytest.mark.django_db
def test_another_partners_operator_gets_no_sheet(client, with_totp, operator_b, session):
    client.force_login(with_totp(operator_b))
    url = reverse("admin:training_trainingsession_attendance_sheet", args=[session.pk])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_sheet_never_prints_an_e_mail_for_a_name(session):
    nameless = make_helper(first_name="", last_name="", email="nameless@example.org")
    ParticipationFactory(session=session, person=nameless)
    text = document_text(render_attendance_sheet_document(session))
    assert "@" not in text.replace("Cross§Le@rn", "")
