"""Where a postal code is: its département or province and its region (reference data as code).

France: the département is the first two digits of the postal code (three for the overseas
départements, 971…976; Corsica's 20 stands for 2A and 2B), the region comes from the table
below (the 13 regions of metropolitan France since 2016, and the five overseas ones). Belgium:
the province and the region come from the postal-code ranges of bpost. Départements and
provinces are keyed by their ISO 3166-2 code (``FR-59``, ``BE-WHT``), so the keys of the two
countries never collide. The names of the partners' regions (``Hauts-de-France``,
``Vlaanderen``, ``Wallonie``) are those of PRODUCT.md, so a region reads the same whether it comes
from a partner or from a postal code.

A postal code that does not have the country's form (five digits in France, four in Belgium)
has no known département, province or region.
"""

import dataclasses

HAUTS_DE_FRANCE = "Hauts-de-France"
FLANDERS = "Vlaanderen"
WALLONIA = "Wallonie"
BRUSSELS = "Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest"

ARA, BFC, BRE, CVL = (
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
)
COR, GES, HDF, IDF = "Corse", "Grand Est", HAUTS_DE_FRANCE, "Île-de-France"
NOR, NAQ, OCC, PDL, PAC = (
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur",
)

# Département number → (name, region).
FRENCH_DEPARTMENTS = {
    "01": ("Ain", ARA), "02": ("Aisne", HDF), "03": ("Allier", ARA),
    "04": ("Alpes-de-Haute-Provence", PAC), "05": ("Hautes-Alpes", PAC),
    "06": ("Alpes-Maritimes", PAC), "07": ("Ardèche", ARA), "08": ("Ardennes", GES),
    "09": ("Ariège", OCC), "10": ("Aube", GES), "11": ("Aude", OCC), "12": ("Aveyron", OCC),
    "13": ("Bouches-du-Rhône", PAC), "14": ("Calvados", NOR), "15": ("Cantal", ARA),
    "16": ("Charente", NAQ), "17": ("Charente-Maritime", NAQ), "18": ("Cher", CVL),
    "19": ("Corrèze", NAQ), "20": ("Corse", COR), "21": ("Côte-d'Or", BFC),
    "22": ("Côtes-d'Armor", BRE), "23": ("Creuse", NAQ), "24": ("Dordogne", NAQ),
    "25": ("Doubs", BFC), "26": ("Drôme", ARA), "27": ("Eure", NOR), "28": ("Eure-et-Loir", CVL),
    "29": ("Finistère", BRE), "30": ("Gard", OCC), "31": ("Haute-Garonne", OCC),
    "32": ("Gers", OCC), "33": ("Gironde", NAQ), "34": ("Hérault", OCC),
    "35": ("Ille-et-Vilaine", BRE), "36": ("Indre", CVL), "37": ("Indre-et-Loire", CVL),
    "38": ("Isère", ARA), "39": ("Jura", BFC), "40": ("Landes", NAQ), "41": ("Loir-et-Cher", CVL),
    "42": ("Loire", ARA), "43": ("Haute-Loire", ARA), "44": ("Loire-Atlantique", PDL),
    "45": ("Loiret", CVL), "46": ("Lot", OCC), "47": ("Lot-et-Garonne", NAQ),
    "48": ("Lozère", OCC), "49": ("Maine-et-Loire", PDL), "50": ("Manche", NOR),
    "51": ("Marne", GES), "52": ("Haute-Marne", GES), "53": ("Mayenne", PDL),
    "54": ("Meurthe-et-Moselle", GES), "55": ("Meuse", GES), "56": ("Morbihan", BRE),
    "57": ("Moselle", GES), "58": ("Nièvre", BFC), "59": ("Nord", HDF), "60": ("Oise", HDF),
    "61": ("Orne", NOR), "62": ("Pas-de-Calais", HDF), "63": ("Puy-de-Dôme", ARA),
    "64": ("Pyrénées-Atlantiques", NAQ), "65": ("Hautes-Pyrénées", OCC),
    "66": ("Pyrénées-Orientales", OCC), "67": ("Bas-Rhin", GES), "68": ("Haut-Rhin", GES),
    "69": ("Rhône", ARA), "70": ("Haute-Saône", BFC), "71": ("Saône-et-Loire", BFC),
    "72": ("Sarthe", PDL), "73": ("Savoie", ARA), "74": ("Haute-Savoie", ARA), "75": ("Paris", IDF),
    "76": ("Seine-Maritime", NOR), "77": ("Seine-et-Marne", IDF), "78": ("Yvelines", IDF),
    "79": ("Deux-Sèvres", NAQ), "80": ("Somme", HDF), "81": ("Tarn", OCC),
    "82": ("Tarn-et-Garonne", OCC), "83": ("Var", PAC), "84": ("Vaucluse", PAC),
    "85": ("Vendée", PDL), "86": ("Vienne", NAQ), "87": ("Haute-Vienne", NAQ),
    "88": ("Vosges", GES),
    "89": ("Yonne", BFC), "90": ("Territoire de Belfort", BFC), "91": ("Essonne", IDF),
    "92": ("Hauts-de-Seine", IDF), "93": ("Seine-Saint-Denis", IDF), "94": ("Val-de-Marne", IDF),
    "95": ("Val-d'Oise", IDF),
    "971": ("Guadeloupe", "Guadeloupe"), "972": ("Martinique", "Martinique"),
    "973": ("Guyane", "Guyane"), "974": ("La Réunion", "La Réunion"), "976": ("Mayotte", "Mayotte"),
}  # fmt: skip

# (first, last postal code, ISO 3166-2 code, name, region); Brussels is a region, not a province.
BELGIAN_PROVINCES = [
    (1000, 1299, "BE-BRU", "Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest", BRUSSELS),
    (1300, 1499, "BE-WBR", "Brabant wallon", WALLONIA),
    (1500, 1999, "BE-VBR", "Vlaams-Brabant", FLANDERS),
    (2000, 2999, "BE-VAN", "Antwerpen", FLANDERS),
    (3000, 3499, "BE-VBR", "Vlaams-Brabant", FLANDERS),
    (3500, 3999, "BE-VLI", "Limburg", FLANDERS),
    (4000, 4999, "BE-WLG", "Liège", WALLONIA),
    (5000, 5999, "BE-WNA", "Namur", WALLONIA),
    (6000, 6599, "BE-WHT", "Hainaut", WALLONIA),
    (6600, 6999, "BE-WLX", "Luxembourg", WALLONIA),
    (7000, 7999, "BE-WHT", "Hainaut", WALLONIA),
    (8000, 8999, "BE-VWV", "West-Vlaanderen", FLANDERS),
    (9000, 9999, "BE-VOV", "Oost-Vlaanderen", FLANDERS),
]

DEPARTMENT_NAMES = {
    f"FR-{number}": f"{number} {name}" for number, (name, _r) in FRENCH_DEPARTMENTS.items()
}
DEPARTMENT_NAMES.update({code: name for _f, _l, code, name, _r in BELGIAN_PROVINCES})
# The country of every region a place or a partner can have.
REGION_COUNTRY = {region: "FR" for _name, region in FRENCH_DEPARTMENTS.values()}
REGION_COUNTRY.update({region: "BE" for *_rest, region in BELGIAN_PROVINCES})
POSTAL_CODE_LENGTH = {"FR": 5, "BE": 4}


@dataclasses.dataclass(frozen=True)
class Place:
    department: str = ""  # ISO 3166-2 code of the département or province; "" when not known
    region: str = ""  # "" when not known


def has_country_form(country, postal_code):
    """Whether ``postal_code`` is written as postal codes of ``country`` are (FR 5, BE 4 digits)."""
    code = (postal_code or "").strip()
    return code.isdigit() and len(code) == POSTAL_CODE_LENGTH.get(country)


def locate(country, postal_code):
    """The département or province and the region of ``postal_code`` in ``country``."""
    if not has_country_form(country, postal_code):
        return Place()
    code = postal_code.strip()
    if country == "FR":
        number = code[:3] if code.startswith("97") else code[:2]
        if number not in FRENCH_DEPARTMENTS:
            return Place()
        return Place(f"FR-{number}", FRENCH_DEPARTMENTS[number][1])
    value = int(code)
    for first, last, iso, _name, region in BELGIAN_PROVINCES:
        if first <= value <= last:
            return Place(iso, region)
    return Place()


def country_of_postal_code(postal_code):
    """The country whose postal codes are written like ``postal_code`` (None if neither)."""
    for country in POSTAL_CODE_LENGTH:
        if has_country_form(country, postal_code):
            return country
    return None
