"""Reference data: DigComp 2.2 (Vuorikari, Kluzer & Punie, JRC, 2022).

English titles are the official ones. Area names in French and Dutch follow the official
translations; French and Dutch competence titles and level descriptions are our working
translations, marked in ``working_translations`` so official ones can replace them.
"""

from django.db import migrations

REFERENCE = (
    "Vuorikari, R., Kluzer, S. and Punie, Y., DigComp 2.2: The Digital Competence Framework for "
    "Citizens, Publications Office of the European Union, Luxembourg, 2022, JRC128415."
)

AREAS = [
    (
        "1",
        "Information and data literacy",
        "Informations et données",
        "Informatie- en datageletterdheid",
    ),
    (
        "2",
        "Communication and collaboration",
        "Communication et collaboration",
        "Communicatie en samenwerking",
    ),
    ("3", "Digital content creation", "Création de contenus numériques", "Digitale contentcreatie"),
    ("4", "Safety", "Protection et sécurité", "Veiligheid"),
    ("5", "Problem solving", "Résolution de problèmes", "Problemen oplossen"),
]

COMPETENCES = [
    (
        "1.1",
        "Browsing, searching and filtering data, information and digital content",
        "Naviguer, rechercher et filtrer des données, des informations et des contenus numériques",
        "Browsen, zoeken en filteren van data, informatie en digitale content",
    ),
    (
        "1.2",
        "Evaluating data, information and digital content",
        "Évaluer des données, des informations et des contenus numériques",
        "Evalueren van data, informatie en digitale content",
    ),
    (
        "1.3",
        "Managing data, information and digital content",
        "Gérer des données, des informations et des contenus numériques",
        "Beheren van data, informatie en digitale content",
    ),
    (
        "2.1",
        "Interacting through digital technologies",
        "Interagir au moyen des technologies numériques",
        "Interageren via digitale technologieën",
    ),
    (
        "2.2",
        "Sharing through digital technologies",
        "Partager au moyen des technologies numériques",
        "Delen via digitale technologieën",
    ),
    (
        "2.3",
        "Engaging in citizenship through digital technologies",
        "S'engager dans la citoyenneté au moyen des technologies numériques",
        "Burgerschap uitoefenen via digitale technologieën",
    ),
    (
        "2.4",
        "Collaborating through digital technologies",
        "Collaborer au moyen des technologies numériques",
        "Samenwerken via digitale technologieën",
    ),
    ("2.5", "Netiquette", "Nétiquette", "Netiquette"),
    (
        "2.6",
        "Managing digital identity",
        "Gérer son identité numérique",
        "Digitale identiteit beheren",
    ),
    (
        "3.1",
        "Developing digital content",
        "Développer des contenus numériques",
        "Digitale content ontwikkelen",
    ),
    (
        "3.2",
        "Integrating and re-elaborating digital content",
        "Intégrer et retravailler des contenus numériques",
        "Digitale content integreren en herwerken",
    ),
    ("3.3", "Copyright and licences", "Droits d'auteur et licences", "Auteursrecht en licenties"),
    ("3.4", "Programming", "Programmation", "Programmeren"),
    ("4.1", "Protecting devices", "Protéger les appareils", "Apparaten beschermen"),
    (
        "4.2",
        "Protecting personal data and privacy",
        "Protéger les données personnelles et la vie privée",
        "Persoonsgegevens en privacy beschermen",
    ),
    (
        "4.3",
        "Protecting health and well-being",
        "Protéger la santé et le bien-être",
        "Gezondheid en welzijn beschermen",
    ),
    ("4.4", "Protecting the environment", "Protéger l'environnement", "Het milieu beschermen"),
    (
        "5.1",
        "Solving technical problems",
        "Résoudre des problèmes techniques",
        "Technische problemen oplossen",
    ),
    (
        "5.2",
        "Identifying needs and technological responses",
        "Identifier les besoins et les réponses technologiques",
        "Behoeften en technologische oplossingen bepalen",
    ),
    (
        "5.3",
        "Creatively using digital technologies",
        "Utiliser les technologies numériques de façon créative",
        "Digitale technologieën creatief gebruiken",
    ),
    (
        "5.4",
        "Identifying digital competence gaps",
        "Repérer ses lacunes en compétences numériques",
        "Lacunes in digitale competenties vaststellen",
    ),
]

BANDS = {
    "foundation": ("Foundation", "Fondamental", "Basis"),
    "intermediate": ("Intermediate", "Intermédiaire", "Gemiddeld"),
    "advanced": ("Advanced", "Avancé", "Gevorderd"),
    "specialised": ("Highly specialised", "Hautement spécialisé", "Hooggespecialiseerd"),
}

LEVELS = [
    (
        1,
        "foundation",
        "Simple tasks, with guidance",
        "Des tâches simples, avec de l'aide",
        "Eenvoudige taken, met begeleiding",
    ),
    (
        2,
        "foundation",
        "Simple tasks, autonomously and with guidance where needed",
        "Des tâches simples, seul et avec de l'aide si besoin",
        "Eenvoudige taken, zelfstandig en met begeleiding waar nodig",
    ),
    (
        3,
        "intermediate",
        "Well-defined and routine tasks, and straightforward problems, on my own",
        "Des tâches bien définies et habituelles, et des problèmes simples, seul",
        "Duidelijke en routinematige taken en eenvoudige problemen, op eigen houtje",
    ),
    (
        4,
        "intermediate",
        "Tasks, and well-defined and non-routine problems, independently and according to my needs",
        "Des tâches et des problèmes bien définis mais inhabituels, de façon autonome et selon mes besoins",
        "Taken en duidelijke, niet-routinematige problemen, zelfstandig en naar eigen behoefte",
    ),
    (
        5,
        "advanced",
        "Different tasks and problems, guiding others",
        "Des tâches et des problèmes variés, en guidant les autres",
        "Verschillende taken en problemen, en anderen begeleiden",
    ),
    (
        6,
        "advanced",
        "Most appropriate tasks, able to adapt to others in a complex context",
        "Les tâches les plus adaptées, en s'adaptant aux autres dans un contexte complexe",
        "De meest geschikte taken, zich aanpassen aan anderen in een complexe context",
    ),
    (
        7,
        "specialised",
        "Resolve complex problems with limited solutions, contributing to professional practice and guiding others",
        "Résoudre des problèmes complexes aux solutions limitées, contribuer à la pratique professionnelle et guider les autres",
        "Complexe problemen met beperkte oplossingen oplossen, bijdragen aan de beroepspraktijk en anderen begeleiden",
    ),
    (
        8,
        "specialised",
        "Resolve complex problems with many interacting factors, proposing new ideas and processes to the field",
        "Résoudre des problèmes complexes aux nombreux facteurs, proposer de nouvelles idées et méthodes au domaine",
        "Complexe problemen met veel factoren oplossen, nieuwe ideeën en werkwijzen voorstellen aan het vakgebied",
    ),
]


def load(apps, schema_editor):
    Framework = apps.get_model("courses", "Framework")
    Area = apps.get_model("courses", "Area")
    Competence = apps.get_model("courses", "Competence")
    ProficiencyLevel = apps.get_model("courses", "ProficiencyLevel")
    framework, _ = Framework.objects.update_or_create(
        name="DigComp", version="2.2", defaults={"reference": REFERENCE, "is_current": True}
    )
    areas = {}
    for code, en, fr, nl in AREAS:
        areas[code], _ = Area.objects.update_or_create(
            framework=framework,
            code=code,
            defaults={"title": fr, "title_fr": fr, "title_nl": nl, "title_en": en},
        )
    for code, en, fr, nl in COMPETENCES:
        Competence.objects.update_or_create(
            area=areas[code.split(".")[0]],
            code=code,
            defaults={
                "title": fr,
                "title_fr": fr,
                "title_nl": nl,
                "title_en": en,
                "working_translations": "fr,nl",
            },
        )
    for number, band, en, fr, nl in LEVELS:
        band_en, band_fr, band_nl = BANDS[band]
        ProficiencyLevel.objects.update_or_create(
            framework=framework,
            number=number,
            defaults={
                "band": band_fr,
                "band_fr": band_fr,
                "band_nl": band_nl,
                "band_en": band_en,
                "description": fr,
                "description_fr": fr,
                "description_nl": nl,
                "description_en": en,
                "working_translations": "fr,nl",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
