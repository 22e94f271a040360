import datetime
import json

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail
from django.db.models import Count, Q, Sum
from django.urls import reverse

from accounts.learners import create_learner
from accounts.models import LearnerProfile, SentNotice, User
from accounts.privacy import erase_user
from accounts.tasks import purge_inactive_learners
from helpers.models import Accompaniment
from helpers.tasks import send_weekly_digests
from reporting.models import Semester
from tests.factories import (
    AccompanimentFactory,
    ParticipationFactory,
    StructureFactory,
    TrainingSessionFactory,
    make_helper,
)
from training.models import Participation

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


@pytest.fixture
def structure():
    return StructureFactory()


@pytest.fixture
def helper(structure):
    return make_helper(structure=structure, email="aidant@example.org")


@pytest.fixture
def card_learner(helper):
    profile, _code = create_learner(helper=helper, first_name="Marie", language="fr", consent=True)
    return profile


def semester_totals():
    """The figures of the semester report for S2 2021: accompaniments and trainings."""
    s2 = Semester.objects.get(programme__slug="crosslearn", number=2)
    accompaniments = Accompaniment.objects.filter(date__range=(s2.start, s2.end)).aggregate(
        people=Sum("participants"), records=Count("pk"), themes=Count("themes")
    )
    present = Participation.objects.filter(
        attendance="present", session__starts_at__date__range=(s2.start, s2.end)
    ).aggregate(
        n=Count("pk"), trainings=Count("session", distinct=True, filter=Q(session__kind="training"))
    )
    return accompaniments, present


@pytest.fixture
def semester_activity(helper, card_learner):
    AccompanimentFactory(
        helper=helper, learner=card_learner.user, date=datetime.date(2021, 2, 1), notes="lives at…"
    )
    AccompanimentFactory(
        helper=helper, kind="collective", participants=9, date=datetime.date(2021, 3, 1)
    )
    AccompanimentFactory(date=datetime.date(2021, 4, 1))
    session = TrainingSessionFactory(starts_at=at(2021, 5, 3), ends_at=at(2021, 5, 3, 13))
    ParticipationFactory(session=session, person=helper, attendance="present")
    ParticipationFactory(session=session, attendance="present")


def test_erasing_a_learner_keeps_the_semester_totals(
    client, helper, card_learner, semester_activity
):
    before = semester_totals()
    client.force_login(helper)
    response = client.post(reverse("helpers:learner_erase", args=[card_learner.pk]))
    assert response.url == reverse("helpers:learners")
    assert not User.objects.filter(pk=card_learner.user_id).exists()
    assert not LearnerProfile.objects.exists()
    assert semester_totals() == before
    assert before[0]["people"] == 11
    kept = Accompaniment.objects.get(date=datetime.date(2021, 2, 1))
    assert kept.learner is None and kept.notes == ""
    assert not Accompaniment.history.filter(learner_id=card_learner.user_id).exists()


def test_erasing_a_helper_keeps_the_semester_totals(client, helper, semester_activity):
    before = semester_totals()
    client.force_login(helper)
    response = client.post(reverse("accounts:my_data"), {"confirm": "on"})
    assert response.url == reverse("home")
    assert not User.objects.filter(pk=helper.pk).exists()
    assert semester_totals() == before
    assert Accompaniment.objects.filter(helper__isnull=True).count() == 2
    assert Participation.objects.filter(person__isnull=True, attendance="present").count() == 1
    assert not Accompaniment.history.filter(helper_id=helper.pk).exists()
    assert "_auth_user_id" not in client.session


def test_erasure_asks_for_confirmation(client, helper):
    client.force_login(helper)
    response = client.post(reverse("accounts:my_data"), {})
    assert response.status_code == 400
    assert User.objects.filter(pk=helper.pk).exists()


def test_a_learner_downloads_their_data_as_json(client, helper, card_learner):
    AccompanimentFactory(helper=helper, learner=card_learner.user, themes=["4.2"], notes="ok")
    client.force_login(card_learner.user)
    response = client.get(reverse("accounts:download_my_data"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["first_name"] == "Marie"
    assert data["account"]["email"] is None
    assert data["learner_profile"]["card_username"] == card_learner.card_username
    assert data["learner_profile"]["consent_given_at"]
    assert data["accompaniments_received"][0]["themes"] == ["4.2"]
    assert data["helper_profile"] is None


def test_a_helper_downloads_their_data_without_other_peoples_details(client, helper, card_learner):
    AccompanimentFactory(helper=helper, learner=card_learner.user, notes="about Marie")
    ParticipationFactory(person=helper, attendance="present")
    client.force_login(helper)
    data = json.loads(client.get(reverse("accounts:download_my_data")).content)
    assert data["account"]["email"] == "aidant@example.org"
    assert data["helper_profile"]["structure"] == helper.helper_profile.structure.name
    assert len(data["accompaniments_given"]) == 1
    assert "about Marie" not in json.dumps(data)
    assert "Marie" not in json.dumps(data["accompaniments_given"])
    assert data["participations"][0]["attendance"] == "present"


def test_the_data_page_needs_a_login(client):
    assert client.get(reverse("accounts:download_my_data")).status_code == 302


def test_inactive_learners_are_purged_and_their_helper_told_once(
    helper, card_learner, settings, django_capture_on_commit_callbacks
):
    settings.LEARNER_RETENTION_DAYS = 365
    with time_machine.travel(at(2025, 1, 10)):
        active, _code = create_learner(
            helper=helper, first_name="Paul", language="fr", consent=True
        )
    LearnerProfile.objects.filter(pk=card_learner.pk).update(created_at=at(2024, 1, 1))
    LearnerProfile.objects.filter(pk=active.pk).update(
        created_at=at(2024, 1, 1), last_activity=at(2025, 12, 1)
    )
    AccompanimentFactory(helper=helper, learner=card_learner.user, date=datetime.date(2024, 1, 5))
    with time_machine.travel(at(2026, 1, 2)), django_capture_on_commit_callbacks(execute=True):
        assert purge_inactive_learners.delay().get() == 1
        assert purge_inactive_learners.delay().get() == 0
    assert list(LearnerProfile.objects.all()) == [active]
    assert Accompaniment.objects.get().learner is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["aidant@example.org"]
    assert card_learner.card_username in mail.outbox[0].body
    assert SentNotice.objects.filter(kind="learner_purged", recipient=helper).count() == 1


def test_a_learner_who_logged_in_recently_is_kept(helper, card_learner, settings):
    settings.LEARNER_RETENTION_DAYS = 30
    LearnerProfile.objects.filter(pk=card_learner.pk).update(created_at=at(2024, 1, 1))
    User.objects.filter(pk=card_learner.user_id).update(last_login=at(2025, 12, 20))
    with time_machine.travel(at(2026, 1, 2)):
        assert purge_inactive_learners.delay().get() == 0


def test_the_weekly_digest_goes_once_per_week_and_person(
    helper, card_learner, django_capture_on_commit_callbacks
):
    LearnerProfile.objects.filter(pk=card_learner.pk).update(
        created_at=at(2026, 10, 1), last_activity=at(2026, 11, 1)
    )
    busy = make_helper(structure=StructureFactory(), email="busy@example.org")
    AccompanimentFactory(helper=busy, date=datetime.date(2026, 11, 23))
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(at(2026, 11, 23, 7)):  # Monday
            assert send_weekly_digests.delay().get() == 1
        with time_machine.travel(at(2026, 11, 26, 7)):  # same ISO week, run again
            assert send_weekly_digests.delay().get() == 0
        with time_machine.travel(at(2026, 11, 30, 7)):  # next week
            assert send_weekly_digests.delay().get() == 2  # busy logged nothing this week
    assert [m.to for m in mail.outbox] == [
        ["aidant@example.org"],
        ["aidant@example.org"],
        ["busy@example.org"],
    ]
    first = mail.outbox[0]
    assert "Marie" in first.body
    assert "/helper/accompaniments/new/" in first.body
    assert set(SentNotice.objects.filter(kind="weekly_digest").values_list("key", flat=True)) == {
        "2026-W48",
        "2026-W49",
    }


def test_a_helper_with_nothing_to_report_gets_no_digest(helper, django_capture_on_commit_callbacks):
    AccompanimentFactory(helper=helper, date=datetime.date(2026, 11, 24))
    with time_machine.travel(at(2026, 11, 25)), django_capture_on_commit_callbacks(execute=True):
        assert send_weekly_digests.delay().get() == 0
    assert mail.outbox == []


def test_the_tasks_are_scheduled():
    tasks = {entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"accounts.tasks.purge_inactive_learners", "helpers.tasks.send_weekly_digests"} <= tasks


def test_erasing_a_user_directly_removes_their_notices(helper):
    SentNotice.objects.create(kind="x", recipient=helper, key="1")
    erase_user(user=helper)
    assert not SentNotice.objects.exists()


def test_staff_cannot_erase_themselves_from_the_data_page(client, operator_a):
    client.force_login(operator_a)
    assert client.get(reverse("accounts:my_data")).context["can_erase"] is False
    assert client.post(reverse("accounts:my_data"), {"confirm": "on"}).status_code == 403
    assert User.objects.filter(pk=operator_a.pk).exists()
