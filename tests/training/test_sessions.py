import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from helpers.models import HelperProfile
from partners.models import Sector
from tests.factories import TrainingSessionFactory, make_helper
from training.services.booking import book_seat

pytestmark = pytest.mark.django_db

LIST = reverse("helpers:session_list")


def titles(response):
    return [s.title for s in response.context["page"].object_list]


@pytest.fixture
def helper_client(client):
    user = make_helper()
    client.force_login(user)
    client.user = user
    return client


def test_the_list_shows_upcoming_planned_sessions_only(helper_client):
    TrainingSessionFactory(title="Soon")
    TrainingSessionFactory(title="Past", starts_at=timezone.now() - datetime.timedelta(days=2))
    TrainingSessionFactory(title="Cancelled", status="cancelled")
    assert titles(helper_client.get(LIST)) == ["Soon"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "webinar"}, ["Webinar NL"]),
        ({"language": "nl"}, ["Webinar NL"]),
        ({"place": "62"}, ["Arras banking"]),
        ({"place": "59000"}, ["Lille core"]),
        ({"sector": "banking"}, ["Arras banking"]),
        ({"partner": "D09"}, ["Webinar NL"]),
        ({"kind": "training", "place": "59"}, ["Lille core"]),
    ],
)
def test_the_list_filters_by_partner_kind_language_sector_and_place(helper_client, query, expected):
    from partners.models import Partner

    d09 = Partner.objects.get(code="D09")
    TrainingSessionFactory(title="Lille core", postal_code="59000")
    TrainingSessionFactory(
        title="Arras banking", postal_code="62000", sector=Sector.objects.get(code="banking")
    )
    TrainingSessionFactory(
        title="Webinar NL", kind="webinar", language="nl", partner=d09, mode="online",
        postal_code="",
    )  # fmt: skip
    if "sector" in query:
        query = {**query, "sector": Sector.objects.get(code=query["sector"]).pk}
    if "partner" in query:
        query = {**query, "partner": Partner.objects.get(code=query["partner"]).pk}
    assert titles(helper_client.get(LIST, query)) == expected


def test_the_list_is_paginated(helper_client):
    start = timezone.now() + datetime.timedelta(days=1)
    for day in range(25):
        TrainingSessionFactory(starts_at=start + datetime.timedelta(days=day))
    first = helper_client.get(LIST, {"kind": "training"})
    second = helper_client.get(LIST, {"kind": "training", "page": 2})
    assert len(titles(first)) == 20
    assert len(titles(second)) == 5
    assert "kind=training&amp;page=2" in first.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_the_list_takes_a_constant_number_of_queries(
    helper_client, django_assert_num_queries, size
):
    for _ in range(size):
        session = TrainingSessionFactory(sector=Sector.objects.get(code="health"))
        book_seat(session=session, person=make_helper())
    book_seat(session=session, person=helper_client.user)
    helper_client.get(LIST)  # a session's first page of the day also records a platform session
    # the filter's partner and sector choices, count, and one query for the page of sessions
    # with their seats and the helper's own booking (session, user and permissions: cache)
    with django_assert_num_queries(4):
        response = helper_client.get(LIST)
    assert response.status_code == 200


def test_the_online_link_is_shown_only_to_registered_helpers(helper_client):
    session = TrainingSessionFactory(mode="online", online_url="https://visio.example/room-42")
    url = reverse("helpers:session_detail", args=[session.pk])
    assert "visio.example" not in helper_client.get(url).content.decode()
    ics = Calendar.from_ical(
        helper_client.get(reverse("helpers:session_calendar", args=[session.pk])).content
    )
    assert "visio.example" not in ics.to_ical().decode()
    book_seat(session=session, person=helper_client.user)
    assert "https://visio.example/room-42" in helper_client.get(url).content.decode()


def test_a_waitlisted_helper_does_not_see_the_online_link(helper_client):
    session = TrainingSessionFactory(
        mode="online", online_url="https://visio.example/x", capacity=1
    )
    book_seat(session=session, person=make_helper())
    book_seat(session=session, person=helper_client.user)
    page = helper_client.get(reverse("helpers:session_detail", args=[session.pk]))
    assert "visio.example" not in page.content.decode()


def test_each_session_has_an_icalendar_file(helper_client):
    session = TrainingSessionFactory(title="Formation socle Lille")
    response = helper_client.get(reverse("helpers:session_calendar", args=[session.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Formation socle Lille"]
    assert events[0].decoded("dtstart") == session.starts_at.replace(microsecond=0)


def test_the_personal_feed_lists_confirmed_bookings_behind_a_secret_address(client):
    helper = make_helper()
    mine = TrainingSessionFactory(title="Mine", mode="online", online_url="https://v.example/a")
    TrainingSessionFactory(title="Not mine")
    book_seat(session=mine, person=helper)
    client.force_login(helper)
    client.get(reverse("helpers:dashboard"))
    token = HelperProfile.objects.get(user=helper).calendar_token
    assert token and len(token) >= 40
    client.logout()
    response = client.get(reverse("helpers:calendar_feed", args=[token]))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Mine"]
    assert "https://v.example/a" in response.content.decode()
    assert client.get(reverse("helpers:calendar_feed", args=["wrong"])).status_code == 404


@pytest.mark.parametrize("persona", ["learner", "operator_a"])
def test_people_who_are_not_helpers_cannot_see_the_sessions(client, request, persona):
    session = TrainingSessionFactory()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("helpers:session_detail", args=[session.pk])).status_code == 403


def test_a_session_speaks_the_reader_s_language_where_the_operator_gave_one(client):
    """The title and room are in the session's language; translations show to other readers."""
    session = TrainingSessionFactory(
        title="Formation socle", place="Salle 2", title_nl="Basisopleiding", place_en="Room 2"
    )
    client.force_login(make_helper())
    pages = {}
    for language in ("fr", "nl", "en"):
        with translation.override(language):
            pages[language] = client.get(reverse("helpers:session_detail", args=[session.pk]))
    assert "<h1>Formation socle</h1>" in pages["fr"].content.decode()
    assert "<h1>Basisopleiding</h1>" in pages["nl"].content.decode()
    assert "<h1>Formation socle</h1>" in pages["en"].content.decode()  # no English title given
    assert "Salle 2" in pages["nl"].content.decode()
    assert "Room 2" in pages["en"].content.decode()
    assert session.in_language("title", "nl") == "Basisopleiding"


def test_the_booking_e_mail_and_calendar_carry_the_title_in_the_helper_s_language(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    session = TrainingSessionFactory(title="Formation socle", title_nl="Basisopleiding")
    helper = make_helper(language="nl")
    client.force_login(helper)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("helpers:book", args=[session.pk]))
    (message,) = mail.outbox
    assert "Basisopleiding" in message.subject and "Formation socle" not in message.body
    (event,) = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(event["summary"]) == "Basisopleiding"
