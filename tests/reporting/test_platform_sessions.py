import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from reporting import services
from reporting.models import DailyPlatformSessions, PageView
from tests.factories import StructureFactory, make_helper

pytestmark = pytest.mark.django_db
HOME = reverse("home")


def test_a_session_counts_once_a_day_with_a_hash_and_the_helper_region(client, partners):
    helper = make_helper(structure=StructureFactory(partner=partners["D09"], postal_code="9000"))
    client.force_login(helper)

    with time_machine.travel(datetime.datetime(2021, 3, 1, 10, tzinfo=datetime.UTC)):
        client.get(HOME)
        client.get(HOME)
        client.get(reverse("helpers:dashboard"))

    (view,) = PageView.objects.all()
    assert view.day == datetime.date(2021, 3, 1)
    assert view.region == "Vlaanderen"
    session_key = client.session.session_key
    assert session_key not in view.session_hash and len(view.session_hash) == 64
    assert {f.name for f in PageView._meta.get_fields()} == {"id", "day", "session_hash", "region"}


def test_the_region_is_the_helper_structures_not_its_partners(client, partners):
    tournai = StructureFactory(partner=partners["WTC"], country="BE", postal_code="7500")
    client.force_login(make_helper(structure=tournai))

    client.get(HOME)

    assert list(PageView.objects.values_list("region", flat=True)) == ["Wallonie"]


def test_the_same_session_counts_again_the_next_day(client, helper):
    client.force_login(helper)
    with time_machine.travel(datetime.datetime(2021, 3, 1, 10, tzinfo=datetime.UTC)):
        client.get(HOME)
    with time_machine.travel(datetime.datetime(2021, 3, 2, 10, tzinfo=datetime.UTC)):
        client.get(HOME)

    hashes = list(PageView.objects.order_by("day").values_list("session_hash", flat=True))
    assert len(hashes) == 2 and hashes[0] != hashes[1]  # not linkable from day to day


def test_users_without_a_helper_structure_count_as_unknown(client, coordinator):
    client.force_login(coordinator)
    client.get(HOME)
    assert list(PageView.objects.values_list("region", flat=True)) == ["unknown"]


def test_a_lost_cache_entry_does_not_count_the_session_twice(client, helper):
    client.force_login(helper)
    client.get(HOME)
    cache.clear()
    client.get(HOME)
    assert PageView.objects.count() == 1


def test_visitors_without_a_session_and_non_pages_are_not_counted(client, coordinator):
    client.get(HOME)
    client.force_login(coordinator)
    client.get(reverse("reporting:open_data", args=["crosslearn"]))  # JSON, not a page
    client.get("/fr/does-not-exist/")
    assert PageView.objects.count() == 0


def test_the_daily_roll_up_counts_distinct_sessions_per_region_and_is_safe_to_rerun():
    day = datetime.date(2021, 3, 1)
    PageView.objects.bulk_create(
        [PageView(day=day, session_hash=f"h{i}", region="Wallonie") for i in range(3)]
        + [PageView(day=day, session_hash="x", region="unknown")]
        + [PageView(day=day + datetime.timedelta(days=1), session_hash="t", region="Wallonie")]
    )

    services.roll_up_platform_sessions(today=day + datetime.timedelta(days=1))
    services.roll_up_platform_sessions(today=day + datetime.timedelta(days=1))

    counts = DailyPlatformSessions.objects.values_list("day", "region", "sessions")
    assert sorted(counts) == [(day, "Wallonie", 3), (day, "unknown", 1)]  # today not yet

    services.roll_up_platform_sessions(today=day + datetime.timedelta(days=30))
    assert PageView.objects.count() == 0  # raw rows go after a week
    assert DailyPlatformSessions.objects.filter(day=day).count() == 2  # the counts stay


def test_later_page_views_of_a_counted_session_cost_no_query(
    client, helper, django_assert_max_num_queries
):
    client.force_login(helper)
    client.get(HOME)
    with django_assert_max_num_queries(50) as captured:
        client.get(HOME)
    assert not [q for q in captured.captured_queries if "reporting_" in q["sql"]]
    assert not [q for q in captured.captured_queries if "helpers_helperprofile" in q["sql"]]
