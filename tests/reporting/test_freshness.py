"""Figures are shared until their data changes, by any write path, and never shown stale."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import LearnerProfile
from helpers.models import Accompaniment
from partners.models import Structure
from reporting.freshness import compact_changes, figures_version
from reporting.models import PageView, SourceChange
from tests.factories import (
    AccompanimentFactory,
    ParticipationFactory,
    StructureFactory,
    TrainingSessionFactory,
)
from tests.reporting.conftest import paris
from training.models import Participation

pytestmark = pytest.mark.django_db
URL = reverse("reporting:dashboard")
CSV = reverse("reporting:download", args=["crosslearn", "csv"])


@pytest.fixture
def versioned(db):
    """Triggers keep the figures' version on PostgreSQL and on SQLite alike."""
    assert figures_version() is not None


def test_every_write_path_to_a_source_table_changes_the_version(versioned, partners):
    structure = StructureFactory(partner=partners["WTC"])
    accompaniment = AccompanimentFactory(structure=structure)
    steps = [
        lambda: AccompanimentFactory(structure=structure),  # a form or the admin
        lambda: Accompaniment.objects.bulk_create(  # an import
            [Accompaniment(**_copy(accompaniment), ref=f"bulk-{n}") for n in range(3)]
        ),
        lambda: Accompaniment.objects.filter(pk=accompaniment.pk).update(duration_minutes=50),
        lambda: Accompaniment.objects.filter(pk=accompaniment.pk).delete(),
        lambda: Structure.objects.filter(pk=structure.pk).update(postal_code="59001"),
        lambda: ParticipationFactory(session=TrainingSessionFactory(partner=partners["D09"])),
        lambda: Participation.objects.update(attendance="present"),
    ]
    for step in steps:
        before = figures_version()
        step()
        assert figures_version() > before


def test_every_table_the_indicators_read_has_its_triggers(versioned, programme):
    """A new table in the indicators' queries fails here until its model declares
    ``figures_source = True``."""
    import re

    from django.test.utils import CaptureQueriesContext

    from reporting import indicators

    with CaptureQueriesContext(connection) as queries:
        for dimension in ["partner", "country", "region", "zone"]:
            indicators.compute(programme, dimension=dimension)
    read = {
        name
        for query in queries.captured_queries
        for name in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c "
                "ON c.oid = t.tgrelid WHERE t.tgname LIKE %s",
                ["%_source_change_%"],
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE %s",
                ["%_source_change_%"],
            )
        watched = {name for (name,) in cursor.fetchall()}
    # accounts_user is only the hop from a participation to its person's helper profile; its
    # own writes (a login) change no figure, and erasing a person updates the participations.
    assert "helpers_membership" in read
    assert read - watched == {"accounts_user"}


def test_a_membership_decision_changes_the_version(versioned, partners):
    from helpers.services.membership import approve_membership
    from tests.factories import make_pending_helper

    pending = make_pending_helper(structure=StructureFactory(partner=partners["WTC"]))
    before = figures_version()
    approve_membership(membership=pending.memberships.get(), by=None)
    assert figures_version() > before


def test_writes_elsewhere_leave_the_version_alone(versioned, people):
    helper = people(1)[0]
    before = figures_version()
    LearnerProfile.objects.update(last_activity=None)
    PageView.objects.create(day=datetime.date(2021, 1, 4), session_hash="x" * 64)
    helper.first_name = "Renamed"
    helper.save()
    assert figures_version() == before


def test_compaction_keeps_the_version(versioned, partners):
    for _ in range(3):
        StructureFactory(partner=partners["EPN"])
    SourceChange.objects.create(weight=5)  # as a concurrent writer would leave it
    version = figures_version()
    assert SourceChange.objects.count() > 1
    compact_changes()
    assert SourceChange.objects.count() == 1
    assert figures_version() == version


def test_figures_are_shared_until_the_data_changes(
    versioned, client, coordinator, people, partners, django_assert_num_queries
):
    client.force_login(coordinator)
    client.get(URL)
    client.get(CSV)
    # Nothing changed: the figures' version is all that is read (the account: cache).
    with django_assert_num_queries(1):
        client.get(URL)
    with django_assert_num_queries(1):
        b"".join(client.get(CSV).streaming_content)
    session = TrainingSessionFactory(partner=partners["EPN"], starts_at=paris(2021, 9, 1, 9))
    ParticipationFactory(session=session, person=people(1)[0], attendance="present")
    response = client.get(URL, {"semester": "S3"})
    trained = {b["indicator"]: b for b in response.context["blocks"]}["helpers_trained"]
    assert trained["rows"][2].value == 1  # computed again, with the new training


def test_dashboard_and_downloads_show_a_change_at_once(client, coordinator, people, partners):
    """On any database: the next page and the next download include what was just recorded."""
    client.force_login(coordinator)

    def trained_in_s3():
        blocks = {b["indicator"]: b for b in client.get(URL).context["blocks"]}
        csv = b"".join(client.get(CSV, {"semester": "S3"}).streaming_content).decode()
        line = next(line for line in csv.splitlines() if ",ALL,helpers_trained," in line)
        return blocks["helpers_trained"]["rows"][2].value, int(line.split(",")[6])

    assert trained_in_s3() == (0, 0)
    session = TrainingSessionFactory(partner=partners["EPN"], starts_at=paris(2021, 9, 1, 9))
    ParticipationFactory(session=session, person=people(1)[0], attendance="present")
    assert trained_in_s3() == (1, 1)
    Participation.objects.update(attendance="absent")  # a bulk correction, without signals
    assert trained_in_s3() == (0, 0)


def _copy(instance):
    skipped = {"id", "ref"}
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in skipped
    }


def test_the_version_is_read_from_the_change_table():
    from reporting.freshness import VERSION_SQL

    assert f"FROM {SourceChange._meta.db_table}" in VERSION_SQL
