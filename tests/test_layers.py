"""The apps form layers and no import goes up or round in a circle (issue #15).

    lib ← accounts ← partners ← courses ← training ← helpers ← reporting

An app imports only from the layers on its left (``lib`` is ``crosslearn/lib``); imports inside
functions count too. The project package holds settings, URLs, Celery and ``lib/`` only.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["lib", "accounts", "partners", "courses", "training", "helpers", "reporting"]
PROJECT_FILES = {"__init__.py", "settings.py", "urls.py", "celery.py", "wsgi.py"}


def layer_of(module):
    if module == "crosslearn.lib" or module.startswith("crosslearn.lib."):
        return "lib"
    top = module.split(".")[0]
    if top == "crosslearn":
        return "project"
    return top if top in LAYERS else None


def imports(path):
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def sources():
    for layer in LAYERS:
        folder = ROOT / ("crosslearn/lib" if layer == "lib" else layer)
        for path in folder.rglob("*.py"):
            if "migrations" not in path.parts:
                yield layer, path


def test_no_app_imports_from_its_own_layer_upwards():
    wrong = []
    for layer, path in sources():
        for module in imports(path):
            target = layer_of(module)
            if target is None or target == layer:
                continue
            if target == "project" or LAYERS.index(target) > LAYERS.index(layer):
                wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert wrong == []


def test_the_project_package_holds_settings_urls_and_lib_only():
    files = {p.name for p in (ROOT / "crosslearn").glob("*.py")}
    assert files <= PROJECT_FILES
    assert {p.name for p in (ROOT / "crosslearn").iterdir() if p.is_dir()} <= {"lib", "__pycache__"}


def test_the_bench_baseline_is_not_a_production_address():
    from django.urls import Resolver404, resolve

    try:
        resolve("/hello")
    except Resolver404:
        pass
    else:
        raise AssertionError("/hello answers in production URLs")
