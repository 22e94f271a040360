import pytest
from django.test import Client

from helpers.models import Accompaniment
from tests.backoffice.conftest import DATA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def operator_page(page, live_url, operator_a, with_totp, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(with_totp(operator_a))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_url("/")}]
    )
    return page


def test_an_operator_checks_then_imports_a_spreadsheet_with_the_keyboard(
    operator_page, live_url, assert_accessible, aidant
):
    page = operator_page
    page.goto(live_url("/fr/admin/partners/importjob/add/"))
    assert_accessible(page)
    page.get_by_label("Accompagnements").check()
    page.get_by_label("Tableur").set_input_files(str(DATA / "accompaniments_several_mistakes.csv"))
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.wait_for_url("**/change/")
    assert "3 problèmes : rien n’a été importé" in page.content()
    assert_accessible(page)

    page.goto(live_url("/fr/admin/partners/importjob/add/"))
    page.get_by_label("Accompagnements").check()
    page.get_by_label("Tableur").set_input_files(str(DATA / "accompaniments_valid.csv"))
    page.get_by_label("Tableur").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/change/")
    assert_accessible(page)
    page.get_by_role("button", name="Importer maintenant").click()
    page.wait_for_url("**/change/")
    assert "Importé" in page.content()
    assert Accompaniment.objects.count() == 2
