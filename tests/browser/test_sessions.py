"""Sessions in Chromium: accessibility of the list, a session and the booking page; booking and
cancelling with the keyboard-usable buttons, with and without JavaScript."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partners.models import Sector
from tests.factories import PASSWORD, TrainingSessionFactory, make_helper
from training.models import Participation
from training.services.booking import book_seat

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def log_in(page, live_url, user):
    page.goto(live_url("/fr/accounts/login/"))
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/fr/helper/")


@pytest.fixture
def sessions():
    health = Sector.objects.get(code="health")
    full = TrainingSessionFactory(title="Formation complète", capacity=1)
    book_seat(session=full, person=make_helper())
    return {
        "open": TrainingSessionFactory(title="Formation socle Lille", capacity=3),
        "full": full,
        "online": TrainingSessionFactory(
            title="Webinaire santé",
            kind="webinar",
            mode="online",
            sector=health,
            online_url="https://visio.example/room",
            place="",
            postal_code="",
        ),  # fmt: skip
    }


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_session_pages_have_no_accessibility_violation(
    page, live_url, assert_accessible, sessions, language
):
    helper = make_helper(language=language)
    log_in(page, live_url, helper)
    page.goto(live_url(f"/{language}/helper/sessions/"))
    assert page.locator(".session-card").count() == 3
    assert_accessible(page)
    page.goto(live_url(f"/{language}/helper/sessions/{sessions['open'].pk}/"))
    assert_accessible(page)
    page.goto(live_url(f"/{language}/helper/sessions/{sessions['full'].pk}/book/"))
    assert_accessible(page)


def test_the_dashboard_and_sign_up_pages_have_no_accessibility_violation(
    page, live_url, assert_accessible, learner, sessions
):
    from tests.factories import StructureFactory

    StructureFactory(name="Médiathèque de Roubaix", postal_code="59100", city="Roubaix")
    learner_page = page
    log_in_learner(learner_page, live_url, learner)
    page.goto(live_url("/fr/helper/join/?q=roubaix"))
    assert_accessible(page)
    page.click("text=Médiathèque de Roubaix")
    page.locator("#id_sector input").first.check()
    page.get_by_label("Prénom").fill("Karima")
    page.get_by_label("Nom", exact=True).fill("Benali")
    page.locator("#id_language input").first.check()
    page.get_by_role("button", name="Devenir aidant").click()
    page.wait_for_url("**/fr/helper/")
    assert page.locator(".path-panel").count() == 1
    assert_accessible(page)
    page.goto(live_url("/fr/structures/?q=59"))
    assert_accessible(page)


def log_in_learner(page, live_url, user):
    page.goto(live_url("/fr/accounts/login/"))
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/fr/learn/")


def test_a_helper_books_a_full_session_then_gets_the_seat_when_someone_cancels(
    browser, live_url, sessions
):
    full = sessions["full"]
    holder = Participation.objects.get(session=full).person
    waiting = make_helper()

    # The waiting helper, without JavaScript, joins the waiting list.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_url, waiting)
    page.goto(live_url(f"/fr/helper/sessions/{full.pk}/"))
    page.get_by_role("button", name="Rejoindre la liste d'attente").click()
    assert page.locator(".badge-status.wait").count() == 1
    assert Participation.objects.get(person=waiting).booking == "waitlisted"

    # The holder cancels, through the confirmation page.
    other = browser.new_context()
    holder_page = other.new_page()
    log_in(holder_page, live_url, holder)
    holder_page.goto(live_url(f"/fr/helper/sessions/{full.pk}/"))
    holder_page.get_by_role("link", name="Annuler ma réservation").click()
    holder_page.get_by_role("button", name="Oui, annuler").click()
    holder_page.wait_for_url(f"**/fr/helper/sessions/{full.pk}/")
    assert Participation.objects.get(person=holder).booking == "cancelled"

    page.reload()
    assert page.locator(".badge-status.ok").count() == 1
    assert Participation.objects.get(person=waiting).booking == "confirmed"
    context.close()
    other.close()


def test_operator_staff_take_attendance_on_a_tablet(browser, live_url, sessions, partner_a):
    from accounts.models import User
    from tests.browser.harness import log_in as staff_log_in
    from tests.factories import make_user
    from tests.personas import activate_totp

    session = sessions["open"]
    helper = make_helper(first_name="Zoé", last_name="Martin")
    participation = book_seat(session=session, person=helper)
    session.starts_at = timezone.now() - datetime.timedelta(minutes=5)  # now under way
    session.save(update_fields=["starts_at"])
    operator = activate_totp(make_user(User.Role.OPERATOR, partner=partner_a))
    context = browser.new_context(
        viewport={"width": 800, "height": 1280}, has_touch=True, bypass_csp=True
    )
    page = context.new_page()
    staff_log_in(page, live_url, operator)
    page.goto(live_url(f"/fr/helper/sessions/{session.pk}/attendance/"))
    target = page.locator(f"label[for=p{participation.pk}-present]")
    box = target.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    target.tap()
    page.get_by_role("button", name="Enregistrer les présences").click()
    participation.refresh_from_db()
    assert participation.attendance == "present"
    context.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_on_a_phone_a_helper_books_a_training_gets_the_e_mail_and_completes_the_core_stage(
    browser, live_url, partner_a, language
):
    """The helper journey end to end at 390 px: book a sector training, receive the
    confirmation with a calendar file and a sender that parses as one address, attend, and
    see the common core done on the dashboard."""
    import email
    import email.policy

    from django.core import mail
    from django.utils import translation
    from django.utils.formats import date_format
    from icalendar import Calendar

    from accounts.models import User
    from tests.browser.harness import log_in as staff_log_in
    from tests.factories import make_user
    from tests.personas import activate_totp
    from training.services.path import completed_stages

    session = TrainingSessionFactory(
        title="Formation socle santé", sector=Sector.objects.get(code="health"), partner=partner_a
    )
    helper = make_helper(language=language, first_name="Anke")
    with translation.override(language):
        book_label = translation.gettext("Book my seat")

    phone = browser.new_context(**PHONE)
    page = phone.new_page()
    staff_log_in(page, live_url, helper)
    page.goto(live_url(f"/{language}/helper/sessions/{session.pk}/"))
    page.get_by_role("button", name=book_label).tap()
    expect(page.locator(".badge-status.ok")).to_have_count(1)
    assert Participation.objects.get(person=helper).booking == "confirmed"

    (message,) = [m for m in mail.outbox if m.to == [helper.email]]
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    (sender,) = parsed["From"].addresses
    assert sender.display_name == "Cross§Le@rn" and "@" in sender.addr_spec
    attachments = parsed.iter_attachments()
    (calendar_part,) = [p for p in attachments if p.get_content_type() == "text/calendar"]
    (event,) = Calendar.from_ical(calendar_part.get_content()).walk("VEVENT")
    assert event.decoded("dtstart") == session.starts_at.replace(microsecond=0)
    assert f"/{language}/helper/sessions/{session.pk}/" in str(event["url"])

    # The day comes; the partner's staff take attendance on their phone.
    start = timezone.now() - datetime.timedelta(hours=4)
    type(session).objects.filter(pk=session.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    operator = activate_totp(make_user(User.Role.OPERATOR, partner=partner_a))
    staff = browser.new_context(**PHONE)
    staff_page = staff.new_page()
    staff_log_in(staff_page, live_url, operator)
    participation = Participation.objects.get(person=helper)
    staff_page.goto(live_url(f"/fr/helper/sessions/{session.pk}/attendance/"))
    staff_page.locator(f"label[for=p{participation.pk}-present]").tap()
    staff_page.get_by_role("button", name="Enregistrer les présences").tap()
    expect(staff_page.locator(".alert-success")).to_have_count(1)

    page.goto(live_url(f"/{language}/helper/"))
    core = page.locator(".path-step").nth(1)
    assert "done" in core.get_attribute("class")
    with translation.override(language):
        done_on = translation.gettext("done on %(day)s") % {
            "day": date_format(timezone.localtime(start), "j F Y")
        }
    assert done_on in core.inner_text()
    assert completed_stages(helper)["core"] == timezone.localdate(start)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()
    staff.close()
