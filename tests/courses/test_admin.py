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
