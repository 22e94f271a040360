"""Territory that adds up (issue #13, point 3): every territorial breakdown is taken from where
the work happened, each breakdown's rows add up to the total, and every breakdown shows every
indicator."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from partners.models import Partner
from reporting import indicators
from reporting.indicators import ALL, UNKNOWN, Dimension
from reporting.models import DailyPlatformSessions
from tests.factories import (
    AccompanimentFactory,
    ParticipationFactory,
    StructureFactory,
    TrainingSessionFactory,
    make_helper,
)
from tests.reporting.conftest import assert_every_breakdown_adds_up, paris

pytestmark = pytest.mark.django_db
TERRITORIES = [Dimension.COUNTRY, Dimension.REGION, Dimension.DEPARTMENT, Dimension.ZONE]
OLD = datetime.date(2019, 1, 1)  # affiliated before the programme: counts in no semester


def s1(figures, indicator, key=ALL):
    return figures.value(indicator, figures.semesters[0], key)


def split(programme, indicator, dimension, semester=0):
    """{key: value} of the rows of ``dimension`` for ``indicator`` in one semester, non-zero."""
    figures = indicators.compute(programme, dimension=dimension)
    sem = figures.semesters[semester]
    return {
        r.key: r.value
        for r in figures.rows(semester=sem, totals=False)
        if r.indicator == indicator and r.value
    }


def tournai_structure_of_wtc(**kwargs):
    """A WTC (French partner) structure in Tournai, Belgium: Hainaut, Wallonie, in the zone."""
    return StructureFactory(
        partner=Partner.objects.get(code="WTC"),
        country="BE",
        postal_code="7500",
        city="Tournai",
        **kwargs,
    )


def test_a_structure_counts_where_it_is_in_every_breakdown_not_where_its_partner_is(programme):
    tournai_structure_of_wtc(affiliated_on=datetime.date(2020, 9, 1))
    StructureFactory(affiliated_on=datetime.date(2020, 9, 2))  # WTC in Lille

    assert split(programme, "structures_affiliated", Dimension.PARTNER) == {"WTC": 2}
    assert split(programme, "structures_affiliated", Dimension.COUNTRY) == {"FR": 1, "BE": 1}
    assert split(programme, "structures_affiliated", Dimension.REGION) == {
        "Hauts-de-France": 1,
        "Wallonie": 1,
    }
    assert split(programme, "structures_affiliated", Dimension.DEPARTMENT) == {
        "FR-59": 1,
        "BE-WHT": 1,
    }
    assert split(programme, "structures_affiliated", Dimension.ZONE) == {"in_zone": 2}


def test_country_and_region_agree_for_new_structures(programme, partners):
    """The issue's case: France by country and Hauts-de-France by region no longer differ
    because a French partner's Belgian structure counted in France's region."""
    tournai_structure_of_wtc(affiliated_on=datetime.date(2021, 2, 1))
    StructureFactory.create_batch(
        3, partner=partners["EMC"], affiliated_on=datetime.date(2021, 2, 1)
    )

    country = split(programme, "structures_affiliated", Dimension.COUNTRY, semester=1)
    region = split(programme, "structures_affiliated", Dimension.REGION, semester=1)

    assert country == {"FR": 3, "BE": 1}
    assert region == {"Hauts-de-France": 3, "Wallonie": 1}


def test_a_belgian_helper_trained_by_a_french_partner_counts_in_belgium(programme, partners):
    gent = StructureFactory(partner=partners["D09"], postal_code="9000", affiliated_on=OLD)
    helper = make_helper(structure=gent)
    session = TrainingSessionFactory(partner=partners["EMC"], starts_at=paris(2020, 9, 1, 9))
    ParticipationFactory(session=session, person=helper, attendance="present")
    webinar = TrainingSessionFactory(
        kind="webinar", partner=partners["EMC"], starts_at=paris(2020, 10, 1, 18)
    )
    ParticipationFactory(session=webinar, person=helper, attendance="present")

    for indicator in ["helpers_trained", "webinar_attendances"]:
        # The partner that ran the session keeps the partner row (PRODUCT.md section 3) …
        assert split(programme, indicator, Dimension.PARTNER) == {"EMC": 1}
        # … and the territory is where the helper works.
        assert split(programme, indicator, Dimension.COUNTRY) == {"BE": 1}
        assert split(programme, indicator, Dimension.REGION) == {"Vlaanderen": 1}
        assert split(programme, indicator, Dimension.DEPARTMENT) == {"BE-VOV": 1}
        assert split(programme, indicator, Dimension.ZONE) == {"in_zone": 1}


def test_accompaniments_count_where_their_structure_is(programme, partners):
    tournai = tournai_structure_of_wtc(affiliated_on=OLD)
    helper = make_helper(structure=tournai)
    AccompanimentFactory(
        helper=helper,
        structure=tournai,
        date=datetime.date(2020, 11, 3),
        kind="collective",
        participants=6,
    )

    assert split(programme, "accompaniments", Dimension.PARTNER) == {"WTC": 6}
    assert split(programme, "accompaniments", Dimension.COUNTRY) == {"BE": 6}
    assert split(programme, "accompaniments", Dimension.REGION) == {"Wallonie": 6}
    assert split(programme, "accompaniments", Dimension.DEPARTMENT) == {"BE-WHT": 6}


def test_accompaniments_at_another_place_of_activity_count_there(programme, partners):
    lille = StructureFactory(affiliated_on=OLD)  # the helper's employer
    tournai = tournai_structure_of_wtc(affiliated_on=OLD)  # where the helper holds workshops
    helper = make_helper(structure=lille)
    AccompanimentFactory(helper=helper, date=datetime.date(2020, 11, 3))
    AccompanimentFactory(
        helper=helper,
        date=datetime.date(2020, 11, 4),
        kind="collective",
        participants=5,
        activity_place=tournai,
    )

    assert split(programme, "accompaniments", Dimension.PARTNER) == {"WTC": 6}
    assert split(programme, "accompaniments", Dimension.COUNTRY) == {"FR": 1, "BE": 5}
    assert split(programme, "accompaniments", Dimension.DEPARTMENT) == {"FR-59": 1, "BE-WHT": 5}
    assert split(programme, "accompaniments", Dimension.ZONE) == {"in_zone": 6}


def test_a_training_held_counts_where_it_took_place_or_else_where_its_partner_is(
    programme, partners, people
):
    amiens, online = people(2)
    in_person = TrainingSessionFactory(
        partner=partners["WTC"], starts_at=paris(2020, 9, 1, 9), postal_code="80000"
    )
    remote = TrainingSessionFactory(
        partner=partners["EPN"],
        starts_at=paris(2020, 9, 2, 9),
        mode="online",
        postal_code="5000",  # an online session's postal code says nothing of where it was
    )
    ParticipationFactory(session=in_person, person=amiens, attendance="present")
    ParticipationFactory(session=remote, person=online, attendance="present")

    assert split(programme, "trainings_held", Dimension.COUNTRY) == {"FR": 1, "BE": 1}
    assert split(programme, "trainings_held", Dimension.REGION) == {
        "Hauts-de-France": 1,
        "Wallonie": 1,  # EPN's region
    }
    assert split(programme, "trainings_held", Dimension.DEPARTMENT) == {"FR-80": 1, UNKNOWN: 1}
    assert split(programme, "trainings_held", Dimension.ZONE) == {"in_zone": 1, UNKNOWN: 1}


def test_what_cannot_be_placed_counts_as_not_known_and_the_rows_add_up(programme, people):
    erased, placed = people(2)
    no_structure = make_helper(structure=StructureFactory(affiliated_on=OLD))
    no_structure.helper_profile.structure = None
    no_structure.helper_profile.save()
    session = TrainingSessionFactory(starts_at=paris(2020, 9, 1, 9))
    for person in [erased, placed, no_structure]:
        ParticipationFactory(session=session, person=person, attendance="present")
    erased.delete()

    for dimension in TERRITORIES:
        figures = indicators.compute(programme, dimension=dimension)
        assert s1(figures, "helpers_trained") == 3
        assert s1(figures, "helpers_trained", UNKNOWN) == 2, dimension
        with translation.override("en"):
            assert (UNKNOWN, "Not known") in [(k, str(label)) for k, label in figures.keys]
    assert_every_breakdown_adds_up(programme)


def test_platform_sessions_show_in_every_breakdown_with_what_can_be_attributed(programme):
    DailyPlatformSessions.objects.bulk_create(
        [
            DailyPlatformSessions(day=datetime.date(2020, 7, 1), region="Vlaanderen", sessions=7),
            DailyPlatformSessions(
                day=datetime.date(2020, 7, 1), region="Île-de-France", sessions=2
            ),
            DailyPlatformSessions(day=datetime.date(2020, 7, 1), region="unknown", sessions=3),
        ]
    )

    assert split(programme, "platform_sessions", Dimension.COUNTRY) == {
        "BE": 7,
        "FR": 2,
        UNKNOWN: 3,
    }
    assert split(programme, "platform_sessions", Dimension.PARTNER) == {UNKNOWN: 12}
    assert split(programme, "platform_sessions", Dimension.DEPARTMENT) == {UNKNOWN: 12}
    assert split(programme, "platform_sessions", Dimension.ZONE) == {UNKNOWN: 12}
    figures = indicators.compute(programme, dimension=Dimension.PARTNER)
    keys = {(r.key, r.indicator) for r in figures.rows()}
    assert ("WTC", "platform_sessions") not in keys  # not a zero: nobody knows WTC's share
    assert_every_breakdown_adds_up(programme)


def test_nothing_unknown_means_no_not_known_row(programme):
    StructureFactory(affiliated_on=datetime.date(2020, 9, 1))
    for dimension, _label in Dimension.CHOICES:
        figures = indicators.compute(programme, dimension=dimension)
        assert UNKNOWN not in [key for key, _label in figures.keys], dimension


def test_the_departement_breakdown_names_departements_and_provinces(programme, partners):
    StructureFactory(affiliated_on=datetime.date(2020, 9, 1), postal_code="02100")
    StructureFactory(affiliated_on=datetime.date(2020, 9, 1), partner=partners["D09"])

    figures = indicators.compute(programme, dimension=Dimension.DEPARTMENT)

    assert figures.keys == [("BE-WHT", "Hainaut"), ("FR-02", "02 Aisne")]


def test_the_departement_breakdown_costs_a_constant_number_of_queries(
    programme, people, django_assert_num_queries
):
    def grow(count):
        session = TrainingSessionFactory(starts_at=paris(2021, 2, 1, 9), postal_code="62000")
        for person in people(count):
            ParticipationFactory(session=session, person=person, attendance="present")
        StructureFactory.create_batch(count, affiliated_on=datetime.date(2021, 2, 1))

    grow(2)
    with django_assert_num_queries(9):
        indicators.compute(programme, dimension=Dimension.DEPARTMENT).rows()
    grow(20)
    with django_assert_num_queries(9):
        figures = indicators.compute(programme, dimension=Dimension.DEPARTMENT)
        figures.rows()
    assert figures.value("structures_affiliated", figures.semesters[1], "FR-59") == 22


def test_the_dashboard_splits_by_departement_or_province(client, coordinator, programme):
    StructureFactory(affiliated_on=datetime.date(2020, 9, 1), postal_code="62000")
    client.force_login(coordinator)

    response = client.get(reverse("reporting:dashboard"), {"by": "department", "semester": "S1"})

    assert response.status_code == 200
    assert response.context["dimension"] == "department"
    assert "62 Pas-de-Calais" in response.content.decode()
    assert '<option value="department" selected>' in response.content.decode()


def test_every_breakdown_adds_up_on_the_demo_data_at_the_seed_scale(programme):
    call_command("seed_demo", scale=1, stdout=io.StringIO(), stderr=io.StringIO())

    assert_every_breakdown_adds_up(programme)
    by_country = indicators.compute(programme, dimension=Dimension.COUNTRY)
    by_region = indicators.compute(programme, dimension=Dimension.REGION)
    s2 = by_country.semesters[1]
    # The figures agree now: France's new structures are Hauts-de-France's.
    assert by_country.value("structures_affiliated", s2, "FR") == by_region.value(
        "structures_affiliated", s2, "Hauts-de-France"
    )
    assert by_country.value("helpers_trained", s2) == 333


def test_the_dashboard_charts_platform_sessions_per_partner_as_not_known(client, coordinator):
    DailyPlatformSessions.objects.create(
        day=datetime.date(2020, 7, 1), region="Wallonie", sessions=4
    )
    client.force_login(coordinator)

    url = reverse("reporting:dashboard")
    response = client.get(f"/en{url[3:]}", {"by": "partner", "semester": "S1"})

    groups = {g["key"]: g for g in response.context["groups"]}
    unknown = {r.indicator: r.value for r in groups[UNKNOWN]["rows"]}
    assert unknown["platform_sessions"] == 4
    assert "platform_sessions" not in {r.indicator for r in groups["WTC"]["rows"]}
    charts = {c["indicator"]: c["chart"] for c in response.context["dimension_charts"]}
    bars = [(b["label"], b["value"]) for b in charts["platform_sessions"]["bars"]]
    assert bars == [("Not known", 4)]
