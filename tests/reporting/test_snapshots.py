import datetime

import pytest

from reporting import exports, indicators, services, tasks
from reporting.models import Snapshot
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db


def snapshot_value(snapshot, partner, indicator):
    (row,) = [r for r in snapshot.rows if (r["partner"], r["indicator"]) == (partner, indicator)]
    return row


def test_nightly_snapshots_cover_started_semesters_and_freeze_closed_ones(programme):
    StructureFactory(affiliated_on=datetime.date(2020, 8, 1))

    services.take_snapshots(programme=programme, today=datetime.date(2021, 1, 2))

    nightly = Snapshot.objects.filter(frozen=False)
    assert sorted(s.semester.code for s in nightly) == ["S1", "S2"]
    frozen = Snapshot.objects.get(frozen=True)
    assert frozen.semester.code == "S1"
    assert snapshot_value(frozen, "ALL", "structures_affiliated") == {
        "semester": "S1",
        "partner": "ALL",
        "indicator": "structures_affiliated",
        "value": 1,
        "cumulative": 1,
        "target": 500,
        "percent_of_target": "0.2",
    }


def test_a_later_correction_changes_tonight_but_not_the_frozen_snapshot(programme):
    StructureFactory(affiliated_on=datetime.date(2020, 8, 1))
    services.take_snapshots(programme=programme, today=datetime.date(2021, 1, 2))
    # A structure forgotten in S1 is entered in February.
    StructureFactory(affiliated_on=datetime.date(2020, 11, 5))
    services.take_snapshots(programme=programme, today=datetime.date(2021, 2, 10))
    services.take_snapshots(programme=programme, today=datetime.date(2021, 2, 10))  # rerun

    frozen = Snapshot.objects.get(frozen=True)
    assert snapshot_value(frozen, "ALL", "structures_affiliated")["value"] == 1
    tonight = Snapshot.objects.get(frozen=False, semester__number=1, taken_on="2021-02-10")
    assert snapshot_value(tonight, "ALL", "structures_affiliated")["value"] == 2
    assert Snapshot.objects.filter(frozen=False, semester__number=1).count() == 2

    frozen_values = services.frozen_values(programme)
    blocks = exports.indicator_blocks(indicators.compute(programme), frozen=frozen_values)
    structures = next(b for b in blocks if b["indicator"] == "structures_affiliated")
    s1 = structures["rows"][0]
    assert (s1.value, s1.submitted, s1.correction) == (2, 1, 1)
    assert structures["has_corrections"]
    s2 = structures["rows"][1]
    assert (s2.submitted, s2.correction) == (None, None)  # S2 not closed yet


def test_the_funder_report_shows_the_correction(programme):
    StructureFactory(affiliated_on=datetime.date(2020, 8, 1))
    services.take_snapshots(programme=programme, today=datetime.date(2021, 1, 2))
    StructureFactory(affiliated_on=datetime.date(2020, 11, 5))
    figures = indicators.compute(programme)
    frozen = services.frozen_values(programme)

    from django.template.loader import render_to_string

    html = render_to_string(
        "reporting/funder_report.html",
        {
            "programme": programme,
            "blocks": exports.indicator_blocks(figures, frozen=frozen),
            "tables": [],
        },
    )
    assert 'class="corrected"' in html and "+1" in html
    assert exports.build_pdf(figures, frozen=frozen).startswith(b"%PDF")


def test_the_beat_task_snapshots_every_programme(programme, settings):
    assert "reporting-take-snapshots" in settings.CELERY_BEAT_SCHEDULE
    assert "reporting-roll-up-platform-sessions" in settings.CELERY_BEAT_SCHEDULE
    tasks.take_snapshots.delay()
    assert Snapshot.objects.filter(frozen=True).count() == 4  # the programme ended in 2022
    tasks.take_snapshots.delay()
    assert Snapshot.objects.filter(frozen=True).count() == 4
