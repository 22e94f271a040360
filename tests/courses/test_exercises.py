"""Each exercise type is checked on the server, through the player, in the page's language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from courses.exercises import normalise
from courses.models import Progress

pytestmark = pytest.mark.django_db


def url(number, slug="send-an-email"):
    return reverse("courses:step", args=[slug, number])


def check(client, number, data):
    response = client.post(url(number), {"action": "check", **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(url(number))


RIGHT_AND_WRONG = {
    2: ({"choice": "0"}, {"choice": "1"}),
    3: ({"choice": ["0", "1"]}, {"choice": ["0"]}),
    4: ({"answer": "true"}, {"answer": "false"}),
    5: (
        {"position-0": "1", "position-1": "2", "position-2": "3"},
        {"position-0": "2", "position-1": "1", "position-2": "3"},
    ),
    7: (
        {"match-0": "0", "match-1": "1", "match-2": "2"},
        {"match-0": "1", "match-1": "0", "match-2": "2"},
    ),
    8: ({"blank-0": "Envoyer"}, {"blank-0": "Supprimer"}),
    9: ({"suspicious": ["1", "2"]}, {"suspicious": ["1"]}),
    10: (
        {"field-postal_code": "59000", "field-city": "1"},
        {"field-postal_code": "59000", "field-city": "0"},
    ),
}


@pytest.mark.parametrize("number", sorted(RIGHT_AND_WRONG))
def test_a_right_answer_is_praised_with_the_explanation(client, course, number):
    page = check(client, number, RIGHT_AND_WRONG[number][0]).content.decode()
    assert "Bonne réponse !" in page
    assert "Pourquoi :" in page


@pytest.mark.parametrize("number", sorted(RIGHT_AND_WRONG))
def test_a_wrong_answer_shows_the_right_one_and_the_explanation(client, course, number):
    page = check(client, number, RIGHT_AND_WRONG[number][1]).content.decode()
    assert "Pas tout à fait." in page
    # The mailbox and the web form point at the mistakes instead (tests below).
    assert ("La bonne réponse :" in page) is (number not in (9, 10))


@pytest.mark.parametrize("given", ["envoyer", "  ENVOYER ", "Énvoyer", "envoi", "En voyer"])
def test_fill_in_ignores_case_accents_and_spaces_and_takes_other_answers(client, course, given):
    assert "Bonne réponse !" in check(client, 8, {"blank-0": given}).content.decode()


def test_fill_in_is_checked_against_the_dutch_text_on_a_dutch_page(client, course):
    with translation.override("nl"):
        address = url(8)
    client.post(address, {"action": "check", "blank-0": "verzenden"})
    assert "Goed zo!" in client.get(address).content.decode()


def test_the_web_form_compares_ignoring_spaces(client, course):
    page = check(client, 10, {"field-postal_code": " 59 000 ", "field-city": "1"})
    assert "Bonne réponse !" in page.content.decode()


def test_the_web_form_flags_the_wrong_field_without_giving_the_answers(client, course):
    page = check(client, 10, {"field-postal_code": "59000", "field-city": "0"}).content.decode()
    assert "Vérifiez ces champs d&#x27;après votre situation :" in page or (
        "Vérifiez ces champs d'après votre situation :" in page
    )
    city = re.search(r'<select name="field-city"[^>]*>', page).group(0)
    postal = re.search(r'<input[^>]*name="field-postal_code"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in city and 'aria-invalid="true"' not in postal
    feedback = page[page.index('id="feedback"') :]
    assert "59000" not in feedback  # the right values are not revealed


@pytest.mark.parametrize(
    ("number", "data", "error"),
    [
        (2, {}, "Choisissez une réponse."),
        (3, {}, "Cochez au moins une réponse."),
        (4, {}, "Choisissez vrai ou faux."),
        (5, {"position-0": "1", "position-1": "1", "position-2": "3"}, "position différent"),
        (7, {"match-0": "0"}, "Choisissez"),
        (8, {"blank-0": " "}, "Remplissez"),
        (10, {"field-postal_code": "59000"}, "Remplissez"),
    ],
)
def test_an_incomplete_answer_is_shown_again_with_an_error_summary(
    client, course, number, data, error
):
    response = client.post(url(number), {"action": "check", **data})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Il y a un problème" in page and error in page
    assert not Progress.objects.exists() and "course_progress" not in client.session


def test_the_ordering_exercise_shows_the_items_shuffled_with_positions_to_tap(client, course):
    page = client.get(url(5)).content.decode()
    positions = [page.index(word) for word in ("Ouvrir", "Écrire", "Envoyer</legend>")]
    assert positions != sorted(positions)
    assert page.count('<input type="radio" name="position-') == 3 * 3  # places 1 to 3 each


def test_the_answer_stays_selected_after_checking(client, course):
    page = check(client, 3, {"choice": ["0", "2"]}).content.decode()
    assert 'id="choice-0" value="0" checked' in page
    assert 'id="choice-2" value="2" checked' in page
    assert 'id="choice-1" value="1">' in page


def test_normalise_drops_case_accents_and_spaces():
    assert normalise(" Élève  Ça ") == "eleveca"
    assert normalise("59 000") == "59000"


def test_the_mailbox_says_which_e_mail_was_misjudged(client, course):
    page = check(client, 9, {"suspicious": ["1"]}).content.decode()  # one trap missed
    assert 'class="mail-app"' in page and "<summary>" in page  # an inbox: open a message
    assert "Bien vu : cet e-mail est un piège." in page
    assert "Cet e-mail est un piège : vous ne l'avez pas signalé." in page
    assert "un piège que vous n&#x27;avez pas signalé" in page


@pytest.mark.parametrize("number, name", [(5, "position-0"), (7, "match-0")])
def test_ordering_and_matching_are_buttons_to_tap_not_drop_downs(client, course, number, name):
    page = client.get(url(number)).content.decode()
    step = page[page.index('id="answer"') : page.index("</fieldset>\n    <button")]
    assert "<select" not in step
    assert re.search(rf'<input type="radio" name="{name}"', step)


def test_a_wrong_choice_says_why_it_is_wrong(client, course):
    page = check(client, 2, {"choice": "1"}).content.decode()
    notes = page[page.index('class="answer-notes"') :]
    assert "<strong>Supprimer</strong> – vous l'avez choisi." in notes
    assert "Non : Supprimer met le message à la corbeille." in notes


def test_multiple_choice_explains_the_wrong_tick_and_the_right_one_missed(client, course):
    with translation.override("nl"):
        address = url(3)
    page = client.post(address, {"action": "check", "choice": ["0", "2"]}, follow=True)
    notes = page.content.decode().split('class="answer-notes"')[1].split("</ul>")[0]
    assert "<strong>Een postzegel</strong> – je hebt dit gekozen. Nee: een e-mail" in notes
    assert "<strong>Een onderwerp</strong> – je hebt dit niet gekozen. Ja: het onderwerp" in notes
    assert "Een adres" in notes  # ticked rightly: its reason is confirmed too


def test_choices_say_nothing_about_themselves_before_the_answer(client, course):
    assert "answer-notes" not in client.get(url(2)).content.decode()


def test_the_mailbox_gives_the_clue_of_each_misjudged_e_mail(client, course):
    page = check(client, 9, {"suspicious": ["1"]}).content.decode()
    assert (
        page.count("L&#x27;adresse finit par .top et on vous presse de cliquer.") == 2
    )  # inbox, summary


def test_a_symbol_to_match_is_shown_as_a_picture_named_by_its_text(client, course):
    page = client.get(url(7)).content.decode()
    assert re.search(
        r'<legend><img class="symbol" src="/static/courses/img/send-an-email-2\.', page
    )
    assert 'alt="" width="64" height="64">Pièce jointe</legend>' in page
