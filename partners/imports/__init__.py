"""Spreadsheet imports (PRODUCT.md §5): one module per kind, shared checks in ``common``."""

from partners.imports.accompaniments import AccompanimentImporter
from partners.imports.common import Problem, Report, run_import
from partners.imports.participations import ParticipationImporter
from partners.imports.structures import StructureImporter

IMPORTERS = {
    importer.kind: importer
    for importer in (StructureImporter, ParticipationImporter, AccompanimentImporter)
}

__all__ = ["IMPORTERS", "Problem", "Report", "run_import"]
