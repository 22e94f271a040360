"""The vocabulary of the French national activity report (CRA v2 of La Coop de la médiation
numérique), and how our record maps onto it (the README lists the export column by column).

Who came is described anonymously, in counts per value of three dimensions (age, gender,
situation); an individual accompaniment counts its one person. "Not given" is never stored: it
is what the counts leave of the participants, so a breakdown can never exceed them.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

NOT_GIVEN = "not_given"

# An INSEE code (five characters, 2A/2B in Corsica) or a Belgian NIS code (five digits).
valid_commune_code = RegexValidator(
    r"^(\d{5}|2[AB]\d{3})$", _("A commune code has five characters (INSEE or NIS).")
)


class AgeBracket(models.TextChoices):
    """The CRA's age brackets; blank: not given."""

    UNDER_12 = "under_12", _("Under 12")
    FROM_12_TO_17 = "12_17", _("12 to 17")
    FROM_18_TO_24 = "18_24", _("18 to 24")
    FROM_25_TO_39 = "25_39", _("25 to 39")
    FROM_40_TO_59 = "40_59", _("40 to 59")
    FROM_60_TO_69 = "60_69", _("60 to 69")
    FROM_70 = "70_plus", _("70 and over")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Situation(models.TextChoices):
    JOBSEEKER = "jobseeker", _("Looking for work")
    EMPLOYED = "employed", _("In work")
    RETIRED = "retired", _("Retired")
    STUDENT = "student", _("At school or studying")


class WorkshopLevel(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


# dimension → (its values, the legend of its counts in the workshop form)
DIMENSIONS = {
    "age": (AgeBracket, _("By age")),
    "gender": (Gender, _("By gender")),
    "situation": (Situation, _("By situation")),
}
DIMENSION_NAMES = {"age": _("age"), "gender": _("gender"), "situation": _("situation")}


class Theme(models.TextChoices):
    """The CRA's themes of accompaniment (``thematiques``), beside DigComp."""

    DEVICE = "device", _("Getting to grips with a device")
    BROWSING = "browsing", _("Browsing the internet")
    EMAIL = "email", _("E-mail")
    OFFICE = "office", _("Office software")
    SOCIAL = "social", _("Social networks and keeping in touch")
    HEALTH = "health", _("Health")
    BANKING = "banking", _("Online banking and shopping")
    BUSINESS = "business", _("Running a business")
    WORK = "work", _("Finding work")
    SAFETY = "safety", _("Staying safe online")
    PARENTING = "parenting", _("Parenting")
    SCHOOL = "school", _("School and digital tools")
    CREATING = "creating", _("Creating with digital tools")
    CULTURE = "culture", _("Digital culture")
    PROCEDURES = "procedures", _("Help with administrative procedures")


# Our keys → the CRA's values, for the README mapping and whoever loads the export.
THEME_CRA = {
    "device": "PrendreEnMainDuMateriel",
    "browsing": "NavigationSurInternet",
    "email": "Email",
    "office": "Bureautique",
    "social": "ReseauxSociaux",
    "health": "Sante",
    "banking": "BanqueEtAchatsEnLigne",
    "business": "Entrepreneuriat",
    "work": "InsertionProfessionnelle",
    "safety": "SecuriteNumerique",
    "parenting": "Parentalite",
    "school": "ScolariteEtNumerique",
    "creating": "CreerAvecLeNumerique",
    "culture": "CultureNumerique",
    "procedures": "AideAuxDemarchesAdministratives",
}
PROCEDURE_CRA = {
    "identity": "PapiersElectionsCitoyennete",
    "family": "FamilleScolarite",
    "social_health": "SocialSante",
    "work": "TravailFormation",
    "housing": "Logement",
    "transport": "TransportsMobilite",
    "money": "ArgentImpots",
    "justice": "Justice",
    "foreigners": "EtrangersEurope",
    "leisure": "LoisirsSportsCulture",
    "associations": "Associations",
}

# The crosswalk: the CRA themes a DigComp 2.2 competence works on (when the helper ticks none).
CROSSWALK = {
    "1.1": ("browsing",),
    "1.2": ("culture",),
    "1.3": ("office",),
    "2.1": ("email", "social"),
    "2.2": ("email",),
    "2.3": ("procedures",),
    "2.4": ("social",),
    "2.5": ("culture",),
    "2.6": ("safety",),
    "3.1": ("office", "creating"),
    "3.2": ("creating",),
    "3.3": ("culture",),
    "3.4": ("creating",),
    "4.1": ("safety",),
    "4.2": ("safety",),
    "4.3": ("culture",),
    "4.4": ("culture",),
    "5.1": ("device",),
    "5.2": ("device",),
    "5.3": ("creating",),
    "5.4": ("culture",),
}


def themes_for(ticked, competence_codes, procedures=()):
    """An accompaniment's CRA themes: those ticked, else the crosswalk's from its DigComp
    skills; help with procedures whenever a procedure is ticked."""
    found = set(ticked) or {t for code in competence_codes for t in CROSSWALK.get(code, ())}
    if procedures:
        found.add(Theme.PROCEDURES)
    return [theme for theme in Theme.values if theme in found]


def counts(breakdown, participants, dimension):
    """``{value: people}`` of one dimension, every value and "not given" (the rest)."""
    choices, _legend = DIMENSIONS[dimension]
    given = (breakdown or {}).get(dimension) or {}
    out = {value: given.get(value, 0) for value in choices.values}
    out[NOT_GIVEN] = max(participants - sum(out.values()), 0)
    return out


def single(breakdown, dimension):
    """The one value an individual accompaniment's person has in ``dimension`` ("" if none)."""
    given = (breakdown or {}).get(dimension) or {}
    return next((value for value, people in given.items() if people), "")


def of_person(**values):
    """The breakdown of one person: ``of_person(age="25_39", gender="", situation="retired")``."""
    return {dimension: {value: 1} for dimension, value in values.items() if value}
