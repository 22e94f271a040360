"""The helpers' spreadsheet imports, registered with the import framework (partners.imports):
session participations (which make helper accounts and approve them at their structures) and
accompaniments."""

from helpers.imports.accompaniments import AccompanimentImporter
from helpers.imports.participations import ParticipationImporter
from partners.imports import register

register(ParticipationImporter)
register(AccompanimentImporter)
