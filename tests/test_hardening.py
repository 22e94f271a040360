"""The small holes found on the way (issue #12, point 9)."""

import pytest
from django.urls import reverse

from accounts.learners import create_learner
from partners.imports import run_import
from tests.factories import StructureFactory, make_helper

pytestmark = pytest.mark.django_db


def test_a_typed_attestation_code_with_signs_answers_404_not_500(client):
    response = client.get(reverse("helpers:verify_attestation_form"), {"code": "a/b"})
    assert response.status_code == 302
    assert response.url == reverse("helpers:verify_attestation", args=["AB"])
    assert client.get(response.url).status_code == 404
    only_signs = client.get(reverse("helpers:verify_attestation_form"), {"code": "/-/"})
    assert only_signs.status_code == 404


def test_pages_with_personal_data_are_never_stored_in_a_cache(client):
    helper = make_helper(structure=StructureFactory())
    profile, _code = create_learner(helper=helper, first_name="Lina", language="fr", consent=True)
    client.force_login(helper)
    for url in [
        reverse("helpers:learner_card", args=[profile.pk]),
        reverse("helpers:export_csv"),
        reverse("helpers:export_xlsx"),
        reverse("accounts:download_my_data"),
    ]:
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_every_page_denies_the_camera_microphone_and_location(client):
    policy = client.get(reverse("home"))["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"]:
        assert feature in policy


@pytest.mark.parametrize("address", ["lina@exаmple.org", "lina@xn--exmple-4nf.org"])
def test_look_alike_domains_are_refused_at_sign_up(client, address):
    data = {
        "email": address,
        "password1": "Un-mot-de-passe-2026",
        "password2": "Un-mot-de-passe-2026",
    }
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert "alphabets" in str(response.context["form"].errors["email"])


def test_a_domain_written_in_one_alphabet_is_welcome(client):
    data = {
        "email": "anna@münchen.de",
        "password1": "Un-mot-de-passe-2026",
        "password2": "Un-mot-de-passe-2026",
    }
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 302


def test_look_alike_domains_are_refused_in_imports():
    from django.utils import translation

    StructureFactory(ref="WTC-0001")
    header = "session_ref,session_kind,session_title,session_date,partner,email,first_name,"
    header += "last_name,structure_ref,sector,status"
    row = "S-1,training,Formation,2021-05-10,WTC,ana@exаmple.org,Ana,,WTC-0001,,present"
    with translation.override("en"):
        report = run_import("participations", f"{header}\n{row}".encode(), "p.csv")
    assert [str(p).split(":")[0] for p in report.problems] == ["row 2, column email"]
