"""The step-by-step player: progress, resume, score, completion, and learning before logging in."""

import re

import pytest
from django.urls import reverse

from courses.models import Course, Progress
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

RIGHT = {
    2: {"choice": "0"},
    3: {"choice": ["0", "1"]},
    4: {"answer": "true"},
    5: {"position-0": "1", "position-1": "2", "position-2": "3"},
    7: {"match-0": "0", "match-1": "1", "match-2": "2"},
    8: {"blank-0": "envoyer"},
    9: {"suspicious": ["1", "2"]},
    10: {"field-postal_code": "59000", "field-city": "1"},
}


def step_url(number, slug="send-an-email"):
    return reverse("courses:step", args=[slug, number])


def answer(client, number, data):
    return client.post(step_url(number), {"action": "check", **data})


def next_step(client, number):
    return client.post(step_url(number), {"action": "next"})


def finish(client, wrong=()):
    for number in range(1, 11):
        if number in RIGHT:
            data = {"choice": "1"} if number in wrong else RIGHT[number]
            answer(client, number, data)
        response = next_step(client, number)
    return response


def test_a_learner_goes_through_a_course_and_gets_a_score(client, course, learner):
    client.force_login(learner)
    response = finish(client, wrong={2})
    assert response.url == reverse("courses:done", args=["send-an-email"])
    progress = Progress.objects.get(user=learner, course=course)
    assert progress.completed_at is not None
    assert progress.score == 7
    assert progress.answers["2"]["correct"] is False
    page = client.get(response.url).content.decode()
    assert "Votre score : 7 bonnes réponses sur 8." in page


def test_a_course_finished_with_few_right_answers_raises_no_level_and_says_what_to_redo(
    client, course, learner
):
    from courses.models import Competence

    client.force_login(learner)
    response = finish(client, wrong={2, 3, 4, 5, 7, 8})  # 2 of 8 right
    progress = Progress.objects.get(user=learner, course=course)
    assert (progress.score, progress.passed) == (2, False)
    page = client.get(response.url).content.decode()
    assert "Vous êtes arrivé à la fin du cours" in page
    assert "au moins 6 bonnes réponses" in page
    for number in (2, 3, 4, 5, 7, 8):
        assert f'href="{step_url(number)}"' in page
    assert f'href="{step_url(9)}"' not in page
    reached = Competence.objects.with_progress_for(learner).filter(courses__pk=course.pk)
    assert {c.level_reached for c in reached} == {None}
    # Redoing four of them right passes the course: the level goes up.
    for number in (2, 3, 4, 5):
        answer(client, number, RIGHT[number])
    progress.refresh_from_db()
    assert (progress.score, progress.passed) == (6, True)
    reached = Competence.objects.with_progress_for(learner).filter(courses__pk=course.pk)
    assert {c.level_reached for c in reached} == {course.level}
    assert "Bravo" in client.get(response.url).content.decode()


def test_next_goes_to_the_following_step_and_the_course_page_resumes_there(client, course, learner):
    client.force_login(learner)
    assert next_step(client, 1).url == step_url(2)
    answer(client, 2, RIGHT[2])
    next_step(client, 2)
    progress = Progress.objects.get(user=learner)
    assert (progress.current_step, progress.completed_at) == (3, None)
    page = client.get(course.get_absolute_url()).content.decode()
    assert "Reprendre à l'étape 3" in page and f'href="{step_url(3)}"' in page
    my_learning = client.get(reverse("courses:my_learning")).content.decode()
    assert f'href="{step_url(3)}"' in my_learning


def test_the_step_page_shows_where_the_learner_is(client, course):
    page = client.get(step_url(4)).content.decode()
    assert "Étape 4 sur 10" in page
    assert 'value="40"' in page
    assert f'href="{step_url(3)}"' in page


def test_an_explanation_step_shows_paragraphs_and_lists(client, course):
    page = client.get(step_url(1)).content.decode()
    assert "<p>Un message a un destinataire.</p>" in page
    assert "<li>Le sujet</li>" in page


def test_the_done_page_waits_for_the_end_of_the_course(client, course):
    response = client.get(reverse("courses:done", args=["send-an-email"]))
    assert response.url == course.get_absolute_url()


def test_an_anonymous_visitor_learns_and_keeps_progress_in_the_session(client, course):
    answer(client, 2, RIGHT[2])
    next_step(client, 2)
    stored = client.session["course_progress"][str(course.pk)]
    assert stored["current_step"] == 3 and stored["answers"]["2"]["correct"] is True
    assert not Progress.objects.exists()
    assert "Bonne réponse !" in client.get(step_url(2)).content.decode()


def test_the_anonymous_progress_moves_to_the_account_on_login(client, course, learner):
    finish(client)
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302
    progress = Progress.objects.get(user=learner, course=course)
    assert progress.completed_at is not None and progress.score == 8
    assert "course_progress" not in client.session
    page = client.get(reverse("courses:my_learning")).content.decode()
    assert "Cours send-an-email" in page


def test_on_login_the_further_progress_wins(client, course, learner):
    Progress.objects.create(user=learner, course=course, current_step=6, answers={"2": {}})
    next_step(client, 1)  # anonymous: only at step 2
    client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert Progress.objects.get(user=learner).current_step == 6


def test_unpublished_courses_are_hidden_but_staff_can_preview_them(
    client, course, learner, operator_a
):
    Course.objects.filter(pk=course.pk).update(published=False)
    client.force_login(learner)
    assert client.get(course.get_absolute_url()).status_code == 404
    assert client.get(step_url(1)).status_code == 404
    client.force_login(operator_a)
    page = client.get(course.get_absolute_url() + "?preview=1").content.decode()
    assert "Aperçu : ce cours n'est pas publié." in page


def test_an_unknown_step_is_not_found(client, course):
    assert client.get(step_url(11)).status_code == 404


def test_a_missing_translation_is_shown_with_a_notice(client, course):
    course.title_nl = ""
    course.save()
    step = course.steps.get(position=2)
    step.data["prompt"]["nl"] = ""
    step.save()
    page = client.get("/nl" + step_url(2)[3:]).content.decode()
    assert "nog niet vertaald" in page
    assert "Quel bouton envoie le message ?" in page
    full = client.get("/nl" + step_url(3)[3:]).content.decode()
    assert "nog niet vertaald" in full  # the course title still falls back
    course.title_nl = "Cursus"
    course.save()
    assert "nog niet vertaald" not in client.get("/nl" + step_url(3)[3:]).content.decode()


def test_an_old_answer_to_a_step_that_changed_type_is_ignored(client, course, learner):
    Progress.objects.create(
        user=learner,
        course=course,
        answers={"5": {"value": 0, "correct": True, "attempts": 1, "type": "single_choice"}},
    )
    client.force_login(learner)
    page = client.get(step_url(5)).content.decode()
    assert "Bonne réponse !" not in page and 'name="position-0"' in page


def test_a_step_reads_its_course_from_the_cache_and_sees_every_edit(
    client, course, learner, django_assert_num_queries
):
    client.force_login(learner)
    client.get(step_url(2))
    with django_assert_num_queries(1):  # the progress (account and course: cache)
        assert client.get(step_url(2)).status_code == 200
    step = course.steps.get(position=2)
    step.data["prompt"]["fr"] = "Quelle touche envoie le courriel ?"
    step.save()
    assert "Quelle touche envoie le courriel ?" in client.get(step_url(2)).content.decode()
    course.published = False
    course.save()
    assert client.get(step_url(2)).status_code == 404


def test_reloading_the_content_is_seen_by_the_player(client, course, tmp_path):
    import shutil

    from courses.loading import load_content
    from tests.courses.conftest import DATA

    client.get(step_url(2))
    shutil.copytree(DATA, tmp_path, dirs_exist_ok=True)
    source = tmp_path / "courses" / "send-an-email.json"
    source.write_text(
        source.read_text().replace("Quel bouton envoie le message ?", "Quel bouton ?")
    )
    load_content(tmp_path, force=True)
    assert "Quel bouton ?" in client.get(step_url(2)).content.decode()


def test_a_score_of_one_is_said_in_the_singular(client, course, learner):
    """Not "1 juiste antwoorden"."""
    learner.language = "nl"
    learner.save()
    client.force_login(learner)
    finish(client, wrong={2, 3, 4, 5, 7, 8, 9})  # only the last exercise right
    page = client.get(reverse("courses:done", args=["send-an-email"]).replace("/fr/", "/nl/"))
    assert "Je score: 1 juist antwoord op 8." in page.content.decode()


def test_blanks_are_named_by_the_words_around_them(client, course):
    page = client.get(step_url(8)).content.decode()
    assert "Trou 1" not in page
    assert re.search(
        r'<label class="visually-hidden" for="blank-0">Mot manquant (après|avant) « ', page
    )
