"""Write the CSV files of the seed figures data set (PRODUCT.md section 5 import format).

Deterministic: running it again rewrites the same files. ``python tests/data/reporting/generate.py``

Helpers trained per semester 155, 333, 371, 500 and new structures 245, 327, 260, 227, as in the
seed document, plus records that must count nowhere or only once: structures affiliated before
the programme and after it, people absent or excused, people trained twice, a person first
trained before the programme, webinar attendances.
"""

import csv
import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTNERS = ["WTC", "EMC", "D09", "EPN"]
COUNTRY = {"WTC": "FR", "EMC": "FR", "D09": "BE", "EPN": "BE"}
IN_ZONE = {
    "WTC": ("59000", "Lille"),
    "EMC": ("62300", "Lens"),
    "D09": ("9000", "Gent"),
    "EPN": ("5000", "Namur"),
}
OUTSIDE_ZONE = {"FR": ("75011", "Paris"), "BE": ("1000", "Bruxelles")}
KINDS = ["association", "library", "social_services", "epn", "municipality"]
SECTORS = ["insertion", "social", "seniors", "banking", "health"]
SEMESTERS = [
    (datetime.date(2020, 7, 1), datetime.date(2020, 12, 31)),
    (datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)),
    (datetime.date(2021, 7, 1), datetime.date(2021, 12, 31)),
    (datetime.date(2022, 1, 1), datetime.date(2022, 6, 30)),
]
HELPERS_TRAINED = [155, 333, 371, 500]
NEW_STRUCTURES = [245, 327, 260, 227]
PER_SESSION = 12


def spread(start, end, index, count):
    """The ``index``-th of ``count`` dates spread from ``start`` to ``end`` (both included)."""
    days = (end - start).days
    return start + datetime.timedelta(days=(index * days) // max(count - 1, 1))


def structures():
    header = [
        "ref",
        "name",
        "kind",
        "partner",
        "country",
        "postal_code",
        "city",
        "registration_number",
        "affiliated_on",
    ]
    rows = []

    def add(ref, partner, day, outside=False):
        country = COUNTRY[partner]
        postal_code, city = OUTSIDE_ZONE[country] if outside else IN_ZONE[partner]
        rows.append(
            [
                ref,
                f"Structure {ref}",
                KINDS[len(rows) % len(KINDS)],
                partner,
                country,
                postal_code,
                city,
                "",
                day.isoformat(),
            ]
        )

    pairs = zip(SEMESTERS, NEW_STRUCTURES, strict=True)
    for number, ((start, end), count) in enumerate(pairs, start=1):
        for index in range(count):
            partner = PARTNERS[index % 4]
            add(
                f"S{number}-STR-{index:04d}",
                partner,
                spread(start, end, index, count),
                outside=index % 10 == 9,
            )
    # Outside the programme: count in no semester.
    add("OUT-STR-BEFORE-1", "WTC", datetime.date(2020, 6, 30))
    add("OUT-STR-BEFORE-2", "D09", datetime.date(2019, 3, 1))
    add("OUT-STR-AFTER-1", "EPN", datetime.date(2022, 7, 1))
    return header, rows


def participations():
    header = [
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
    ]
    rows = []
    people = {}  # (semester, index) -> (email, partner)

    def add(session_ref, kind, day, partner, email, status, person_number):
        structure_ref = "S1-STR-" + f"{PARTNERS.index(partner) + 4 * (person_number % 20):04d}"
        rows.append(
            [
                session_ref,
                kind,
                f"{kind.capitalize()} {session_ref}",
                day.isoformat(),
                partner,
                email,
                f"Aidant{person_number}",
                f"Nom{person_number}",
                structure_ref,
                SECTORS[person_number % len(SECTORS)],
                status,
            ]
        )

    person_number = 0
    pairs = zip(SEMESTERS, HELPERS_TRAINED, strict=True)
    for number, ((start, end), count) in enumerate(pairs, start=1):
        by_partner = {p: [] for p in PARTNERS}
        for index in range(count):
            by_partner[PARTNERS[index % 4]].append(index)
        for partner, indexes in by_partner.items():
            sessions = (len(indexes) + PER_SESSION - 1) // PER_SESSION
            for position, index in enumerate(indexes):
                session = position // PER_SESSION
                kind = "awareness" if session % 2 == 0 else "training"
                day = spread(start, end, session, sessions)
                email = f"aidant.s{number}.{index:04d}@example.org"
                person_number += 1
                people[(number, index)] = (email, partner, person_number)
                add(
                    f"S{number}-{partner}-{session:03d}",
                    kind,
                    day,
                    partner,
                    email,
                    "present",
                    person_number,
                )
                if position % PER_SESSION == 0:
                    # One absent and one excused newcomer per session: never trained.
                    for status in ("absent", "excused"):
                        person_number += 1
                        add(
                            f"S{number}-{partner}-{session:03d}",
                            kind,
                            day,
                            partner,
                            f"jamais.{status}.s{number}.{partner.lower()}{session:03d}@example.org",
                            status,
                            person_number,
                        )
    # Trained again later (continuing training): each person counts once, in the first semester.
    # The address is written in another case, as people do.
    for index in range(0, 40):
        email, partner, number = people[(1, index)]
        add(
            f"S3-{partner}-AGAIN",
            "training",
            datetime.date(2021, 9, 15),
            partner,
            email.upper() if index % 2 else email,
            "present",
            number,
        )
    # Absent in S1, present in S2: trained in S2.
    email, partner, number = people[(2, 3)]
    add("S1-EPN-000", "awareness", SEMESTERS[0][0], "EPN", email, "absent", number)
    # Webinars: present attendances, not helpers trained.
    for index in range(0, 30):
        email, partner, number = people[(2, index)]
        add("S2-WEBINAR-01", "webinar", datetime.date(2021, 4, 8), "WTC", email, "present", number)
    # First trained before the programme, again during it: counts nowhere.
    add(
        "PRE-WTC-001",
        "training",
        datetime.date(2020, 6, 30),
        "WTC",
        "avant.programme@example.org",
        "present",
        9200,
    )
    add(
        "S2-WTC-000",
        "awareness",
        SEMESTERS[1][0],
        "WTC",
        "avant.programme@example.org",
        "present",
        9200,
    )
    # Trained after the programme only: counts nowhere.
    add(
        "POST-EPN-001",
        "training",
        datetime.date(2022, 7, 1),
        "EPN",
        "apres.programme@example.org",
        "present",
        9201,
    )
    return header, rows


def accompaniments(participation_rows):
    header = [
        "ref",
        "date",
        "helper_email",
        "structure_ref",
        "kind",
        "participants",
        "duration_minutes",
        "themes",
        "place",
        "postal_code",
    ]
    rows = []
    helpers = [r for r in participation_rows if r[10] == "present"][:50]
    for number, (start, end) in enumerate(SEMESTERS, start=1):
        for index in range(20):
            helper = helpers[(number * 20 + index) % len(helpers)]
            collective = index % 5 == 4
            rows.append(
                [
                    f"ACC-S{number}-{index:03d}",
                    spread(start, end, index, 20).isoformat(),
                    helper[5],
                    helper[8],
                    "collective" if collective else "individual",
                    8 if collective else 1,
                    60 if collective else 30,
                    "2.1|4.2",
                    "structure",
                    "",
                ]
            )
    # (An accompaniment before the programme's start is refused by the import itself:
    # tests/helpers/test_limits.py.)
    return header, rows


def write(name, header, rows):
    with open(HERE / name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    write("structures.csv", *structures())
    header, rows = participations()
    write("participations.csv", header, rows)
    write("accompaniments.csv", *accompaniments(rows))
