"""The positioning test: online, on paper and typed in by a helper; levels and recommendations."""

import re

import pytest
from django.urls import reverse

from courses.models import PositioningQuestion, PositioningResult
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/fr/learn/test/"


def answers(right_per_area):
    """Answer right (choice 0) to the first N questions of each area, "I don't know" otherwise."""
    data = {}
    for q in PositioningQuestion.objects.all():
        right = q.level <= right_per_area.get(q.area_code, 0)
        data[f"q{q.position}"] = "0" if right else "2"
    return data


def take(client, data):
    """Answer the test screen by screen, as a person does; returns the last response."""
    response = None
    for number, q in enumerate(PositioningQuestion.objects.all(), 1):
        answer = {key: value for key, value in data.items() if key == f"q{q.position}"}
        response = client.post(URL, {"question": number, **answer})
    return response


def test_the_test_asks_one_question_per_screen_with_its_progress(client, content):
    page = client.get(URL).content.decode()
    assert page.count("<fieldset") == 1
    assert "20 questions rapides. Environ 8 minutes." in page
    assert "Question 1 sur 20" in page and '<progress max="20" value="0"' in page
    first = PositioningQuestion.objects.first()
    response = client.post(URL, {"question": 1, f"q{first.position}": "0"})
    assert response.url == f"{URL}?question=2"
    page = client.get(response.url).content.decode()
    assert "Question 2 sur 20" in page and "Question précédente" in page
    # Back to the first question: the answer given is still ticked.
    back = client.post(URL, {"question": 2, "back": "1"})
    page = client.get(back.url).content.decode()
    assert re.search(r'<input(?=[^>]*id="id_q1_0")(?=[^>]*checked)[^>]*>', page)


def test_the_result_gives_a_level_per_area_and_recommends_courses(client, content):
    response = take(client, answers({"1": 4, "2": 1, "3": 2}))
    result = PositioningResult.objects.get()
    assert response.url == reverse("courses:positioning_result", args=[result.pk])
    assert result.levels == {"1": 4, "2": 1, "3": 2, "4": 0, "5": 0}
    assert result.source == "online" and result.user is None
    page = client.get(response.url)
    recommended = [c.slug for c in page.context["courses"]]
    assert recommended[0] == "send-an-email"  # area 2, level 1 course for level 1 reached
    assert "spot-exclusion" not in recommended  # helper courses are not for learners
    assert len(recommended) <= 3
    content = page.content.decode()
    assert "Vous savez le faire seul" in content  # area 1: 4 of 4
    assert "Vous savez le faire avec de l'aide" in content  # area 2: 1 of 4
    assert "Pas encore : un bon point de départ" in content  # areas 4 and 5


def test_a_missing_answer_is_named_in_the_error_summary(client, content):
    page = client.post(URL, {"question": 7}).content.decode()
    assert "Il y a un problème" in page
    assert "Choisissez une réponse à la question 7." in page
    assert not PositioningResult.objects.exists()


def test_a_result_is_private(client, content, learner):
    response = take(client, answers({}))
    client.logout()
    assert client.get(response.url).status_code == 404


def test_an_anonymous_result_moves_to_the_account_on_login(client, content, learner):
    take(client, answers({"4": 3}))
    client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    result = PositioningResult.objects.get()
    assert result.user == learner
    page = client.get("/fr/learn/").content.decode()
    assert reverse("courses:positioning_result", args=[result.pk]) in page


def test_the_paper_version_has_every_question_and_an_answer_grid(client, content):
    page = client.get("/fr/learn/test/paper/").content.decode()
    assert page.count('class="paper-prompt"') == 20
    assert "Grille de réponses" in page
    assert page.count('<tr><th scope="row">') == 20


def test_a_helper_types_in_a_paper_test(client, content, helper):
    client.force_login(helper)
    data = answers({"5": 2})
    data["learner_name"] = "Karima"
    response = client.post("/fr/learn/test/enter/", data)
    result = PositioningResult.objects.get()
    assert (result.source, result.entered_by, result.learner_name) == ("paper", helper, "Karima")
    assert result.levels["5"] == 2
    assert "Karima" in client.get(response.url).content.decode()


def test_only_helpers_type_in_paper_tests(client, content, learner):
    assert client.get("/fr/learn/test/enter/").status_code == 302
    client.force_login(learner)
    assert client.get("/fr/learn/test/enter/").status_code == 403


def test_the_helper_form_redisplays_with_errors(client, content, helper):
    client.force_login(helper)
    page = client.post("/fr/learn/test/enter/", {"q1": "0"}).content.decode()
    assert "Il y a un problème" in page and 'href="#id_q2"' in page


def test_no_test_loaded_means_not_found(client, db):
    assert client.get(URL).status_code == 404


def test_someone_who_masters_every_area_gets_no_beginner_course(client, content):
    response = take(client, answers(dict.fromkeys("12345", 4)))
    page = client.get(response.url)
    assert page.context["courses"] == []
    assert "Vous connaissez bien les bases." in page.content.decode()


def test_recommendations_follow_the_country(content):
    from courses.services import recommend_courses

    levels = {"1": 4, "2": 2, "3": 4, "4": 4, "5": 4}
    assert [c.slug for c in recommend_courses(levels=levels, country="BE")] == ["procedures-be"]
    assert [c.slug for c in recommend_courses(levels=levels, country="FR")] == ["procedures-fr"]
    levels["2"] = 0
    assert [c.slug for c in recommend_courses(levels=levels)] == ["send-an-email", "procedures-be"]


def test_a_learner_in_lille_is_not_sent_to_the_belgian_procedures(client, content):
    """A learner followed by a French structure learns in France (their structure's country)."""
    from accounts.learners import create_learner
    from tests.factories import StructureFactory, make_helper

    helper = make_helper(structure=StructureFactory(country="FR", postal_code="59000"))
    profile, _code = create_learner(helper=helper, first_name="Lina", language="fr", consent=True)
    client.force_login(profile.user)
    data = answers({"1": 4, "2": 2, "3": 4, "4": 4, "5": 4})
    response = take(client, data)
    recommended = [c.slug for c in client.get(response.url).context["courses"]]
    assert "procedures-fr" in recommended and "procedures-be" not in recommended
