"""Admin lists cost the same number of queries for 10 rows as for 500 (no N+1)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from courses.models import Competence
from helpers.models import Accompaniment, HelperProfile, Membership
from partners.models import Partner, Structure, StructureKind
from training.models import Participation, TrainingSession


def make_rows(count):
    """``count`` rows of every listed model, all of partner A (WTC)."""
    partner = Partner.objects.get(code="WTC")
    kind = StructureKind.objects.get(code="association")
    offset = Structure.objects.count()
    structures = Structure.objects.bulk_create(
        Structure(
            ref=f"Q-{offset + n}",
            name=f"Structure {n}",
            kind=kind,
            partner=partner,
            country="FR",
            postal_code="59000",
            city="Lille",
        )
        for n in range(count)
    )
    users = User.objects.bulk_create(
        User(email=f"q{offset + n}@example.org", role="helper") for n in range(count)
    )
    HelperProfile.objects.bulk_create(
        HelperProfile(user=u, structure=s) for u, s in zip(users, structures, strict=True)
    )
    Membership.objects.bulk_create(
        Membership(helper=u, structure=s) for u, s in zip(users, structures, strict=True)
    )
    start = timezone.now()
    sessions = TrainingSession.objects.bulk_create(
        TrainingSession(
            ref=f"QS-{offset + n}",
            kind="training",
            title=f"Session {n}",
            partner=partner,
            starts_at=start + datetime.timedelta(days=n),
            ends_at=start + datetime.timedelta(days=n, hours=3),
            language="fr",
        )
        for n in range(count)
    )
    Participation.objects.bulk_create(
        Participation(session=s, person=u, attendance="present")
        for s, u in zip(sessions, users, strict=True)
    )
    accompaniments = Accompaniment.objects.bulk_create(
        Accompaniment(ref=f"QA-{offset + n}", helper=u, structure=s, date=datetime.date(2021, 5, 1))
        for n, (u, s) in enumerate(zip(users, structures, strict=True))
    )
    theme = Competence.objects.current().first()
    Accompaniment.themes.through.objects.bulk_create(
        Accompaniment.themes.through(accompaniment_id=a.pk, competence_id=theme.pk)
        for a in accompaniments
    )


LISTS = [
    "partners_structure",
    "training_trainingsession",
    "training_participation",
    "helpers_accompaniment",
    "helpers_helperprofile",
    "helpers_membership",
    "accounts_user",
    "partners_importjob",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("persona", ["operator_a", "coordinator"])
def test_a_changelist_costs_the_same_queries_for_10_and_500_rows(
    name, persona, request, client, with_totp, django_assert_num_queries
):
    user = request.getfixturevalue(persona)
    client.force_login(with_totp(user))
    url = reverse(f"admin:{name}_changelist")
    make_rows(10)
    client.get(url)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    small_count = len(small)  # read now: the query log is a bounded deque
    make_rows(490)
    client.get(url)  # new accounts among the rows made the cached account stale: warm again
    with django_assert_num_queries(small_count):
        response = client.get(url)
    assert response.status_code == 200
    if name != "partners_importjob":
        assert response.context["cl"].result_count >= 500
