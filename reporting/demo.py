"""Deterministic demo data at the seed programme's volumes (scale 1), built with bulk inserts.

Scale 1: 4 partners, about 1,059 structures, 1,359 trained helpers (155, 333, 371, 500 per
semester), their sessions and attendances, and 66,000 accompaniments over 2020-07 … 2022-06.
It lives in reporting, the top layer, because it fills every app below.
"""

import datetime
import random
import sys
import zoneinfo

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.models import LearnerProfile, User
from courses.models import Competence, Course, Progress
from helpers import cra
from helpers.models import Accompaniment, AgeBracket, Beneficiary, HelperProfile, Membership
from partners import communes
from partners.models import (
    Partner,
    Sector,
    Structure,
    StructureKind,
    zone_lookup,
)
from reporting.models import DailyPlatformSessions, Programme
from training.models import Participation, TrainingSession

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
SEED = 20200701
STRUCTURES_PER_SEMESTER = [245, 327, 260, 227]
HELPERS_PER_SEMESTER = [155, 333, 371, 500]
ACCOMPANIMENTS = 66_000
LEARNERS = 5_000
# Platform sessions per semester: the seed reports over 15,500 in S1 and 28,400 in S2.
PLATFORM_SESSIONS_PER_SEMESTER = [15_500, 28_400, 26_000, 30_100]
REGION_SHARES = {"Hauts-de-France": 0.45, "Vlaanderen": 0.25, "Wallonie": 0.22, "unknown": 0.08}
BATCH = 5_000
DEMO_DOMAIN = "demo.crosslearn.example"

# Towns of each partner's territory, in the language spoken there.
TOWNS = {
    "FR": [("59000", "Lille"), ("59100", "Roubaix"), ("59200", "Tourcoing"), ("62300", "Lens"),
           ("62000", "Arras"), ("80000", "Amiens"), ("02100", "Saint-Quentin"),
           ("60000", "Beauvais"), ("59140", "Dunkerque"), ("62100", "Calais")],
    "Vlaanderen": [("9000", "Gent"), ("8500", "Kortrijk"), ("8000", "Brugge"),
                   ("8800", "Roeselare"), ("9300", "Aalst")],
    "Wallonie": [("7000", "Mons"), ("6000", "Charleroi"), ("5000", "Namur"),
                 ("7500", "Tournai"), ("6700", "Arlon")],
}  # fmt: skip
# Structure names by kind, as they are called in France, French-speaking and Dutch-speaking
# Belgium ({city}: the town).
STRUCTURE_NAMES = {
    "association": ("Association Lien {city}", "Association Lien {city}", "Vzw Verbinding {city}"),
    "public_service": ("France services {city}", "Maison de l'emploi {city}", "Werkwinkel {city}"),
    "municipality": ("Mairie de {city}", "Administration communale de {city}", "Stad {city}"),
    "social_services": ("CCAS de {city}", "CPAS de {city}", "OCMW {city}"),
    "employment": ("Mission locale de {city}", "Forem {city}", "VDAB {city}"),
    "education": ("Greta {city}", "Promotion sociale {city}", "CVO {city}"),
    "health": ("Maison de santé {city}", "Maison médicale {city}", "Wijkgezondheidscentrum {city}"),
    "bank": ("Point Passerelle {city}", "Agence bancaire de {city}", "Bankkantoor {city}"),
    "library": ("Médiathèque de {city}", "Bibliothèque de {city}", "Bibliotheek {city}"),
    "epn": ("Espace numérique de {city}", "EPN de {city}", "Digipunt {city}"),
    "other": ("Centre social de {city}", "Maison de quartier de {city}", "Buurtcentrum {city}"),
}  # fmt: skip


def territory(partner):
    return "FR" if partner.country == "FR" else partner.region


def structure_name(kind, partner, city):
    """A plausible name: a CCAS in France, a CPAS in Wallonia, an OCMW in Flanders."""
    french, walloon, flemish = STRUCTURE_NAMES.get(kind.code, STRUCTURE_NAMES["other"])
    template = {"FR": french, "Wallonie": walloon}.get(territory(partner), flemish)
    return template.format(city=city)


FIRST_NAMES = [
    "Camille", "Nadia", "Lucas", "Inès", "Thomas", "Fatou", "Sarah", "Hugo", "Lotte",
    "Pieter", "Amina", "Julien", "Emma", "Wout", "Yasmine", "Louis", "Marie", "Jonas",
]  # fmt: skip


class ProgressBar:
    """A one-line progress bar on stderr."""

    def __init__(self, label, total, stream=sys.stderr):
        self.label, self.total, self.done, self.stream = label, max(total, 1), 0, stream

    def advance(self, count):
        self.done += count
        width = 30
        filled = int(width * self.done / self.total)
        self.stream.write(
            f"\r{self.label:<16} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
        )
        if self.done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


def split(total, parts):
    """``total`` split into ``parts`` near-equal integers (the first ones get the remainder)."""
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


def random_day(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def bulk(model, objects, label):
    progress = ProgressBar(label, len(objects))
    created = []
    for index in range(0, len(objects), BATCH):
        chunk = objects[index : index + BATCH]
        created += model.objects.bulk_create(chunk, batch_size=BATCH)
        progress.advance(len(chunk))
    return created


@transaction.atomic
def seed(scale=1.0, stdout=sys.stdout):
    if User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", role=User.Role.HELPER).count() > 10:
        stdout.write("Demo data already present: nothing to do.\n")
        return
    rng = random.Random(SEED)
    programme = Programme.objects.get(slug="crosslearn")
    semesters = list(programme.semesters.order_by("number"))
    partners = list(Partner.objects.order_by("code"))
    kinds = list(StructureKind.objects.all())
    sectors = list(Sector.objects.all())
    competences = list(Competence.objects.current())

    structures = make_structures(rng, scale, semesters, partners, kinds)
    helpers_by_partner = make_helpers(rng, scale, semesters, partners, structures, sectors)
    make_accompaniments(rng, scale, programme, helpers_by_partner, competences)
    make_platform_sessions(rng, scale, semesters)
    make_upcoming_sessions(rng, scale, partners, sectors, helpers_by_partner)
    make_learners(rng, scale, helpers_by_partner)
    stdout.write(
        f"Demo data: {Structure.objects.count()} structures, "
        f"{HelperProfile.objects.count()} helpers, {TrainingSession.objects.count()} sessions, "
        f"{Participation.objects.count()} participations, "
        f"{Accompaniment.objects.count()} accompaniments, "
        f"{LearnerProfile.objects.count()} learners "
        f"({Progress.objects.count()} courses started), "
        f"{DailyPlatformSessions.objects.aggregate(total=Sum('sessions'))['total']} "
        "platform sessions.\n"
    )


def make_structures(rng, scale, semesters, partners, kinds):
    objects, seen = [], {}
    in_zone = zone_lookup()
    for semester, count in zip(semesters, STRUCTURES_PER_SEMESTER, strict=True):
        for partner, share in zip(
            partners, split(round(count * scale), len(partners)), strict=True
        ):
            for _ in range(share):
                number = len(objects) + 1
                postal_code, city = rng.choice(TOWNS[territory(partner)])
                kind = rng.choice(kinds)
                name = structure_name(kind, partner, city)
                seen[name] = seen.get(name, 0) + 1
                structure = Structure(
                    ref=f"DEMO-{partner.code}-{number:06d}",
                    # Several of a kind in one town: numbered like branches.
                    name=name if seen[name] == 1 else f"{name} ({seen[name]})",
                    kind=kind,
                    partner=partner,
                    country=partner.country,
                    postal_code=postal_code,
                    city=city,
                    affiliated_on=random_day(rng, semester.start, semester.end),
                )
                structure.place_in_territory(in_zone)  # bulk_create does not call save()
                objects.append(structure)
    return bulk(Structure, objects, "structures")


def make_helpers(rng, scale, semesters, partners, structures, sectors):
    """Helpers trained per semester as in the seed, with the sessions that trained them."""
    by_partner = {p.pk: [s for s in structures if s.partner_id == p.pk] for p in partners}
    users, profiles, trainings = [], [], []  # trainings: (user index, partner, semester)
    for semester, count in zip(semesters, HELPERS_PER_SEMESTER, strict=True):
        for partner, share in zip(
            partners, split(round(count * scale), len(partners)), strict=True
        ):
            for _ in range(share):
                number = len(users) + 1
                users.append(
                    User(
                        email=f"helper{number:06d}@{DEMO_DOMAIN}",
                        first_name=rng.choice(FIRST_NAMES),
                        role=User.Role.HELPER,
                        language=partner.language,
                        password="!demo",  # unusable: demo helpers do not log in
                    )
                )
                trainings.append((number - 1, partner, semester))
    users = bulk(User, users, "helpers")
    helper_group = Group.objects.get(name=User.Role.HELPER)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=helper_group.pk) for u in users],
        batch_size=BATCH,
    )
    helpers_by_partner = {p.pk: [] for p in partners}
    for index, partner, _ in trainings:
        user = users[index]
        profiles.append(
            HelperProfile(
                user=user, structure=rng.choice(by_partner[partner.pk]), sector=rng.choice(sectors)
            )
        )
        helpers_by_partner[partner.pk].append(user)
    bulk(HelperProfile, profiles, "helper profiles")
    memberships = [
        Membership(helper_id=p.user_id, structure_id=p.structure_id, status="approved")
        for p in profiles
    ]
    bulk(Membership, memberships, "memberships")
    make_sessions(rng, trainings, users)
    return helpers_by_partner


def make_sessions(rng, trainings, users):
    groups = {}
    for index, partner, semester in trainings:
        groups.setdefault((partner, semester), []).append(users[index])
    sessions, participations = [], []
    for (partner, semester), trainees in groups.items():
        for start in range(0, len(trainees), 10):
            day = random_day(rng, semester.start, semester.end)
            starts_at = datetime.datetime.combine(day, datetime.time(9, 30), PARIS)
            session = TrainingSession(
                ref=f"DEMO-{partner.code}-{len(sessions) + 1:06d}",
                kind=rng.choice([TrainingSession.Kind.AWARENESS, TrainingSession.Kind.TRAINING]),
                title=f"{PAST_TITLES[partner.language]} {partner.code} "
                f"{semester.code}-{start // 10 + 1}",
                partner=partner,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=3),
                place=ROOMS[partner.language],
                capacity=12,
                language=partner.language,
            )
            sessions.append(session)
            for person in trainees[start : start + 10]:
                participations.append((len(sessions) - 1, person, Participation.Attendance.PRESENT))
            if rng.random() < 0.5:  # someone registered who did not come
                participations.append(
                    (len(sessions) - 1, rng.choice(trainees), Participation.Attendance.ABSENT)
                )
    sessions = bulk(TrainingSession, sessions, "sessions")
    seen, objects = set(), []
    for session_index, person, attendance in participations:
        key = (session_index, person.pk)
        if key in seen:
            continue
        seen.add(key)
        objects.append(
            Participation(session=sessions[session_index], person=person, attendance=attendance)
        )
    bulk(Participation, objects, "participations")


def make_accompaniments(rng, scale, programme, helpers_by_partner, competences):
    helpers = [
        (partner_id, user) for partner_id, users in helpers_by_partner.items() for user in users
    ]
    structure_of = dict(HelperProfile.objects.values_list("user_id", "structure_id"))
    total = round(ACCOMPANIMENTS * scale)
    objects, themes = [], []
    for number in range(total):
        _, helper = rng.choice(helpers)
        collective = rng.random() < 0.15
        objects.append(
            Accompaniment(
                ref=f"DEMO-ACC-{number + 1:08d}",
                helper=helper,
                structure_id=structure_of[helper.pk],
                date=random_day(rng, programme.start, programme.end),
                kind=Accompaniment.Kind.COLLECTIVE if collective else Accompaniment.Kind.INDIVIDUAL,
                participants=rng.randint(3, 10) if collective else 1,
                duration_minutes=rng.choice([15, 30, 30, 45, 60, 90, 120]),
                place=rng.choice(list(Accompaniment.Place.values)),
                autonomy=rng.choice(list(Accompaniment.Autonomy.values)),
                first_time=rng.random() < 0.4,
            )
        )
        themes.append(rng.sample(competences, k=rng.choice([1, 1, 2])))
    fill_national_report(objects, themes)
    register_entries = fill_registers(objects)
    created = bulk(Accompaniment, objects, "accompaniments")
    link_registers(created, register_entries)
    through = Accompaniment.themes.through
    links = [
        through(accompaniment_id=a.pk, competence_id=c.pk)
        for a, chosen in zip(created, themes, strict=True)
        for c in chosen
    ]
    bulk(through, links, "themes")


WORKSHOP_TITLES = [
    "Premiers pas sur internet",
    "Mes démarches en ligne",
    "Envoyer un e-mail",
    "Reconnaître une arnaque",
    "Eerste stappen met de smartphone",
    "Veilig online bankieren",
]


def fill_national_report(accompaniments, themes):
    """The national report's fields (helpers.cra): where, who came (anonymously), the themes.

    Its own random stream, so the other demo figures stay what they were.
    """
    rng = random.Random("national-report")
    postal_codes = dict(Structure.objects.values_list("pk", "postal_code"))
    for accompaniment, chosen in zip(accompaniments, themes, strict=True):
        postal_code = postal_codes.get(accompaniment.structure_id) or ""
        found = communes.communes_for(postal_code)
        accompaniment.postal_code = postal_code
        accompaniment.commune_code = rng.choice(found).code if found else ""
        accompaniment.cra_themes = cra.themes_for([], [c.code for c in chosen])
        if accompaniment.kind == Accompaniment.Kind.INDIVIDUAL:
            accompaniment.breakdown = cra.of_person(
                **{
                    dimension: rng.choice(["", *choices.values])
                    for dimension, (choices, _legend) in cra.DIMENSIONS.items()
                }
            )
            continue
        accompaniment.workshop_title = rng.choice(WORKSHOP_TITLES)
        accompaniment.workshop_level = rng.choice(cra.WorkshopLevel.values)
        accompaniment.breakdown = {}
        for dimension, (choices, _legend) in cra.DIMENSIONS.items():
            left, given = rng.randint(0, accompaniment.participants), {}
            for value in rng.sample(choices.values, k=len(choices.values)):
                people = rng.randint(0, left)
                if people:
                    given[value] = people
                    left -= people
            if given:
                accompaniment.breakdown[dimension] = given


REGISTER_SHARE = 0.6  # of individual accompaniments, the person is in the register
COMES_BACK = 0.6  # a person in the register is more often someone seen before


def fill_registers(accompaniments):
    """People of the structures' registers: who came to each individual accompaniment, with
    people coming back; workshops say how many came before. Returns, per accompaniment index,
    the register entry who came (or None).

    Its own random stream, so the other demo figures stay what they were.
    """
    rng = random.Random("registers")
    pools, entries, who = {}, [], []
    for accompaniment in accompaniments:
        if accompaniment.kind == Accompaniment.Kind.COLLECTIVE:
            accompaniment.already_accompanied = rng.randint(0, accompaniment.participants // 2)
            who.append(None)
            continue
        if rng.random() >= REGISTER_SHARE:
            who.append(None)
            continue
        pool = pools.setdefault(accompaniment.structure_id, [])
        if pool and rng.random() < COMES_BACK:
            entry = rng.choice(pool)
        else:
            entry = Beneficiary(
                structure_id=accompaniment.structure_id,
                first_name=rng.choice(FIRST_NAMES) if rng.random() < 0.7 else "",
                last_initial=rng.choice("ABCDEFGHJLMNPRSTV") if rng.random() < 0.5 else "",
                age_bracket=rng.choice([""] + list(AgeBracket.values)),
                accompanied_before=rng.random() < 0.2,
            )
            pool.append(entry)
            entries.append(entry)
        accompaniment.registered_participants = 1
        who.append(entry)
    bulk(Beneficiary, entries, "people helped")
    return who


def link_registers(accompaniments, who):
    through = Accompaniment.beneficiaries.through
    links = [
        through(accompaniment_id=a.pk, beneficiary_id=entry.pk)
        for a, entry in zip(accompaniments, who, strict=True)
        if entry is not None
    ]
    bulk(through, links, "register links")


def make_platform_sessions(rng, scale, semesters):
    """Daily distinct sessions per region, summing to the seed's figure for each semester."""
    rows = []
    for semester, total in zip(semesters, PLATFORM_SESSIONS_PER_SEMESTER, strict=True):
        days = (semester.end - semester.start).days + 1
        # fewer sessions on weekends
        weekend = {
            d for d in range(days) if (semester.start + datetime.timedelta(days=d)).weekday() >= 5
        }
        weights = [rng.uniform(0.6, 1.4) * (0.5 if d in weekend else 1) for d in range(days)]
        target, spent = round(total * scale), 0
        for offset, weight in enumerate(weights):
            day_total = (
                round(target * weight / sum(weights)) if offset < days - 1 else target - spent
            )
            spent += day_total
            day = semester.start + datetime.timedelta(days=offset)
            shares = list(REGION_SHARES.items())
            given = 0
            for index, (region, share) in enumerate(shares):
                count = round(day_total * share) if index < len(shares) - 1 else day_total - given
                given += count
                if count > 0:
                    rows.append(DailyPlatformSessions(day=day, region=region, sessions=count))
    bulk(DailyPlatformSessions, rows, "platform days")


UPCOMING_TITLES = {  # the partner's working language first; the others are the translations
    TrainingSession.Kind.AWARENESS: {
        "fr": "Sensibilisation à l'inclusion numérique",
        "nl": "Sensibilisering digitale inclusie",
        "en": "Awareness of digital inclusion",
    },
    TrainingSession.Kind.TRAINING: {
        "fr": "Formation des aidants : tronc commun et secteur",
        "nl": "Opleiding digihelpers: basis en sector",
        "en": "Helper training: core and sector",
    },
    TrainingSession.Kind.WEBINAR: {
        "fr": "Webinaire : les nouvelles arnaques",
        "nl": "Webinar: nieuwe vormen van oplichting",
        "en": "Webinar: the new scams",
    },
}
ROOMS = {"fr": "Salle de formation", "nl": "Vormingslokaal", "en": "Training room"}


def translated(field, texts):
    """The operator's translations of a session's ``field``, as model keyword arguments."""
    return {f"{field}_{code}": text for code, text in texts.items()}


PAST_TITLES = {"fr": "Formation aidants", "nl": "Opleiding digihelpers"}


def make_upcoming_sessions(rng, scale, partners, sectors, helpers_by_partner):
    """Sessions in the coming weeks, partly booked, so the session pages have something to show."""
    today = datetime.date.today()
    sessions, bookings = [], []
    for partner in partners:
        for number in range(max(3, round(12 * scale))):
            kind = rng.choice(list(UPCOMING_TITLES))
            day = today + datetime.timedelta(days=rng.randint(3, 90))
            starts_at = datetime.datetime.combine(day, datetime.time(14, 0), PARIS)
            online = kind == TrainingSession.Kind.WEBINAR
            sessions.append(
                TrainingSession(
                    ref=f"DEMO-{partner.code}-NEXT-{number + 1:05d}",
                    kind=kind,
                    title=UPCOMING_TITLES[kind][partner.language],
                    **translated("title", UPCOMING_TITLES[kind]),
                    partner=partner,
                    sector=rng.choice(sectors) if kind == TrainingSession.Kind.TRAINING else None,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(hours=2),
                    mode=TrainingSession.Mode.ONLINE if online else TrainingSession.Mode.IN_PERSON,
                    online_url="https://visio.example/crosslearn" if online else "",
                    place="" if online else ROOMS[partner.language],
                    **({} if online else translated("place", ROOMS)),
                    postal_code="" if online else rng.choice(TOWNS[territory(partner)])[0],
                    capacity=12,
                    language=partner.language,
                )
            )
            pool = helpers_by_partner[partner.pk]
            people = rng.sample(pool, k=rng.randint(0, min(10, len(pool))))
            bookings.append(people)
    in_zone = zone_lookup()
    for session in sessions:
        session.place_in_territory(in_zone)  # bulk_create does not call save()
    sessions = bulk(TrainingSession, sessions, "upcoming sessions")
    bulk(
        Participation,
        [Participation(session=s, person=p) for s, people in zip(sessions, bookings, strict=True)
         for p in people],
        "bookings",
    )  # fmt: skip


def make_learners(rng, scale, helpers_by_partner):
    """Learners followed by helpers' structures, with progress in the published courses."""
    courses = list(Course.objects.published().filter(audience=Course.Audience.LEARNER))
    if not courses:
        return  # content not loaded (load_content): learners without progress would mislead
    structure_of = dict(HelperProfile.objects.values_list("user_id", "structure_id"))
    helpers = [user for users in helpers_by_partner.values() for user in users]
    now = timezone.now()
    users, profiles, progress = [], [], []
    for _ in range(round(LEARNERS * scale)):
        users.append(
            User(
                first_name=rng.choice(FIRST_NAMES),
                role=User.Role.LEARNER,
                language=rng.choice(["fr", "fr", "nl", "en"]),
                password="!demo",
            )
        )
    users = bulk(User, users, "learners")
    learner_group = Group.objects.get(name=User.Role.LEARNER)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=learner_group.pk) for u in users],
        batch_size=BATCH,
    )
    for number, user in enumerate(users, start=1):
        helper = rng.choice(helpers)
        active = now - datetime.timedelta(days=rng.randint(0, 120))
        profiles.append(
            LearnerProfile(
                user=user,
                structure_id=structure_of[helper.pk],
                created_by=helper,
                consent_given_at=active,
                consent_recorded_by=helper,
                card_username=f"demo-{number:06d}",
                last_activity=active,
            )
        )
        for course in rng.sample(courses, k=rng.randint(1, 4)):
            steps = rng.randint(1, 8)
            done = rng.random() < 0.45
            progress.append(
                Progress(
                    user=user,
                    course=course,
                    current_step=steps,
                    score=rng.randint(0, steps),
                    completed_at=active if done else None,
                )
            )
    bulk(LearnerProfile, profiles, "learner profiles")
    bulk(Progress, progress, "course progress")
