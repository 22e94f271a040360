import io

import pytest
from django.core.management import call_command
from django.db.models import Min, Sum

from helpers.models import Accompaniment
from partners.models import Structure
from reporting.models import DailyPlatformSessions, Programme
from training.models import Participation

pytestmark = pytest.mark.django_db


def load(scale):
    out = io.StringIO()
    call_command("seed_demo", scale=scale, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def trained_per_semester():
    firsts = (
        Participation.objects.filter(
            attendance="present", session__kind__in=["awareness", "training"]
        )
        .values("person")
        .annotate(first=Min("session__starts_at"))
    )
    semesters = list(Programme.objects.get(slug="crosslearn").semesters.all())
    counts = [0] * len(semesters)
    for row in firsts:
        day = row["first"].date()
        counts[next(i for i, s in enumerate(semesters) if s.start <= day <= s.end)] += 1
    return counts


def test_it_reproduces_the_seed_proportions_at_a_small_scale():
    output = load(0.1)
    assert "accompaniments" in output
    assert trained_per_semester() == [16, 33, 37, 50]
    assert Structure.objects.count() == 24 + 33 + 26 + 23  # round(24.5) == 24
    assert Accompaniment.objects.count() == 6600
    assert Accompaniment.objects.filter(themes__isnull=True).count() == 0
    sessions = DailyPlatformSessions.objects.aggregate(total=Sum("sessions"))["total"]
    assert sessions == 1550 + 2840 + 2600 + 3010


def test_it_is_deterministic_and_runs_once():
    load(0.02)
    first = list(
        Accompaniment.objects.order_by("ref").values_list("ref", "date", "participants")[:50]
    )
    assert "already present" in load(0.02)
    assert (
        list(Accompaniment.objects.order_by("ref").values_list("ref", "date", "participants")[:50])
        == first
    )


def test_learners_follow_courses_once_the_content_is_loaded():
    from accounts.models import LearnerProfile
    from courses.models import Progress
    from tests.factories import make_courses

    make_courses(6)
    load(0.02)
    assert LearnerProfile.objects.count() == 100
    assert Progress.objects.filter(user__learner_profile__isnull=False).count() >= 100
    assert LearnerProfile.objects.filter(structure__isnull=True).count() == 0


def test_demo_structures_and_sessions_read_as_real_ones():
    """A Tournai library is not "Bibliotheek Tournai", a CCAS is not of kind bank."""
    from reporting.demo import STRUCTURE_NAMES, TOWNS
    from training.models import TrainingSession

    load(0.1)
    walloon = {city for _code, city in TOWNS["Wallonie"]}
    flemish = {city for _code, city in TOWNS["Vlaanderen"]}
    for structure in Structure.objects.select_related("kind", "partner"):
        forms = STRUCTURE_NAMES[structure.kind.code]
        expected = forms[0 if structure.country == "FR" else 1 if structure.city in walloon else 2]
        assert structure.name.split(" (")[0] == expected.format(city=structure.city)
        assert structure.city in (flemish if structure.partner.language == "nl" else walloon) or (
            structure.country == "FR"
        )
    dutch = TrainingSession.objects.filter(partner__language="nl")
    assert dutch.exists()
    assert not dutch.filter(title__icontains="formation").exists()
    assert not dutch.filter(place="Salle de formation").exists()
