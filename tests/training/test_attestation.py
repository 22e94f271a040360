import pytest
from django.urls import reverse

from training.models import Attestation
from training.services.attestation import find_genuine, issue_attestation

pytestmark = pytest.mark.django_db


def test_a_helper_who_has_not_finished_the_first_three_stages_gets_no_attestation(
    client, helper, attend
):
    attend(helper, "awareness")
    attend(helper, "training")
    client.force_login(helper)
    response = client.get(reverse("helpers:attestation"))
    assert response.status_code == 403
    assert not Attestation.objects.exists()
    assert (
        reverse("helpers:attestation")
        not in client.get(reverse("helpers:dashboard")).content.decode()
    )


def test_a_trained_helper_downloads_a_pdf_that_the_verification_page_confirms(
    client, helper, trained
):
    trained(helper)
    helper.first_name, helper.last_name = "Ada", "Lovelace"
    helper.save()
    client.force_login(helper)
    assert (
        reverse("helpers:attestation") in client.get(reverse("helpers:dashboard")).content.decode()
    )
    response = client.get(reverse("helpers:attestation"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    attestation = Attestation.objects.get(helper=helper)
    assert attestation.holder_name == "Ada Lovelace"
    assert set(attestation.stages) == {"awareness", "core", "specialisation"}
    # Downloading again gives the same attestation.
    client.get(reverse("helpers:attestation"))
    assert Attestation.objects.get().code == attestation.code

    client.logout()
    page = client.get(reverse("helpers:verify_attestation", args=[attestation.code]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ada Lovelace" in html
    assert 'class="verdict genuine"' in html


def test_the_pdf_carries_the_verification_address(helper, trained, settings):
    from training.services.attestation import attestation_pdf, verification_url

    trained(helper)
    attestation = issue_attestation(helper=helper)
    url = verification_url(attestation, "fr")
    assert url == f"{settings.SITE_URL}/fr/helper/verify/{attestation.code}/"
    assert attestation_pdf(attestation).startswith(b"%PDF")


def test_an_unknown_or_revoked_code_is_not_genuine(client, helper, trained):
    trained(helper)
    attestation = issue_attestation(helper=helper)
    response = client.get(reverse("helpers:verify_attestation", args=["NOTAREALCODE"]))
    assert response.status_code == 404
    assert 'class="verdict not-genuine"' in response.content.decode()
    attestation.revoked = True
    attestation.save()
    assert find_genuine(attestation.code) is None
    response = client.get(reverse("helpers:verify_attestation", args=[attestation.code]))
    assert response.status_code == 404


def test_a_typed_code_is_checked_without_regard_to_case_and_spaces(client, helper, trained):
    trained(helper)
    attestation = issue_attestation(helper=helper)
    typed = " ".join([attestation.code[:10].lower(), attestation.code[10:]])
    response = client.get(reverse("helpers:verify_attestation_form"), {"code": typed}, follow=True)
    assert 'class="verdict genuine"' in response.content.decode()
    assert client.get(reverse("helpers:verify_attestation_form")).status_code == 200


def test_codes_are_random_and_unique(trained):
    from tests.factories import make_helper

    codes = {issue_attestation(helper=trained(make_helper())).code for _ in range(5)}
    assert len(codes) == 5
    assert all(len(code) == 20 for code in codes)


def test_the_attestation_states_the_partner_the_sector_the_hours_and_the_dates(helper, attend):
    """Issue #13, point 4: what a funder or employer reads on the paper."""
    import datetime

    from django.utils import timezone, translation

    from helpers.models import HelperProfile
    from partners.models import Partner, Sector
    from tests.backoffice.test_attendance_sheet import document_text
    from training.services.attestation import attestation_document

    HelperProfile.objects.create(user=helper, sector=Sector.objects.get(code="health"))
    first = attend(helper, "awareness", days_ago=90)
    first.session.partner = Partner.objects.get(code="EMC")  # the partner who trained her
    first.session.save()
    attend(helper, "training", days_ago=60)
    attend(helper, "training", sector="health", days_ago=30)
    attend(helper, "webinar", days_ago=10)  # 4 sessions of 2 hours
    attestation = issue_attestation(helper=helper)
    assert attestation.partner.code == "EMC" and attestation.training_minutes == 8 * 60
    with translation.override("fr"):
        text = document_text(attestation_document(attestation))
    assert "Hélène Durand" in text and "@" not in text.replace("Cross§Le@rn", "")
    assert "Emmaüs Connect" in text and "Santé" in text and "8 heures" in text
    start = timezone.localdate() - datetime.timedelta(days=90)
    assert f"du {start.day} " in text


def test_a_helper_without_a_name_is_asked_for_it_before_the_attestation(client, helper, trained):
    trained(helper)
    helper.last_name = ""
    helper.save()
    client.force_login(helper)
    response = client.get(reverse("helpers:attestation"))
    assert response.status_code == 302 and response.url == reverse("helpers:profile")
    assert not Attestation.objects.exists()


def test_the_verification_page_shows_the_name_and_the_partner_never_the_e_mail(
    client, helper, trained
):
    trained(helper)
    attestation = issue_attestation(helper=helper)
    html = client.get(reverse("helpers:verify_attestation", args=[attestation.code])).content
    html = html.decode()
    assert "Hélène Durand" in html and "Partenaire de formation : WeTechCare" in html
    assert helper.email not in html


def test_no_attestation_certifies_a_stage_dated_after_the_day_of_issue(client, helper, attend):
    attend(helper, "awareness", days_ago=60)
    attend(helper, "training", days_ago=30)
    attend(helper, "training", sector="banking", days_ago=-3)  # imported ahead of time
    client.force_login(helper)
    assert client.get(reverse("helpers:attestation")).status_code == 403
    assert not Attestation.objects.exists()
