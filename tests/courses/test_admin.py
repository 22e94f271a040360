"""Operators author, order and preview course content in the admin."""

import pytest
from django.core.exceptions import ValidationError

from courses.models import Step

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(operator_a, with_totp, client):
    with_totp(operator_a)
    client.force_login(operator_a)
    session = client.session
    session["account_authenticated_at"] = 0
    session.save()
    return operator_a


def test_an_operator_sees_the_course_with_its_ordered_steps_and_a_preview_link(
    client, course, operator
):
    response = client.get(f"/fr/admin/courses/course/{course.pk}/change/")
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    assert 'name="steps-0-position"' in page and 'name="steps-9-position"' in page
    assert f'href="{course.get_absolute_url()}?preview=1"' in page


def test_the_changelist_has_a_preview_link_per_course(
    client, content, operator, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        page = client.get("/fr/admin/courses/course/").content.decode()
    assert page.count("?preview=1") == 4


def test_a_step_is_validated_against_the_content_format(course):
    step = Step(course=course, position=11, type="single_choice", data={"type": "single_choice"})
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert "'prompt' must be an object" in str(error.value)
    step.data = course.steps.get(position=2).data
    step.full_clean()


def form_data(response):
    """The values of the admin change form as the browser would post them back."""
    data = {}
    adminform = response.context["adminform"].form
    for name in adminform.fields:
        value = adminform[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for form in formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value is not None:
                    data[form.add_prefix(name)] = value
    return data


def test_an_operator_reorders_and_edits_steps_in_the_admin(client, course, operator):
    url = f"/fr/admin/courses/course/{course.pk}/change/"
    data = form_data(client.get(url))
    data["title_fr"] = "Envoyer un e-mail"
    # swap steps 3 and 4 through a free position
    third = next(k for k, v in data.items() if k.endswith("-position") and str(v) == "3")
    fourth = next(k for k, v in data.items() if k.endswith("-position") and str(v) == "4")
    data[third], data[fourth] = "4", "3"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    course.refresh_from_db()
    assert course.title_fr == "Envoyer un e-mail"
    assert course.steps.get(position=3).type == "true_false"
    assert course.steps.get(position=4).type == "multiple_choice"


def test_two_steps_at_the_same_position_are_refused(client, course, operator):
    url = f"/fr/admin/courses/course/{course.pk}/change/"
    data = form_data(client.get(url))
    third = next(k for k, v in data.items() if k.endswith("-position") and str(v) == "3")
    data[third] = "4"
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert course.steps.get(position=3).type == "multiple_choice"
