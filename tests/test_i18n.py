import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


def test_the_root_redirects_to_french_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/fr/"


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fr", "Apprendre le numérique, pas à pas"),
        ("nl", "Stap voor stap digitale vaardigheden leren"),
        ("en", "Learn digital skills, step by step"),
    ],
)
def test_the_home_page_speaks_each_language(client, language, heading):
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert heading in html


def test_the_language_switch_links_to_the_same_page_in_each_language(client):
    page = client.get("/fr/accounts/login/", headers={"accept-language": "en"}).content.decode()
    assert 'href="/nl/accounts/login/" lang="nl"' in page
    assert 'href="/en/accounts/login/" lang="en"' in page
    assert 'href="/fr/accounts/login/" lang="fr"' in page
    assert 'aria-current="page">Français' in page


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_message_is_translated(language):
    po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    stats = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ translated messages?\.", stats), stats


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/fr/", "/nl/learn/courses/?level=1", "/en/accounts/login/?next=/en/learn/"]
)
def test_the_language_switcher_leads_to_the_same_page_in_each_language(client, path):
    from django.urls import resolve, translate_url
    from django.utils import translation

    links = client.get(path).context["language_links"]
    assert [link["code"] for link in links] == ["fr", "nl", "en"]
    with translation.override(path[1:3]):
        view = resolve(path.split("?")[0]).url_name
        for link in links:
            assert link["next"] == translate_url(path, link["code"])
    for link in links:
        with translation.override(link["code"]):
            assert resolve(link["next"].split("?")[0]).url_name == view


def test_every_field_of_our_models_has_a_translated_name():
    """Admin column titles and form labels come from these: an untranslated one shows as
    "PERSON" or "MARKED BY" in the French admin."""
    from django.apps import apps
    from django.utils.functional import Promise

    ours = {"accounts", "partners", "courses", "training", "helpers", "reporting"}
    untranslated = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in ours and not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if field.concrete
        and not field.auto_created
        and not getattr(field, "translated_field", None)  # modeltranslation's title_fr…
        and not isinstance(field.verbose_name, Promise)
    ]
    assert untranslated == []


@pytest.mark.parametrize(
    "language, long, short",
    [
        ("en", "2 December 2026", "02/12/2026"),
        ("fr", "2 décembre 2026", "02/12/2026"),
        ("nl", "2 december 2026", "2-12-2026"),
    ],
)
def test_dates_read_as_in_europe(language, long, short):
    import datetime

    from django.utils import translation
    from django.utils.formats import date_format

    day = datetime.date(2026, 12, 2)
    with translation.override(language):
        assert date_format(day) == long
        assert date_format(day, "SHORT_DATE_FORMAT") == short


def test_dutch_has_one_word_for_continuing_training():
    import polib

    catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    for entry in catalogue.translated_entries():
        if "continuing training" in entry.msgid.lower():
            assert "bijscholing" in entry.msgstr.lower(), entry.msgid


@pytest.mark.parametrize(
    "language, name",
    [
        ("fr", "District09 (anciennement Digipolis Gand)"),
        ("nl", "District09 (voorheen Digipolis Gent)"),
        ("en", "District09 (formerly Digipolis Gent)"),
    ],
)
def test_partner_names_carry_their_note_in_the_reader_s_language(client, language, name):
    page = client.get(f"/{language}/").content.decode()
    assert name in page
    if language != "en":
        assert "formerly" not in page and "with Technofutur" not in page
