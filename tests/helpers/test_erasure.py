"""Erasure leaves nothing of the person, anywhere (issue #12, point 8).

Searched like an auditor would: every table of the database, and every file under media.
"""

import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from accounts.learners import create_learner
from accounts.models import User
from accounts.privacy import erase_user, personal_data
from courses.models import PositioningQuestion, Progress
from courses.services import save_positioning
from helpers.models import Accompaniment
from partners.imports.jobs import start_import_job
from partners.models import ImportJob
from tests.factories import (
    AccompanimentFactory,
    ParticipationFactory,
    StructureFactory,
    make_courses,
    make_helper,
)
from training.models import Participation

pytestmark = pytest.mark.django_db

FIRST, LAST = "Zéphyrine", "Quattrocchi"
EMAIL = "zephyrine.quattrocchi@example.org"


def database_text():
    """Every row of every table, as text (what a dump holds)."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            parts.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(parts)


def media_text(root):
    texts = []
    for path in Path(root).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if zipfile.is_zipfile(io.BytesIO(data)):
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    data = b"".join(archive.read(name) for name in archive.namelist())
            texts.append(data.decode("utf-8", errors="replace"))
    return "\n".join(texts)


def leftovers(strings, media_root):
    """The strings still found, in any spelling a database or a file stores them."""
    haystack = (database_text() + media_text(media_root)).lower()
    found = []
    for text in strings:
        spellings = {text, json.dumps(text)[1:-1], text.encode("unicode_escape").decode()}
        if any(s.lower() in haystack for s in spellings):
            found.append(text)
    return found


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def question():
    text = {"fr": "?", "nl": "?", "en": "?"}
    return PositioningQuestion.objects.create(
        position=1,
        area_code="1",
        level=1,
        data={"prompt": text, "choices": [{"text": text, "correct": True}]},
    )


def admin_logged(operator, obj):
    """What the admin writes when staff change ``obj`` (its text, and an inline's)."""
    LogEntry.objects.log_actions(
        user_id=operator.pk,
        queryset=[obj],
        action_flag=CHANGE,
        change_message=[{"added": {"name": "participation", "object": str(obj)}}],
    )


def test_erasing_a_helper_leaves_nothing_of_them(media, operator_a, question):
    structure = StructureFactory(ref="WTC-0001")
    helper = make_helper(structure=structure, email=EMAIL, first_name=FIRST, last_name=LAST)
    participation = ParticipationFactory(person=helper, attendance="present")
    AccompanimentFactory(helper=helper, notes="Atelier du mardi")
    admin_logged(operator_a, helper)
    admin_logged(operator_a, helper.helper_profile)
    admin_logged(operator_a, participation)
    # An upload waiting for confirmation, and one refused, both naming the person.
    header = "session_ref,session_kind,session_title,session_date,partner,email,first_name,"
    header += "last_name,structure_ref,sector,status\n"
    row = f"S-9,training,Formation,2021-05-10,WTC,{EMAIL},{FIRST},{LAST},WTC-0001,,present\n"
    waiting = start_import_job(
        kind="participations",
        upload=SimpleUploadedFile("p.csv", (header + row).encode()),
        user=operator_a,
    )
    refused = start_import_job(
        kind="participations",
        upload=SimpleUploadedFile("bad.csv", (header + row.replace("present", "maybe")).encode()),
        user=operator_a,
    )
    assert (waiting.status, refused.status) == ("checked", "invalid")
    assert leftovers([EMAIL, LAST], media) == [EMAIL, LAST]  # the search finds them first

    erase_user(user=helper)

    assert leftovers([EMAIL, FIRST, LAST], media) == []
    # What counts stays: the attendance and the accompaniment, without the person.
    assert Participation.objects.filter(pk=participation.pk, person=None).exists()
    assert Accompaniment.objects.filter(helper=None).count() == 1
    waiting.refresh_from_db()
    assert waiting.status == ImportJob.Status.FAILED  # confirming it would bring them back


def test_erasing_a_card_learner_leaves_nothing_of_them(media, operator_a, question):
    helper = make_helper(structure=StructureFactory())
    profile, _code = create_learner(
        helper=helper, first_name="Barnabé", language="fr", consent=True
    )
    learner = profile.user
    learner.last_name = "Ożarowski"
    learner.save()
    course = make_courses(1)[0]
    Progress.objects.create(user=learner, course=course, current_step=2, score=1)
    save_positioning(answers={"1": 0}, user=learner, entered_by=helper, learner_name="Barnabé")
    AccompanimentFactory(helper=helper, learner=learner, notes="Barnabé, 12 rue des Lilas")
    admin_logged(operator_a, profile)

    exported = personal_data(learner)
    assert exported["course_progress"][0]["course"] == course.slug
    assert exported["positioning_results"][0]["source"] == "paper"
    erase_user(user=learner)

    assert leftovers(["Ożarowski", profile.card_username, "12 rue des Lilas"], media) == []
    assert not User.objects.filter(pk=learner.pk).exists()


def test_a_helpers_export_holds_their_attestation_and_memberships(trained):
    helper = trained(make_helper(structure=StructureFactory(name="Médiathèque")))
    from training.services.attestation import issue_attestation

    issue_attestation(helper=helper)
    data = personal_data(helper)
    assert data["attestation"]["code"]
    assert [m["structure"] for m in data["memberships"]] == ["Médiathèque"]


def test_the_retention_purge_covers_learners_who_signed_up_with_an_e_mail(
    settings, django_capture_on_commit_callbacks, mailoutbox
):
    from accounts.privacy import apply_retention
    from tests.factories import make_user

    settings.LEARNER_RETENTION_DAYS = 30
    old = make_user("learner", email="old.learner@example.org")
    old.date_joined = old.last_login = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    old.save()
    recent = make_user("learner", email="recent.learner@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert apply_retention() == 1
    assert not User.objects.filter(pk=old.pk).exists()
    assert User.objects.filter(pk=recent.pk).exists()
    assert [m.to for m in mailoutbox] == [["old.learner@example.org"]]
