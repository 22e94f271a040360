"""Import of participations:
``session_ref,session_kind,session_title,session_date,partner,email,first_name,last_name,structure_ref,sector,status``.

Each row is one person's attendance at one session. Sessions are created or updated from their
repeated details; a person unknown by e-mail (compared without case or spaces) gets a helper
account without password (they set one through "forgotten password") and a helper profile,
approved at the row's structure (the importing partner's approval).

An operator's import stays inside their partner: its sessions, structures and helpers only.
No import changes the role of a learner's or a staff member's account.

A spreadsheet knows the session's day, not its hours: a new session is placed from 09:00 to
12:00 Europe/Paris (a morning half-day, the usual format of awareness sessions and trainings).
When a re-import moves an existing session to another day, its times of day and length are kept.
"""

import datetime
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts import roles
from accounts.models import User
from helpers.models import HelperProfile, Membership
from helpers.services.membership import approved_by_import
from partners.imports.common import Importer, RowError, chunked, users_by_email
from partners.models import Partner, Sector
from training.models import Participation, SessionKind, TrainingSession

PARIS = ZoneInfo("Europe/Paris")
DEFAULT_START = datetime.time(9, 0)
DEFAULT_LENGTH = datetime.timedelta(hours=3)
SESSION_DETAILS = ("session_kind", "session_title", "session_date", "partner")


class ParticipationImporter(Importer):
    kind = "participations"
    model = Participation
    columns = (
        "session_ref",
        "session_kind",
        "session_title",
        "session_date",
        "partner",
        "email",
        "first_name",
        "last_name",
        "structure_ref",
        "sector",
        "status",
    )
    required = (
        "session_ref",
        "session_kind",
        "session_title",
        "session_date",
        "partner",
        "email",
        "status",
    )

    def check(self, records):
        session_refs, emails, structure_refs = set(), set(), set()
        for _n, record in records:
            session_refs.add(record.get("session_ref", "").strip())
            emails.add(record.get("email", "").strip().lower())
            structure_refs.add(record.get("structure_ref", "").strip())
        self.partners = {p.code.upper(): p for p in Partner.objects.all()}
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.structures = self.structures_by_ref(structure_refs - {""})
        self.people = users_by_email(emails)
        self.sessions = {}
        for part in chunked(sorted(session_refs)):
            for session in TrainingSession.objects.filter(ref__in=part):
                self.sessions[session.ref] = session
        self.participations = {}
        for part in chunked([s.pk for s in self.sessions.values()]):
            for participation in Participation.objects.filter(session_id__in=part):
                self.participations[(participation.session_id, participation.person_id)] = (
                    participation
                )
        self.now = timezone.now()
        self.session_rows = {}  # ref → (row, details)
        self.seen = {}
        self.new_sessions, self.changed_sessions = {}, {}
        self.new_people = {}  # e-mail → User with its new HelperProfile
        self.attached_profiles = []  # existing helpers given this partner's structure
        self.profiled = set()
        self.new_participations, self.changed_participations = [], []
        self.run_rows(records, len(records))

    def session_for(self, number, record):
        ref = self.text(record, "session_ref", max_length=50)
        kind = self.choice(record, "session_kind", set(SessionKind.values))
        title = self.text(record, "session_title", max_length=200)
        date = self.date(record, "session_date")
        partner = self.partner_code(record, "partner", self.partners)
        details = {
            "session_kind": kind,
            "session_title": title,
            "session_date": date,
            "partner": partner.pk,
        }
        if ref in self.session_rows:
            first_row, first = self.session_rows[ref]
            for column in SESSION_DETAILS:
                if details[column] != first[column]:
                    raise RowError(
                        column,
                        _("Session “%(ref)s” has a different %(column)s on row %(row)s.")
                        % {"ref": ref, "column": column, "row": first_row},
                    )
            return self.new_sessions.get(ref) or self.sessions[ref]
        self.session_rows[ref] = (number, details)
        session = self.sessions.get(ref)
        if session is None:
            starts_at = datetime.datetime.combine(date, DEFAULT_START, tzinfo=PARIS)
            session = TrainingSession(
                ref=ref,
                kind=kind,
                title=title,
                partner=partner,
                starts_at=starts_at,
                ends_at=starts_at + DEFAULT_LENGTH,
                language=partner.language,
                capacity=12,
            )
            self.new_sessions[ref] = session
            self.created_sessions = getattr(self, "created_sessions", 0) + 1
            return session
        if session.partner_id != partner.pk:
            raise RowError("partner", _("This session belongs to another partner."))
        changed = False
        if session.kind != kind or session.title != title:
            session.kind, session.title = kind, title
            changed = True
        local_start = timezone.localtime(session.starts_at, PARIS)
        if local_start.date() != date:
            length = session.ends_at - session.starts_at
            session.starts_at = datetime.datetime.combine(date, local_start.time(), tzinfo=PARIS)
            session.ends_at = session.starts_at + length
            changed = True
        if changed:
            self.changed_sessions[ref] = session
        return session

    def person_for(self, record):
        email = self.email(record, "email")
        person = self.people.get(email) or self.new_people.get(email)
        if person is None:
            return self.new_person(record, email)
        if person.pk is None:
            return person  # created earlier in this file
        if not roles.is_helper(person) or roles.is_staff_role(person):
            # Never turn a learner's or a staff member's account into a helper's.
            raise RowError(
                "email",
                _(
                    "This address belongs to an account that is not a helper's. The person "
                    "can become a helper from their own account; then import the file again."
                ),
            )
        profile = getattr(person, "helper_profile", None)
        structure = profile.structure if profile else None
        if structure is not None:
            if self.partner is not None and structure.partner_id != self.partner.pk:
                raise RowError("email", _("This helper works for a structure of another partner."))
            return person
        # A helper without an approved structure: this row's structure (of the importing
        # partner) becomes theirs, as the partner's approval. Without one, a partner's
        # import cannot tell that the person is theirs.
        new_structure = self.structure_for(record)
        if new_structure is None and self.partner is not None:
            raise RowError(
                "structure_ref",
                _("This helper has no approved structure yet: give their structure's reference."),
            )
        if email not in self.profiled:
            self.profiled.add(email)
            profile = profile or HelperProfile(user=person, sector=self.sector_for(record))
            profile.structure = new_structure
            self.attached_profiles.append(profile)
        return person

    def new_person(self, record, email):
        person = User(
            email=email,
            first_name=self.text(record, "first_name", max_length=150),
            last_name=self.text(record, "last_name", max_length=150),
            role=User.Role.HELPER,
            password=make_password(None),
            language=self.current_partner.language,
        )
        person.new_profile = HelperProfile(
            user=person, structure=self.structure_for(record), sector=self.sector_for(record)
        )
        self.new_people[email] = person
        return person

    def structure_for(self, record):
        ref = self.text(record, "structure_ref")
        if not ref:
            return None
        structure = self.structures.get(ref)
        if structure is None:
            raise RowError("structure_ref", _("Unknown structure “%(value)s”.") % {"value": ref})
        return structure

    def sector_for(self, record):
        code = self.text(record, "sector")
        if not code:
            return None
        sector = self.sectors.get(code)
        if sector is None:
            raise RowError(
                "sector",
                _("Unknown sector “%(value)s”; use one of: %(allowed)s.")
                % {"value": code, "allowed": ", ".join(self.sectors)},
            )
        return sector

    def check_row(self, number, record):
        session = self.session_for(number, record)
        self.current_partner = self.partners[record["partner"].strip().upper()]
        email = self.email(record, "email")
        self.first_seen(
            self.seen, (session.ref, email), number, "email", _("This person in this session")
        )
        status = self.choice(record, "status", set(Participation.Attendance.values))
        if session.starts_at > self.now:
            raise RowError(
                "session_date",
                _("This session has not started yet: its attendance cannot be imported."),
            )
        # Check the optional references even for known people: a typo must not pass silently.
        self.structure_for(record)
        self.sector_for(record)
        person = self.person_for(record)
        existing = None
        if session.pk is not None and person.pk is not None:
            existing = self.participations.get((session.pk, person.pk))
        if existing is None:
            self.new_participations.append(
                Participation(
                    session=session,
                    person=person,
                    booking=Participation.Booking.CONFIRMED,
                    attendance=status,
                    marked_at=self.now,
                    marked_by=self.user,
                )
            )
            self.created += 1
        elif existing.attendance != status:
            existing.attendance = status
            existing.marked_at = self.now
            existing.marked_by = self.user
            self.changed_participations.append(existing)
            self.updated += 1
        else:
            self.unchanged += 1

    def write(self):
        people = list(self.new_people.values())
        if people:
            User.objects.bulk_create(people, batch_size=1000)
            group, _created = Group.objects.get_or_create(name=User.Role.HELPER.value)
            User.groups.through.objects.bulk_create(
                [User.groups.through(user_id=p.pk, group_id=group.pk) for p in people]
            )
            EmailAddress.objects.bulk_create(
                [EmailAddress(user=p, email=p.email, primary=True, verified=False) for p in people]
            )
            for person in people:
                person.new_profile.user = person
        new_profiles = [p.new_profile for p in people]
        attached_existing = [p for p in self.attached_profiles if p.pk is not None]
        HelperProfile.objects.bulk_create(
            new_profiles + [p for p in self.attached_profiles if p.pk is None], batch_size=1000
        )
        HelperProfile.objects.bulk_update(attached_existing, ["structure"], batch_size=1000)
        attached = [p.user_id for p in self.attached_profiles]
        Membership.objects.pending().filter(helper_id__in=attached).delete()
        approved_by_import(profiles=new_profiles + self.attached_profiles, by=self.user)
        if self.new_sessions:
            bulk_create_with_history(
                list(self.new_sessions.values()), TrainingSession, default_user=self.user
            )
        if self.changed_sessions:
            bulk_update_with_history(
                list(self.changed_sessions.values()),
                TrainingSession,
                fields=["kind", "title", "starts_at", "ends_at"],
                default_user=self.user,
            )
        for participation in self.new_participations:
            # The session and person objects got their keys above; refresh the foreign keys.
            participation.session = participation.session
            participation.person = participation.person
        if self.new_participations:
            bulk_create_with_history(
                self.new_participations, Participation, batch_size=1000, default_user=self.user
            )
        if self.changed_participations:
            bulk_update_with_history(
                self.changed_participations,
                Participation,
                fields=["attendance", "marked_at", "marked_by"],
                batch_size=1000,
                default_user=self.user,
            )
