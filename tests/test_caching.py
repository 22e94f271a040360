"""Cached entries and public pages are never older than their data, whatever wrote it."""

import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.utils import bulk_update_with_history

from courses.caching import course_with_steps
from courses.loading import load_content
from courses.models import Course, Step
from crosslearn.lib.caching import StaleOnWriteQuerySet, cached_models, versioned_keys
from partners.models import Partner, Structure
from reporting.models import Programme
from reporting.semesters import semester_containing
from tests.courses.conftest import DATA
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(db):
    load_content(DATA)
    return {c.slug: c for c in Course.objects.all()}


@pytest.fixture
def course(content):
    return content["send-an-email"]


@pytest.fixture
def partners(db):
    return {p.code: p for p in Partner.objects.all()}


@pytest.fixture
def programme(db):
    return Programme.objects.get(slug="crosslearn")


def version(namespace):
    return cache.get(versioned_keys(namespace, "")[0])


@pytest.mark.parametrize("model", cached_models(), ids=lambda m: m._meta.label)
def test_bulk_writes_of_every_cached_model_make_it_stale(model):
    assert isinstance(model._default_manager.all(), StaleOnWriteQuerySet), (
        f"{model._meta.label} declares cached_in: its manager must use StaleOnWriteQuerySet"
    )


def test_each_kind_of_write_makes_the_namespace_stale(course):
    competence = course.competences.first()
    steps = [
        lambda: Course.objects.filter(pk=course.pk).update(title_fr="Nouveau titre"),
        lambda: Step.objects.bulk_create([Step(course=course, position=99, type="explanation")]),
        lambda: Step.objects.bulk_update([course.steps.get(position=99)], ["type"]),
        lambda: Step.objects.filter(position=99).delete(),
        lambda: course.competences.remove(competence),
        lambda: course.save(),
        lambda: course.steps.first().delete(),
    ]
    for step in steps:
        course_with_steps(course.slug)  # the namespace has a version
        before = version("course-content")
        step()
        assert version("course-content") != before


def test_visitors_see_a_bulk_edit_of_a_course_at_once(client, course):
    url = reverse("courses:course", args=[course.slug])
    assert course.title_fr in client.get(url).content.decode()
    Course.objects.filter(pk=course.pk).update(title_fr="Écrire à la mairie")
    assert "Écrire à la mairie" in client.get(url).content.decode()
    assert "Écrire à la mairie" in client.get(reverse("courses:catalogue")).content.decode()


def test_visitors_see_structures_approved_in_bulk_at_once(client, partners):
    structure = StructureFactory(
        partner=partners["EPN"], name="EPN de Ciney", status=Structure.Status.PENDING
    )
    url = reverse("partners:directory")
    assert "EPN de Ciney" not in client.get(url).content.decode()
    structure.status = Structure.Status.APPROVED
    bulk_update_with_history([structure], Structure, ["status"])  # the admin's bulk approval
    assert "EPN de Ciney" in client.get(url).content.decode()


def test_visitors_see_a_renamed_partner_on_the_home_page_at_once(client):
    client.get("/fr/")
    Partner.objects.filter(code="EPN").update(name="EPN renamed")
    assert "EPN renamed" in client.get("/fr/").content.decode()


def test_semesters_edited_in_bulk_are_seen_at_once(programme):
    first = programme.semesters.order_by("number").first()
    assert semester_containing(first.start)[2] == "S1"
    programme.semesters.filter(pk=first.pk).update(number=9)
    assert semester_containing(first.start)[2] == "S9"


@pytest.mark.parametrize(
    "page, namespaces",
    [
        ("/fr/", {"course-content", "partners"}),
        ("catalogue", {"course-content"}),
        ("detail", {"course-content"}),
        ("directory", {"partners"}),
    ],
)
def test_every_table_a_public_page_reads_feeds_its_namespaces(
    client, content, partners, page, namespaces
):
    """A public page reading a new table fails here until that model declares ``cached_in``
    with one of the page's namespaces, so its copy cannot outlive the data."""
    StructureFactory(partner=partners["EPN"])
    url = {
        "catalogue": reverse("courses:catalogue"),
        "detail": reverse("courses:course", args=["send-an-email"]),
        "directory": reverse("partners:directory"),
    }.get(page, page)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    read = {
        name
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith("SELECT")
        for name in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])
    }
    assert read, "the page read nothing: the test would prove nothing"
    models = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    # A many-to-many table is declared by the model owning the field.
    models |= {
        field.remote_field.through._meta.db_table: model
        for model in cached_models()
        for field in model._meta.local_many_to_many
    }
    for table in read:
        model = models[table]
        assert namespaces & set(getattr(model, "cached_in", ())), (
            f"{url} reads {table}: {model._meta.label} must declare cached_in with one of "
            f"{sorted(namespaces)}"
        )
