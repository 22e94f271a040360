"""Spreadsheet imports (PRODUCT.md §5): the framework (``common``, ``jobs``) and a registry of
kinds. Structures are imported here; the apps above add theirs (``register``) when they start,
so this app needs none of their models."""

from partners.imports.common import Problem, Report, run_import
from partners.imports.structures import StructureImporter

IMPORTERS = {}  # kind → Importer class, in the order they were registered


def register(importer):
    IMPORTERS[importer.kind] = importer
    return importer


register(StructureImporter)

__all__ = ["IMPORTERS", "Problem", "Report", "register", "run_import"]
