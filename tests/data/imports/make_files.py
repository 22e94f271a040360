# ruff: noqa: E501 — one line per file reads better than wrapped data.
"""Write the import test files (run from the repository root to regenerate them).

Each malformed file has one deliberate mistake; ``malformed.json`` says which problem
(``row N, column NAME`` or, for whole-file problems, a piece of the message) it must produce.
The fixtures in tests/backoffice/conftest.py create the structure ``WTC-0001`` and the helper
``aidant@example.org`` that the files refer to.
"""

import json
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
S = "ref,name,kind,partner,country,postal_code,city,registration_number,affiliated_on"
P = "session_ref,session_kind,session_title,session_date,partner,email,first_name,last_name,structure_ref,sector,status"
A = "ref,date,helper_email,structure_ref,kind,participants,duration_minutes,themes,place,postal_code"

S_OK = "S-1,Espace Lille,association,WTC,FR,59000,Lille,73282932000074,2021-03-15"
S_OK2 = "S-2,Bibliotheek Gent,library,D09,BE,9000,Gent,0403170701,2021-04-01"
P_OK = "SES-1,training,Formation socle,2021-05-10,WTC,Ana@Example.org,Ana,Martin,WTC-0001,social,present"
P_OK2 = "SES-1,training,Formation socle,2021-05-10,WTC,bob@example.org,Bob,Durand,,,absent"
A_OK = "A-1,2021-05-10,aidant@example.org,WTC-0001,individual,1,45,1.1|2.3,structure,59000"
A_OK2 = "A-2,2021-05-11,AIDANT@example.org ,WTC-0001,collective,8,90,5.2,other,59100"

CSV = {
    # kind, lines, expected
    "structures_missing_column.csv": (
        "structures",
        [S.replace(",city", ""), S_OK.replace(",Lille", "")],
        ["row 1, column city"],
    ),
    "structures_unknown_column.csv": (
        "structures",
        [S + ",phone", S_OK + ",0320"],
        ["row 1, column phone"],
    ),
    "structures_date_not_iso.csv": (
        "structures",
        [S, S_OK2, S_OK.replace("2021-03-15", "15/03/2021")],
        ["row 3, column affiliated_on"],
    ),
    "structures_impossible_date.csv": (
        "structures",
        [S, S_OK.replace("2021-03-15", "2021-02-30")],
        ["row 2, column affiliated_on"],
    ),
    "structures_unknown_partner.csv": (
        "structures",
        [S, S_OK.replace(",WTC,", ",XYZ,")],
        ["row 2, column partner"],
    ),
    "structures_unknown_kind.csv": (
        "structures",
        [S, S_OK2, S_OK.replace("association", "club")],
        ["row 3, column kind"],
    ),
    "structures_bad_siret.csv": (
        "structures",
        [S, S_OK.replace("73282932000074", "73282932000075")],
        ["row 2, column registration_number"],
    ),
    "structures_bad_enterprise_number.csv": (
        "structures",
        [S, S_OK2.replace("0403170701", "0403170702")],
        ["row 2, column registration_number"],
    ),
    "structures_duplicate_ref.csv": (
        "structures",
        [S, S_OK, S_OK2.replace("S-2", "S-1")],
        ["row 3, column ref"],
    ),
    "structures_bad_country.csv": (
        "structures",
        [S, S_OK.replace(",FR,", ",DE,")],
        ["row 2, column country"],
    ),
    "structures_missing_name.csv": (
        "structures",
        [S, S_OK2, "", S_OK.replace("Espace Lille", "")],
        ["row 4, column name"],
    ),
    "structures_name_too_long.csv": (
        "structures",
        [S, S_OK.replace("Espace Lille", "E" * 201)],
        ["row 2, column name"],
    ),
    "participations_bad_session_kind.csv": (
        "participations",
        [P, P_OK.replace("training", "seminar")],
        ["row 2, column session_kind"],
    ),
    "participations_bad_status.csv": (
        "participations",
        [P, P_OK, P_OK2.replace("absent", "late")],
        ["row 3, column status"],
    ),
    "participations_inconsistent_title.csv": (
        "participations",
        [P, P_OK, P_OK2.replace("Formation socle", "Formation avancée")],
        ["row 3, column session_title"],
    ),
    "participations_inconsistent_date.csv": (
        "participations",
        [P, P_OK, P_OK2.replace("2021-05-10", "2021-05-11")],
        ["row 3, column session_date"],
    ),
    "participations_session_not_started.csv": (
        "participations",
        [P, P_OK.replace("2021-05-10", "2099-05-10")],
        ["row 2, column session_date"],
    ),
    "participations_inconsistent_partner.csv": (
        "participations",
        [P, P_OK, P_OK2.replace(",WTC,", ",EMC,")],
        ["row 3, column partner"],
    ),
    "participations_bad_email.csv": (
        "participations",
        [P, P_OK.replace("Ana@Example.org", "ana.example.org")],
        ["row 2, column email"],
    ),
    "participations_same_person_twice.csv": (
        "participations",
        [
            P,
            P_OK,
            P_OK.replace("Ana@Example.org", " ana@example.ORG ").replace("present", "absent"),
        ],
        ["row 3, column email"],
    ),
    "participations_unknown_structure.csv": (
        "participations",
        [P, P_OK.replace("WTC-0001", "WTC-9999")],
        ["row 2, column structure_ref"],
    ),
    "participations_unknown_sector.csv": (
        "participations",
        [P, P_OK.replace(",social,", ",cooking,")],
        ["row 2, column sector"],
    ),
    "accompaniments_unknown_helper.csv": (
        "accompaniments",
        [A, A_OK, A_OK2.replace("AIDANT@", "nobody@")],
        ["row 3, column helper_email"],
    ),
    "accompaniments_unknown_theme.csv": (
        "accompaniments",
        [A, A_OK.replace("1.1|2.3", "1.1|9.9")],
        ["row 2, column themes"],
    ),
    "accompaniments_individual_with_many.csv": (
        "accompaniments",
        [A, A_OK.replace(",1,45,", ",3,45,")],
        ["row 2, column participants"],
    ),
    "accompaniments_negative_duration.csv": (
        "accompaniments",
        [A, A_OK2.replace(",90,", ",-5,")],
        ["row 2, column duration_minutes"],
    ),
    "accompaniments_future_date.csv": (
        "accompaniments",
        [A, A_OK.replace("2021-05-10", "2099-01-01")],
        ["row 2, column date"],
    ),
    "accompaniments_unknown_structure.csv": (
        "accompaniments",
        [A, A_OK2, A_OK.replace("WTC-0001", "NOPE")],
        ["row 3, column structure_ref"],
    ),
    "accompaniments_extra_cells.csv": (
        "accompaniments",
        [A, A_OK + ",surplus"],
        ["row 2, column postal_code"],
    ),
    "accompaniments_several_mistakes.csv": (
        "accompaniments",
        [
            A,
            A_OK.replace("individual", "group"),
            A_OK2.replace("2021-05-11", "2021-13-01"),
            A_OK.replace("A-1", "A-3").replace(",structure,", ",car,"),
        ],
        ["row 2, column kind", "row 3, column date", "row 4, column place"],
    ),
}

XLSX = {
    "accompaniments_missing_column.xlsx": (
        "accompaniments",
        [A.replace(",themes", ""), A_OK.replace(",1.1|2.3", "")],
        ["row 1, column themes"],
    ),
    "accompaniments_bad_place.xlsx": (
        "accompaniments",
        [A, A_OK2, A_OK.replace(",structure,", ",moon,")],
        ["row 3, column place"],
    ),
}

OTHER = {
    "structures_latin1.csv": (
        "structures",
        (S + "\n" + S_OK.replace("Espace Lille", "Maison de l'été") + "\n").encode("latin-1"),
        ["UTF-8"],
    ),
    "accompaniments_not_a_workbook.xlsx": (
        "accompaniments",
        b"PK\x03\x04 this is not really a zip file",
        [".xlsx"],
    ),
    "participations_empty.csv": ("participations", b"", ["empty"]),
    "structures_header_only.csv": ("structures", (S + "\n").encode(), ["no data rows"]),
}

VALID = {
    "structures_valid.csv": [S, S_OK, S_OK2],
    "participations_valid.csv": [P, P_OK, P_OK2],
    "accompaniments_valid.csv": [A, A_OK, A_OK2],
}


def write_xlsx(path, lines):
    workbook = Workbook()
    sheet = workbook.active
    for line in lines:
        sheet.append([int(c) if c.isdigit() and len(c) < 4 else c for c in line.split(",")])
    workbook.save(path)


def main():
    manifest = {}
    for name, (kind, lines, expected) in CSV.items():
        (HERE / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        manifest[name] = {"kind": kind, "expected": expected}
    for name, (kind, lines, expected) in XLSX.items():
        write_xlsx(HERE / name, lines)
        manifest[name] = {"kind": kind, "expected": expected}
    for name, (kind, data, expected) in OTHER.items():
        (HERE / name).write_bytes(data)
        manifest[name] = {"kind": kind, "expected": expected}
    for name, lines in VALID.items():
        # The valid files carry a byte-order mark, as Excel's "CSV UTF-8" does.
        (HERE / name).write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    write_xlsx(HERE / "accompaniments_valid.xlsx", VALID["accompaniments_valid.csv"])
    (HERE / "malformed.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
