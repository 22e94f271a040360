import datetime
from decimal import Decimal

import pytest

from partners.models import Structure
from reporting import indicators
from reporting.indicators import Dimension
from reporting.models import DailyPlatformSessions
from tests.factories import (
    AccompanimentFactory,
    ParticipationFactory,
    StructureFactory,
    TrainingSessionFactory,
    make_helper,
)
from tests.reporting.conftest import paris

pytestmark = pytest.mark.django_db


def values(figures, indicator, key="ALL"):
    return [figures.value(indicator, s, key) for s in figures.semesters]


def test_a_person_counts_once_in_the_semester_and_for_the_partner_of_the_first_presence(
    programme, partners, people
):
    (person,) = people()
    first = TrainingSessionFactory(partner=partners["EMC"], starts_at=paris(2020, 9, 1, 9))
    again = TrainingSessionFactory(partner=partners["D09"], starts_at=paris(2021, 2, 1, 9))
    ParticipationFactory(session=again, person=person, attendance="present")
    ParticipationFactory(session=first, person=person, attendance="present")

    figures = indicators.compute(programme)

    assert values(figures, "helpers_trained") == [1, 0, 0, 0]
    assert values(figures, "helpers_trained", "EMC") == [1, 0, 0, 0]
    assert values(figures, "helpers_trained", "D09") == [0, 0, 0, 0]
    assert values(figures, "trainings_held") == [1, 1, 0, 0]


def test_absent_and_excused_do_not_train_and_a_later_presence_does(programme, people):
    absent, excused = people(2)
    s1 = TrainingSessionFactory(kind="awareness", starts_at=paris(2020, 10, 1, 9))
    s3 = TrainingSessionFactory(kind="awareness", starts_at=paris(2021, 10, 1, 9))
    ParticipationFactory(session=s1, person=absent, attendance="absent")
    ParticipationFactory(session=s1, person=excused, attendance="excused")
    ParticipationFactory(session=s3, person=absent, attendance="present")

    figures = indicators.compute(programme)

    assert values(figures, "helpers_trained") == [0, 0, 1, 0]
    assert values(figures, "trainings_held") == [0, 0, 1, 0]


def test_semester_boundaries_follow_the_session_start_in_paris(programme, people):
    a, b, c, d = people(4)
    # 31 Dec 2020 23:30 in Paris is still S1; 1 Jan 2021 00:30 in Paris is S2 (still 2020 in UTC).
    last_s1 = TrainingSessionFactory(starts_at=paris(2020, 12, 31, 23, 30))
    first_s2 = TrainingSessionFactory(starts_at=paris(2021, 1, 1, 0, 30))
    first_day = TrainingSessionFactory(starts_at=paris(2020, 7, 1, 0, 0))
    last_day = TrainingSessionFactory(starts_at=paris(2022, 6, 30, 23, 59))
    for session, person in [(last_s1, a), (first_s2, b), (first_day, c), (last_day, d)]:
        ParticipationFactory(session=session, person=person, attendance="present")

    assert values(indicators.compute(programme), "helpers_trained") == [2, 1, 0, 1]


def test_records_outside_the_programme_count_nowhere(programme, people):
    before, after, pre_trained = people(3)
    for person, start in [
        (before, paris(2020, 6, 30, 23, 59)),
        (after, paris(2022, 7, 1, 0, 0)),
        (pre_trained, paris(2019, 5, 1, 9)),
    ]:
        session = TrainingSessionFactory(starts_at=start)
        ParticipationFactory(session=session, person=person, attendance="present")
    # First trained before the programme: a presence during it does not make a new helper.
    during = TrainingSessionFactory(starts_at=paris(2021, 3, 1, 9))
    ParticipationFactory(session=during, person=pre_trained, attendance="present")
    StructureFactory(affiliated_on=datetime.date(2020, 6, 30))
    StructureFactory(affiliated_on=datetime.date(2022, 7, 1))
    StructureFactory(affiliated_on=None)
    helper_structure = Structure.objects.get(helpers__user=before)
    AccompanimentFactory(helper=before, structure=helper_structure, date=datetime.date(2022, 7, 1))

    figures = indicators.compute(programme)

    assert values(figures, "helpers_trained") == [0, 0, 0, 0]
    assert values(figures, "structures_affiliated") == [0, 0, 0, 0]
    assert values(figures, "accompaniments") == [0, 0, 0, 0]
    assert values(figures, "trainings_held") == [0, 1, 0, 0]


def test_structures_count_approved_ones_on_their_affiliation_date(programme, partners):
    StructureFactory(affiliated_on=datetime.date(2020, 7, 1), partner=partners["D09"])
    StructureFactory(affiliated_on=datetime.date(2020, 12, 31))
    StructureFactory(affiliated_on=datetime.date(2021, 1, 1), status="pending")
    StructureFactory(affiliated_on=datetime.date(2021, 1, 1), status="rejected")
    StructureFactory(affiliated_on=datetime.date(2022, 6, 30), partner=partners["EPN"])

    figures = indicators.compute(programme)

    assert values(figures, "structures_affiliated") == [2, 0, 0, 1]
    assert values(figures, "structures_affiliated", "D09") == [1, 0, 0, 0]
    assert values(figures, "structures_affiliated", "EPN") == [0, 0, 0, 1]


def test_accompaniments_sum_participants_for_the_structure_partner(programme, partners):
    epn = StructureFactory(partner=partners["EPN"], affiliated_on=None)
    helper = make_helper(structure=epn)
    AccompanimentFactory(helper=helper, structure=epn, date=datetime.date(2021, 1, 1))
    AccompanimentFactory(
        helper=helper,
        structure=epn,
        date=datetime.date(2021, 6, 30),
        kind="collective",
        participants=9,
    )

    figures = indicators.compute(programme)

    assert values(figures, "accompaniments") == [0, 10, 0, 0]
    assert values(figures, "accompaniments", "EPN") == [0, 10, 0, 0]
    assert values(figures, "accompaniments", "WTC") == [0, 0, 0, 0]


def test_webinars_count_attendances_not_helpers(programme, people):
    a, b = people(2)
    webinar = TrainingSessionFactory(kind="webinar", starts_at=paris(2021, 4, 1, 18))
    ParticipationFactory(session=webinar, person=a, attendance="present")
    ParticipationFactory(session=webinar, person=b, attendance="absent")

    figures = indicators.compute(programme)

    assert values(figures, "webinar_attendances") == [0, 1, 0, 0]
    assert values(figures, "helpers_trained") == [0, 0, 0, 0]
    assert values(figures, "trainings_held") == [0, 0, 0, 0]


def test_an_erased_account_still_counts_once(programme, people):
    (person,) = people()
    session = TrainingSessionFactory(starts_at=paris(2021, 3, 1, 9))
    ParticipationFactory(session=session, person=person, attendance="present")
    person.delete()

    assert values(indicators.compute(programme), "helpers_trained") == [0, 1, 0, 0]


def test_rows_carry_cumulative_target_and_rounded_percentage(programme, partners, people):
    trained = people(3)
    for person, start in zip(
        trained,
        [paris(2020, 8, 1, 9), paris(2021, 2, 1, 9), paris(2021, 2, 2, 9)],
        strict=True,
    ):
        session = TrainingSessionFactory(partner=partners["WTC"], starts_at=start)
        ParticipationFactory(session=session, person=person, attendance="present")
    StructureFactory(affiliated_on=datetime.date(2021, 5, 5))

    rows = indicators.compute(programme).rows()
    by = {(r.semester.code, r.key, r.indicator): r for r in rows}

    wtc_s2 = by[("S2", "WTC", "helpers_trained")]
    assert (wtc_s2.value, wtc_s2.cumulative, wtc_s2.target) == (2, 3, 250)
    assert wtc_s2.percent_of_target == Decimal("1.2")
    all_s4 = by[("S4", "ALL", "helpers_trained")]
    assert (all_s4.value, all_s4.cumulative, all_s4.target) == (0, 3, 1000)
    assert all_s4.percent_of_target == Decimal("0.3")
    structures = by[("S2", "WTC", "structures_affiliated")]
    assert (structures.value, structures.target, structures.percent_of_target) == (1, None, None)
    assert by[("S3", "ALL", "structures_affiliated")].percent_of_target == Decimal("0.2")
    assert by[("S1", "ALL", "trainings_held")].target is None
    # One row per semester × partner × indicator, plus ALL; platform sessions only in ALL.
    assert len(rows) == 4 * (4 * 7 + 8)
    assert ("S1", "WTC", "platform_sessions") not in by


def test_percentages_round_half_up_to_one_decimal():
    assert indicators._percent(1359, 1000) == Decimal("135.9")
    assert indicators._percent(1, 8) == Decimal("12.5")
    assert indicators._percent(1, 16) == Decimal("6.3")  # 6.25 rounds up
    assert indicators._percent(5, None) is None


def test_platform_sessions_come_from_the_daily_counts(programme):
    DailyPlatformSessions.objects.bulk_create(
        [
            DailyPlatformSessions(day=datetime.date(2020, 7, 1), region="Vlaanderen", sessions=7),
            DailyPlatformSessions(day=datetime.date(2020, 12, 31), region="unknown", sessions=3),
            DailyPlatformSessions(day=datetime.date(2021, 1, 1), region="Vlaanderen", sessions=5),
            DailyPlatformSessions(day=datetime.date(2022, 7, 1), region="Vlaanderen", sessions=9),
        ]
    )

    by_region = indicators.compute(programme, dimension=Dimension.REGION)

    assert values(by_region, "platform_sessions") == [10, 5, 0, 0]
    assert values(by_region, "platform_sessions", "Vlaanderen") == [7, 5, 0, 0]
    assert values(by_region, "platform_sessions", "unknown") == [3, 0, 0, 0]


def test_country_region_and_zone_dimensions(programme, partners):
    StructureFactory(affiliated_on=datetime.date(2020, 9, 1), partner=partners["D09"])
    StructureFactory(
        affiliated_on=datetime.date(2020, 9, 1), partner=partners["WTC"], postal_code="75011"
    )
    StructureFactory(affiliated_on=datetime.date(2020, 9, 1), partner=partners["EMC"])  # Lille

    country = indicators.compute(programme, dimension=Dimension.COUNTRY)
    region = indicators.compute(programme, dimension=Dimension.REGION)
    zone = indicators.compute(programme, dimension=Dimension.ZONE)

    assert values(country, "structures_affiliated", "FR")[0] == 2
    assert values(country, "structures_affiliated", "BE")[0] == 1
    # The region is the structure's own: WTC's structure in Paris is not in Hauts-de-France.
    assert values(region, "structures_affiliated", "Hauts-de-France")[0] == 1
    assert values(region, "structures_affiliated", "Île-de-France")[0] == 1
    assert values(region, "structures_affiliated", "Wallonie")[0] == 1  # D09's, in Mons
    # The zone follows the postal code (Mons and Lille are in it, Paris is not).
    assert values(zone, "structures_affiliated", "in_zone")[0] == 2
    assert values(zone, "structures_affiliated", "outside_zone")[0] == 1


def test_a_partner_sees_only_its_own_records_against_its_target(programme, partners, people):
    a, b = people(2)
    for person, partner in [(a, "WTC"), (b, "D09")]:
        session = TrainingSessionFactory(partner=partners[partner], starts_at=paris(2021, 2, 1, 9))
        ParticipationFactory(session=session, person=person, attendance="present")

    figures = indicators.compute(programme, partner=partners["D09"])
    rows = {(r.semester.code, r.key, r.indicator): r for r in figures.rows()}

    assert [k for k, _label in figures.keys] == ["D09"]
    assert rows[("S2", "ALL", "helpers_trained")].value == 1
    assert rows[("S2", "ALL", "helpers_trained")].target == 250
    assert "platform_sessions" not in figures.indicators


def test_the_number_of_queries_does_not_grow_with_the_data(
    programme, people, django_assert_num_queries
):
    def grow(count):
        session = TrainingSessionFactory(starts_at=paris(2021, 2, 1, 9))
        for person in people(count):
            ParticipationFactory(session=session, person=person, attendance="present")
        StructureFactory.create_batch(count, affiliated_on=datetime.date(2021, 2, 1))

    grow(2)
    with django_assert_num_queries(10):  # 7 sources of 8 indicators, and 3 more
        indicators.compute(programme).rows()
    grow(20)
    with django_assert_num_queries(10):  # 7 sources of 8 indicators, and 3 more
        rows = indicators.compute(programme).rows()
    assert [r.value for r in rows if (r.key, r.indicator) == ("ALL", "helpers_trained")][1] == 22
