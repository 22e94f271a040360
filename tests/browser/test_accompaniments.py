"""The 30-second accompaniment log on a phone, login cards, and axe on the new pages."""

import re

import pytest
from django.test import Client

from accounts.learners import create_learner
from accounts.models import LearnerProfile
from helpers.models import Accompaniment
from tests.factories import AccompanimentFactory, StructureFactory, make_helper

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def helper():
    return make_helper(structure=StructureFactory(), email="aidant@example.org")


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context
    context.close()


def logged_in_page(context, user, live_url):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_url("/")}]
    )
    return context.new_page()


class Counter:
    """Counts what the helper does: taps and typed fields."""

    def __init__(self, page):
        self.page, self.taps, self.typed = page, 0, 0

    def tap(self, locator):
        locator.tap()
        self.taps += 1

    def type(self, locator, text):
        locator.fill(text)
        self.typed += 1


def test_a_helper_logs_a_collective_workshop_in_a_few_taps_on_a_phone(phone, live_url, helper):
    colleague = make_helper(structure=helper.helper_profile.structure)
    AccompanimentFactory(helper=colleague, themes=["2.1"])  # offered first to newcomers
    page = logged_in_page(phone, helper, live_url)
    page.goto(live_url("/fr/helper/"))
    me = Counter(page)
    me.tap(page.get_by_role("link", name="Enregistrer un accompagnement").first)
    page.wait_for_url("**/helper/accompaniments/new/")
    me.tap(page.locator("label[for=id_kind_1]"))  # collective workshop
    me.type(page.get_by_label("Participants"), "8")
    me.tap(page.locator("label[for=id_duration_choice_3]"))  # 60 min
    me.tap(page.locator("label", has_text=re.compile(r"^2\.1 ")))
    me.tap(page.get_by_role("button", name="Enregistrer"))
    page.wait_for_url("**/helper/accompaniments/")
    item = Accompaniment.objects.get(helper=helper)
    assert (item.kind, item.participants, item.duration_minutes) == ("collective", 8, 60)
    assert [t.code for t in item.themes.all()] == ["2.1"]
    assert item.postal_code == helper.helper_profile.structure.postal_code
    # The 30-second path: five taps and one typed field, nothing else.
    assert (me.taps, me.typed) == (5, 1)
    # Nothing is wider than the phone (mobile emulation widens innerWidth to fit the content).
    width = PHONE["viewport"]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.goto(live_url("/fr/helper/accompaniments/new/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_same_as_last_time_takes_two_taps(phone, live_url, helper):
    AccompanimentFactory(
        helper=helper, kind="collective", participants=12, duration_minutes=90, themes=["4.2"]
    )
    page = logged_in_page(phone, helper, live_url)
    page.goto(live_url("/fr/helper/accompaniments/new/"))
    me = Counter(page)
    me.tap(page.get_by_role("link", name="Comme la dernière fois"))
    me.tap(page.get_by_role("button", name="Enregistrer"))
    page.wait_for_url("**/helper/accompaniments/")
    latest = Accompaniment.objects.order_by("-pk").first()
    assert Accompaniment.objects.count() == 2
    assert (latest.participants, latest.duration_minutes) == (12, 90)
    assert [t.code for t in latest.themes.all()] == ["4.2"]
    assert (me.taps, me.typed) == (2, 0)


def test_the_form_works_with_the_keyboard_and_without_javascript(browser, live_url, helper):
    context = browser.new_context(java_script_enabled=False)
    page = logged_in_page(context, helper, live_url)
    page.goto(live_url("/fr/helper/accompaniments/new/"))
    page.locator("#id_duration_choice_0").focus()
    page.keyboard.press("ArrowRight")  # 30 min
    page.locator("summary", has_text=re.compile(r"^1\. ")).press("Enter")  # unfold the area
    page.locator("label", has_text=re.compile(r"^1\.1 ")).click()
    page.locator("#id_themes_0").focus()
    page.get_by_role("button", name="Enregistrer").press("Enter")
    page.wait_for_url("**/helper/accompaniments/")
    assert Accompaniment.objects.get().duration_minutes == 30
    context.close()


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_a_repeat_accompaniment_is_saved_with_the_button_in_the_first_two_screens(
    browser, live_url, helper, language, settings
):
    """The whole form on a 390 px phone: the procedures helpers think in first, the skills
    folded by area, the usual values folded, and "Save" within two screens."""
    AccompanimentFactory(
        helper=helper, kind="collective", participants=12, duration_minutes=90, themes=["4.2"]
    )
    screen = {"width": 390, "height": 844}
    context = browser.new_context(viewport=screen, is_mobile=True, has_touch=True)
    page = logged_in_page(context, helper, live_url)
    page.goto(live_url(f"/{language}/helper/accompaniments/new/"))
    page.locator("a[href='?repeat=last']").tap()
    save = page.locator("button[type=submit].big-button")
    box = save.bounding_box()
    assert box["y"] + box["height"] <= 2 * screen["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= screen["width"]
    assert page.locator("details.skill-group[open]").count() == 0  # every area folded
    shots = settings.BASE_DIR / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / f"accompaniment-form-390-{language}.png", full_page=True)
    save.tap()
    page.wait_for_url("**/helper/accompaniments/")
    assert Accompaniment.objects.count() == 2
    context.close()


def test_after_an_error_the_keyboard_starts_at_the_error_summary(browser, live_url, helper):
    context = browser.new_context(java_script_enabled=False)
    page = logged_in_page(context, helper, live_url)
    page.goto(live_url("/fr/helper/accompaniments/new/"))
    page.get_by_role("button", name="Enregistrer").press("Enter")  # no skill ticked
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.keyboard.press("Tab")  # the first link of the summary leads to the field
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#field-themes"
    context.close()


def test_buttons_show_the_same_strong_focus_ring_as_inputs(browser, live_url, helper):
    page = logged_in_page(browser.new_context(), helper, live_url)
    page.goto(live_url("/fr/helper/accompaniments/new/"))
    page.locator("details.more-details > summary").focus()
    page.keyboard.press("Tab")  # to the "Save" button, by keyboard
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth,"
        " s.outlineColor]; })()"
    )
    assert ring == ["BUTTON", "solid", "3px", "rgb(255, 191, 71)"]


def test_the_form_and_its_errors_have_no_accessibility_violation(
    phone, live_url, helper, assert_accessible
):
    AccompanimentFactory(helper=helper, themes=["1.1"])
    page = logged_in_page(phone, helper, live_url)
    page.goto(live_url("/fr/helper/accompaniments/new/"))
    page.locator("details.more-details > summary").tap()
    assert page.locator(".warning-box").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").tap()  # no skill ticked
    page.wait_for_selector(".error-summary")
    assert page.locator(".error-summary a[href='#field-themes']").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_dashboard_and_lists_have_no_accessibility_violation(
    browser, live_url, helper, assert_accessible, language
):
    profile, _code = create_learner(helper=helper, first_name="Marie", language="fr", consent=True)
    AccompanimentFactory(helper=helper, learner=profile.user, themes=["1.1", "4.2"])
    context = browser.new_context(**PHONE)
    page = logged_in_page(context, helper, live_url)
    for path in [
        "/helper/",
        "/helper/accompaniments/",
        "/helper/learners/",
        f"/helper/learners/{profile.pk}/",
        "/helper/learners/new/",
        "/me/data/",
    ]:
        page.goto(live_url(f"/{language}{path}"))
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    context.close()


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_login_card_fits_a_phone_and_says_who_to_call(
    browser, live_url, helper, assert_accessible, language, settings
):
    structure = helper.helper_profile.structure
    structure.name, structure.contact_phone = "Centre social Lazare-Garreau", "03 20 00 00 00"
    structure.save()
    helper.first_name = "Nadia"
    helper.save()
    screen = {"width": 390, "height": 844}
    context = browser.new_context(viewport=screen, is_mobile=True, has_touch=True)
    page = logged_in_page(context, helper, live_url)
    page.goto(live_url(f"/{language}/helper/learners/new/"))
    page.locator("#id_first_name").fill("Fatima")
    page.locator("#id_consent").check()
    page.locator("form button[type=submit]").last.tap()
    page.wait_for_url("**/card/")
    card = page.locator(".login-card")
    assert card.locator(".card-steps > li").count() == 3
    assert card.locator(".card-steps .pictogram").count() == 3
    assert "Nadia, Centre social Lazare-Garreau" in card.inner_text()
    assert "03 20 00 00 00" in card.inner_text()
    qr = card.locator(".card-qr svg").bounding_box()
    assert qr["x"] >= 0 and qr["x"] + qr["width"] <= screen["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= screen["width"]
    assert_accessible(page)
    shots = settings.BASE_DIR / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / f"login-card-390-{language}.png", full_page=True)
    context.close()


def test_the_login_card_flow(browser, live_url, helper, assert_accessible):
    context = browser.new_context(**PHONE)
    page = logged_in_page(context, helper, live_url)
    page.goto(live_url("/fr/helper/learners/new/"))
    page.get_by_label("Prénom ou pseudonyme").fill("Fatima")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Créer et imprimer la carte").tap()
    page.wait_for_url("**/card/")
    assert_accessible(page)
    username = LearnerProfile.objects.get().card_username
    card = page.locator(".login-card")
    code = re.search(r"\b(\d{8})\b", card.inner_text()).group(1)
    assert card.locator(".card-qr svg").count() == 1
    login_url = page.locator(".card-url").inner_text()
    context.close()

    # The learner scans the QR code: the page opens with the username filled in.
    learner_context = browser.new_context(**PHONE)
    page = learner_context.new_page()
    page.goto(login_url)
    assert page.get_by_label("Identifiant sur votre carte").input_value() == username
    assert_accessible(page)
    page.locator("#id_code").fill(code)
    page.get_by_role("button", name="Se connecter").tap()
    page.wait_for_url("**/fr/learn/")
    learner_context.close()


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_register_of_people_helped_is_accessible_and_adds_a_person_on_a_phone(
    phone, live_url, helper, assert_accessible, language
):
    from helpers.models import Beneficiary
    from helpers.services.register import add_person

    structure = helper.helper_profile.structure
    for _ in range(2):  # a likely duplicate to propose
        add_person(structure=structure, by=helper, first_name="Ana", last_initial="M")
    page = logged_in_page(phone, helper, live_url)
    page.goto(live_url(f"/{language}/helper/people/"))
    assert_accessible(page)
    page.locator("#id_first_name").fill("Karima")
    page.locator("#id_age_bracket").select_option("40_59")
    with page.expect_navigation():
        page.locator("form:has(#id_first_name) button[type=submit]").tap()
    assert Beneficiary.objects.filter(structure=structure, first_name="Karima").exists()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_without_javascript_a_helper_chooses_the_commune_of_a_shared_postal_code(
    browser, live_url, settings
):
    helper = make_helper(structure=StructureFactory(postal_code="62000", city="Arras"))
    AccompanimentFactory(helper=helper, themes=["1.1"])
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = logged_in_page(context, helper, live_url)
    page.set_default_timeout(10_000)
    page.goto(live_url("/fr/helper/accompaniments/new/"))
    page.get_by_label("Naviguer, rechercher et filtrer", exact=False).first.check()
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_selector(".error-summary a[href='#field-commune_code']")
    assert page.locator("details.more-details[open]").count() == 1
    shots = settings.BASE_DIR / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / "accompaniment-commune-390-fr.png", full_page=True)
    page.get_by_label("Commune").select_option(label="Dainville")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/helper/accompaniments/")
    assert Accompaniment.objects.filter(helper=helper, commune_code="62263").exists()
    context.close()
