import datetime
import re
import time

import pytest
import time_machine
from django.urls import reverse

from accounts.learners import create_learner
from accounts.models import LearnerProfile, User
from helpers.services.learners import learner_course_progress
from helpers.services.register import register_of
from partners.models import Partner
from tests.factories import (
    AccompanimentFactory,
    StructureFactory,
    make_helper,
    make_pending_helper,
    make_user,
)
from tests.personas import activate_totp

pytestmark = pytest.mark.django_db

CARD_LOGIN = reverse("accounts:card_login")


@pytest.fixture
def structure():
    return StructureFactory()


@pytest.fixture
def helper(structure):
    return make_helper(structure=structure, email="aidant@example.org")


@pytest.fixture
def card_learner(helper):
    profile, code = create_learner(
        helper=helper, first_name="Marie", language="fr", age_bracket="60_74", consent=True
    )
    profile.code = code
    return profile


def test_a_helper_creates_a_learner_with_consent_and_sees_the_card_once(client, helper, structure):
    client.force_login(helper)
    response = client.post(
        reverse("helpers:learner_create"),
        {"first_name": "Jean-Luc", "language": "nl", "age_bracket": "", "consent": "on"},
    )
    profile = LearnerProfile.objects.get()
    assert response.url == reverse("helpers:learner_card", args=[profile.pk])
    assert profile.user.email is None
    assert profile.user.language == "nl"
    assert profile.user.has_perm("accounts.use_learner_space")
    assert profile.structure == structure
    assert (profile.created_by, profile.consent_recorded_by) == (helper, helper)
    assert profile.consent_given_at is not None
    assert re.fullmatch(r"jean-luc-\d{4}", profile.card_username)

    card = client.get(response.url).content.decode()
    code = re.search(r'<strong class="card-value">(\d{8})</strong>', card).group(1)
    assert profile.user.check_password(code)
    assert profile.card_username in card
    assert "<svg" in card and f"username={profile.card_username}" in card
    # Shown once: the code is not kept anywhere in clear.
    assert code not in client.get(response.url).content.decode()


def test_a_learner_is_not_created_without_consent(client, helper):
    client.force_login(helper)
    response = client.post(
        reverse("helpers:learner_create"), {"first_name": "Ali", "language": "fr"}
    )
    assert response.status_code == 400
    assert 'href="#field-consent"' in response.content.decode()
    assert not LearnerProfile.objects.exists()


def test_the_learner_logs_in_with_the_card(client, card_learner):
    page = client.get(CARD_LOGIN, {"username": card_learner.card_username})
    assert page.context["form"].initial["username"] == card_learner.card_username
    response = client.post(
        CARD_LOGIN, {"username": card_learner.card_username.upper(), "code": card_learner.code}
    )
    assert response.url == reverse("accounts:space")
    assert client.get(response.url).url == reverse("courses:my_learning")
    card_learner.refresh_from_db()
    assert card_learner.last_activity is not None


def test_a_wrong_code_is_refused(client, card_learner):
    response = client.post(CARD_LOGIN, {"username": card_learner.card_username, "code": "000000x"})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_card_login_is_rate_limited_per_username(client, card_learner, settings):
    window = settings.CARD_LOGIN_WINDOW_SECONDS = 3  # real seconds: fixed windows
    time.sleep(window - time.time() % window)  # start with a fresh window: none ends midway
    for _ in range(settings.CARD_LOGIN_FAILURES_PER_USERNAME):
        client.post(CARD_LOGIN, {"username": card_learner.card_username, "code": "bad"})
    response = client.post(
        CARD_LOGIN, {"username": card_learner.card_username, "code": card_learner.code}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The window passes: the right code works again.
    time.sleep(window - time.time() % window + 0.1)
    response = client.post(
        CARD_LOGIN, {"username": card_learner.card_username, "code": card_learner.code}
    )
    assert response.status_code == 302


def test_card_login_is_rate_limited_per_address(client, settings):
    for number in range(settings.CARD_LOGIN_FAILURES_PER_IP):
        client.post(CARD_LOGIN, {"username": f"nobody-{number}", "code": "bad"})
    response = client.post(CARD_LOGIN, {"username": "someone-else", "code": "bad"})
    assert response.status_code == 429


def test_resetting_the_code_invalidates_the_old_card(client, helper, card_learner):
    client.force_login(helper)
    response = client.post(reverse("helpers:learner_reset_code", args=[card_learner.pk]))
    card = client.get(response.url).content.decode()
    new_code = re.search(r'<strong class="card-value">(\d{8})</strong>', card).group(1)
    card_learner.user.refresh_from_db()
    assert card_learner.user.check_password(new_code)
    assert not card_learner.user.check_password(card_learner.code) or new_code == card_learner.code


def test_reset_code_needs_post(client, helper, card_learner):
    client.force_login(helper)
    assert (
        client.get(reverse("helpers:learner_reset_code", args=[card_learner.pk])).status_code == 405
    )


# The permission matrix of a learner's pages: structure helpers and partner staff only.
PAGES = ["helpers:learner", "helpers:learner_card", "helpers:learner_erase"]


@pytest.mark.parametrize("url_name", PAGES)
@pytest.mark.parametrize(
    "viewer, status",
    [
        ("same_structure_helper", 200),
        ("creator", 200),
        ("other_structure_helper", 404),
        ("pending_helper_of_the_structure", 404),
        ("other_partner_helper", 404),
        ("operator_same_partner", 200),
        ("operator_other_partner", 404),
        ("coordinator", 404),
        ("another_learner", 404),
        ("the_learner", 404),
    ],
)
def test_the_learner_pages_permission_matrix(
    client, card_learner, structure, url_name, viewer, status
):
    people = {
        "creator": lambda: card_learner.created_by,
        "same_structure_helper": lambda: make_helper(structure=structure),
        "other_structure_helper": lambda: make_helper(structure=StructureFactory()),
        "other_partner_helper": lambda: make_helper(
            structure=StructureFactory(partner=Partner.objects.get(code="D09"))
        ),
        "pending_helper_of_the_structure": lambda: make_pending_helper(structure=structure),
        "operator_same_partner": lambda: activate_totp(
            make_user(User.Role.OPERATOR, partner=structure.partner)
        ),
        "operator_other_partner": lambda: activate_totp(
            make_user(User.Role.OPERATOR, partner=Partner.objects.get(code="EMC"))
        ),
        "coordinator": lambda: activate_totp(make_user(User.Role.COORDINATOR)),
        "another_learner": lambda: make_user(User.Role.LEARNER),
        "the_learner": lambda: card_learner.user,
    }
    client.force_login(people[viewer]())
    assert client.get(reverse(url_name, args=[card_learner.pk])).status_code == status


def test_anonymous_visitors_are_sent_to_the_login(client, card_learner):
    response = client.get(reverse("helpers:learner", args=[card_learner.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_helper_of_another_structure_cannot_reset_or_erase(client, card_learner):
    client.force_login(make_helper(structure=StructureFactory()))
    assert (
        client.post(reverse("helpers:learner_reset_code", args=[card_learner.pk])).status_code
        == 404
    )
    assert client.post(reverse("helpers:learner_erase", args=[card_learner.pk])).status_code == 404
    card_learner.user.refresh_from_db()
    assert card_learner.user.check_password(card_learner.code)


def test_the_learners_list_shows_only_my_structure(client, helper, card_learner):
    create_learner(
        helper=make_helper(structure=StructureFactory()),
        first_name="Autre",
        language="fr",
        consent=True,
    )
    client.force_login(helper)
    learners = list(client.get(reverse("helpers:learners")).context["learners"])
    assert learners == [card_learner]


@pytest.mark.parametrize("size", [2, 12])
def test_the_learners_list_runs_a_fixed_number_of_queries(
    client, helper, size, django_assert_num_queries
):
    for number in range(size):
        profile, _code = create_learner(
            helper=helper, first_name=f"L{number}", language="fr", consent=True
        )
        AccompanimentFactory(helper=helper, learner=profile.user, themes=["1.1", "2.1"])
    client.force_login(helper)
    # helper profile, structure, learners (session, user and permissions come from the cache
    # after the first view, which also records a platform session)
    client.get(reverse("helpers:learners"))
    with django_assert_num_queries(3):
        response = client.get(reverse("helpers:learners"))
    assert len(response.context["learners"]) == size


def test_the_learner_page_shows_accompaniments_per_competence(client, helper, card_learner):
    AccompanimentFactory(
        helper=helper, learner=card_learner.user, themes=["1.1", "4.2"], duration_minutes=30
    )
    AccompanimentFactory(
        helper=helper, learner=card_learner.user, themes=["4.2"], duration_minutes=45
    )
    AccompanimentFactory(helper=helper, themes=["5.1"])  # not with this learner
    client.force_login(helper)
    rows = client.get(reverse("helpers:learner", args=[card_learner.pk])).context["rows"]
    assert [(r["code"], r["accompaniments"], r["minutes"]) for r in rows] == [
        ("1.1", 1, 30),
        ("4.2", 2, 75),
    ]
    assert all(r["course"] is None for r in rows)


def test_course_progress_is_a_placeholder_until_the_courses_app_provides_it(card_learner):
    assert learner_course_progress(card_learner.user) == {}


def test_logging_an_accompaniment_with_a_learner_records_activity(client, helper, card_learner):
    from courses.models import Competence

    client.force_login(helper)
    client.post(
        reverse("helpers:accompaniment_create"),
        {
            "kind": "individual",
            "duration_choice": "30",
            "themes": [Competence.objects.current().get(code="1.1").pk],
            "date": "2021-03-01",
            "place": "structure",
            "person": register_of(card_learner.structure).get(learner=card_learner.user).pk,
        },
    )
    card_learner.refresh_from_db()
    assert card_learner.last_activity is not None
    assert card_learner.user.accompaniments_received.count() == 1


def test_a_learner_of_another_structure_cannot_be_linked_to_an_accompaniment(client, card_learner):
    from courses.models import Competence

    client.force_login(make_helper(structure=StructureFactory()))
    response = client.post(
        reverse("helpers:accompaniment_create"),
        {
            "kind": "individual",
            "duration_choice": "30",
            "themes": [Competence.objects.current().get(code="1.1").pk],
            "date": "2021-03-01",
            "place": "structure",
            "person": register_of(card_learner.structure).get(learner=card_learner.user).pk,
        },
    )
    assert response.status_code == 400
    assert "person" in response.context["form"].errors


def test_the_dashboard_panel_shows_my_learners_and_my_figures(client, helper, card_learner):
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC)):
        AccompanimentFactory(
            helper=helper,
            learner=card_learner.user,
            date=datetime.date(2026, 11, 3),
            themes=["1.1"],
        )
        AccompanimentFactory(
            helper=helper, kind="collective", participants=7, date=datetime.date(2026, 9, 3)
        )
        AccompanimentFactory(helper=helper, date=datetime.date(2026, 3, 3))
        AccompanimentFactory(date=datetime.date(2026, 11, 4))  # another helper
        client.force_login(helper)
        context = client.get(reverse("helpers:dashboard")).context
    assert context["panel_month"] == {"count": 1, "people": 1, "minutes": 30}
    assert context["panel_semester"] == {"count": 2, "people": 8, "minutes": 60}
    assert context["panel_total"] == {"count": 3, "people": 9, "minutes": 90}
    assert context["panel_semester_bounds"][:2] == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 12, 31),
    )
    learners = list(context["panel_learners"])
    assert learners == [card_learner]
    assert (learners[0].accompaniment_count, learners[0].competence_count) == (1, 1)


def test_the_dashboard_uses_the_programme_semester_when_today_is_inside_it(client, helper):
    with time_machine.travel(datetime.datetime(2021, 3, 20, 10, tzinfo=datetime.UTC)):
        AccompanimentFactory(helper=helper, date=datetime.date(2021, 1, 4))
        AccompanimentFactory(helper=helper, date=datetime.date(2020, 12, 31))
        client.force_login(helper)
        context = client.get(reverse("helpers:dashboard")).context
    assert context["panel_semester_bounds"] == (
        datetime.date(2021, 1, 1),
        datetime.date(2021, 6, 30),
        "S2",
    )
    assert context["panel_semester"]["count"] == 1


def test_logging_from_the_learner_page_preselects_the_learner(client, helper, card_learner):
    client.force_login(helper)
    url = reverse("helpers:accompaniment_create") + f"?learner={card_learner.user_id}"
    form = client.get(url).context["form"]
    entry = register_of(card_learner.structure).get(learner=card_learner.user)
    assert form["person"].value() == entry.pk


@pytest.mark.parametrize("size", [1, 8])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    client, helper, size, django_assert_num_queries
):
    for number in range(size):
        profile, _code = create_learner(
            helper=helper, first_name=f"L{number}", language="fr", consent=True
        )
        AccompanimentFactory(helper=helper, learner=profile.user, themes=["1.1", "2.1"])
    client.force_login(helper)
    client.get(reverse("helpers:dashboard"))  # the day's first view also records a platform session
    # helper profile with structure; path: attendance, helper courses, bookings; activity:
    # the three periods' totals, learners, their count (user and semesters are cached)
    with django_assert_num_queries(7):
        response = client.get(reverse("helpers:dashboard"))
    assert len(response.context["panel_learners"]) == size
