import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from accounts.services import assign_role
from courses.models import Competence
from helpers.models import HelperProfile, Membership
from partners.models import Partner, StructureKind

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    language = "fr"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


def make_user(role, *, partner=None, **kwargs):
    user = UserFactory(**kwargs)
    return assign_role(user=user, role=role, partner=partner)


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Structure"

    ref = factory.Sequence(lambda n: f"STR-{n:05d}")
    name = factory.Sequence(lambda n: f"Espace numérique {n}")
    kind = factory.LazyFunction(lambda: StructureKind.objects.get(code="association"))
    partner = factory.LazyFunction(lambda: Partner.objects.get(code="WTC"))
    country = factory.LazyAttribute(lambda o: o.partner.country)
    postal_code = factory.LazyAttribute(lambda o: "59000" if o.country == "FR" else "7000")
    city = factory.LazyAttribute(lambda o: "Lille" if o.country == "FR" else "Mons")
    affiliated_on = datetime.date(2021, 3, 15)


def make_helper(*, structure=None, sector=None, **kwargs):
    """A helper approved at ``structure`` (a new WTC structure by default)."""
    kwargs.setdefault("last_name", "Martin")  # helpers give both names when they join
    user = make_user(User.Role.HELPER, **kwargs)
    structure = structure or StructureFactory()
    HelperProfile.objects.create(user=user, structure=structure, sector=sector)
    Membership.objects.create(helper=user, structure=structure, status="approved")
    return user


def make_pending_helper(*, structure, **kwargs):
    """A helper whose request to join ``structure`` waits for its partner's answer."""
    user = make_user(User.Role.HELPER, **kwargs)
    HelperProfile.objects.create(user=user)
    Membership.objects.create(helper=user, structure=structure)
    return user


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.TrainingSession"

    ref = factory.Sequence(lambda n: f"SES-{n:05d}")
    kind = "training"
    title = factory.Sequence(lambda n: f"Formation socle {n}")
    partner = factory.LazyFunction(lambda: Partner.objects.get(code="WTC"))
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    place = "Maison de quartier"
    postal_code = "59000"
    capacity = 10
    language = "fr"

    class Params:  # started=True: under way since an hour, so attendance can be marked
        started = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
        )


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Participation"

    session = factory.SubFactory(TrainingSessionFactory)
    person = factory.LazyFunction(lambda: make_helper())


class AccompanimentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "helpers.Accompaniment"
        skip_postgeneration_save = True

    helper = factory.LazyFunction(lambda: make_helper())
    structure = factory.LazyAttribute(lambda o: o.helper.helper_profile.structure)
    date = datetime.date(2021, 3, 15)
    duration_minutes = 30

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            codes = extracted or ["2.1"]
            self.themes.set(Competence.objects.current().filter(code__in=codes))


def make_courses(count, start=0):
    """``count`` published learner courses, each with two true/false steps (bulk, fast)."""
    from courses.models import Course, Step

    competences = list(Competence.objects.current()[:5])
    courses = Course.objects.bulk_create(
        Course(
            slug=f"course-{n}",
            audience="learner",
            level=1 + n % 3,
            title=f"Cours {n}",
            title_fr=f"Cours {n}",
            title_nl=f"Cursus {n}",
            summary_fr="Résumé",
            published=True,
        )
        for n in range(start, start + count)
    )
    through = Course.competences.through
    through.objects.bulk_create(
        through(course=c, competence=competences[n % 5]) for n, c in enumerate(courses)
    )
    text = {"fr": "?", "nl": "?", "en": "?"}
    data = {"type": "true_false", "prompt": text, "answer": True, "explanation": text}
    Step.objects.bulk_create(
        Step(course=c, position=p, type="true_false", data=data) for c in courses for p in (1, 2)
    )
    return courses
