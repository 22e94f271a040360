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
