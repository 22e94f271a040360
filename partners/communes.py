"""The communes a postal code covers: INSEE codes in France, NIS (REFNIS) codes in Belgium.

An accompaniment names the commune where the person lives or the work happened, chosen from the
postal code when the postal code covers several communes. The lists ship with the code in
``data/communes.csv`` (built by ``tools/build_communes.py``, never fetched at run time): the
current communes of the Hauts-de-France départements (02, 59, 60, 62, 80, the programme's zone in
France) and every Belgian municipality. They are read once per process, at the first lookup.

An INSEE code and a NIS code can be the same number (62063 is a commune of Pas-de-Calais and the
city of Liège), so a commune is always keyed by its country and its code.
"""

import csv
import dataclasses
import functools
import unicodedata
from pathlib import Path

from django.utils.translation import get_language

from partners.territory import country_of_postal_code, has_country_form

COMMUNES_CSV = Path(__file__).resolve().parent / "data" / "communes.csv"


@dataclasses.dataclass(frozen=True)
class Commune:
    country: str  # "FR" or "BE"
    code: str  # INSEE code in France, NIS code in Belgium
    name_fr: str
    name_nl: str  # "" in France: the source gives French communes no Dutch name

    @property
    def name(self):
        """The name in the active language."""
        return self.name_in(get_language())

    def name_in(self, language):
        """The Dutch name for Dutch, the French name for every other language."""
        if (language or "").split("-")[0] == "nl":
            return self.name_nl or self.name_fr
        return self.name_fr


@dataclasses.dataclass(frozen=True)
class ReferenceLists:
    communes: dict  # (country, code) → Commune
    by_postal_code: dict  # (country, postal code) → the Communes it covers


@functools.cache
def reference_lists():
    """The shipped lists, read from the CSV the first time they are needed."""
    communes, by_postal_code = {}, {}
    with COMMUNES_CSV.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            key = (row["country"], row["code"])
            found = communes.setdefault(
                key, Commune(row["country"], row["code"], row["name_fr"], row["name_nl"])
            )
            by_postal_code.setdefault((row["country"], row["postal_code"]), []).append(found)
    return ReferenceLists(communes, by_postal_code)


def alphabetical(name):
    """Sort key that puts "Écouen" among the E's, not after "Zuydcoote"."""
    letters = unicodedata.normalize("NFKD", name)
    return "".join(c for c in letters if not unicodedata.combining(c)).casefold()


def communes_for(postal_code, country=None) -> list[Commune]:
    """The communes ``postal_code`` covers, by displayed name; [] when it is not in the lists.

    Without ``country``, the country is the one whose postal codes are written like this one
    (five digits in France, four in Belgium).
    """
    postal_code = (postal_code or "").strip()
    country = country or country_of_postal_code(postal_code)
    if not has_country_form(country, postal_code):
        return []
    found = reference_lists().by_postal_code.get((country, postal_code), ())
    return sorted(found, key=lambda c: (alphabetical(c.name), c.code))


def commune(country, code) -> Commune | None:
    """The commune of ``country`` with that INSEE or NIS ``code``, None if not in the lists."""
    return reference_lists().communes.get((country, (code or "").strip()))


def is_known(country, postal_code) -> bool:
    """Whether ``postal_code`` is in the shipped lists, so its commune can be checked."""
    return (country, (postal_code or "").strip()) in reference_lists().by_postal_code


def covers(country, postal_code, code) -> bool:
    """Whether the commune ``code`` of ``country`` has ``postal_code``."""
    found = reference_lists().by_postal_code.get((country, (postal_code or "").strip()), ())
    return any(c.code == (code or "").strip() for c in found)
