"""Keep locale/ in step with the code.

    python tools/i18n.py update            # makemessages for fr, nl, en; English msgstr = msgid
    python tools/i18n.py apply FILE.json   # {"msgid": {"fr": "...", "nl": "..."}, ...}
    python tools/i18n.py missing           # list untranslated or fuzzy entries per language

Source strings are English, so the English catalogue mirrors them (and stays complete).
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["fr", "nl", "en"]
IGNORE = [".venv", "node_modules", "staticfiles", "tests", "tools", "var"]


def catalogue(language):
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


def update():
    for language in LANGUAGES:
        args = [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            language,
            "--no-location",
            "-v",
            "0",
        ]
        args += [f"--ignore={item}" for item in IGNORE]
        subprocess.run(args, cwd=ROOT, check=True)
        po = polib.pofile(str(catalogue(language)))
        po.metadata.update(
            {
                "Project-Id-Version": "crosslearn",
                "Language": language,
                "Language-Team": f"Cross§Le@rn {language}",
                "Last-Translator": "Cross§Le@rn team",
                "PO-Revision-Date": po.metadata.get("POT-Creation-Date", ""),
            }
        )
        po.save()
    po = polib.pofile(str(catalogue("en")))
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    missing()


def apply(path):
    translations = json.loads(Path(path).read_text())
    for language in ("fr", "nl"):
        po = polib.pofile(str(catalogue(language)))
        for entry in po:
            found = translations.get(entry.msgid, {}).get(language)
            if found is None:
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = dict(enumerate(found))
            else:
                entry.msgstr = found
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.save()
    missing()


def missing():
    count = 0
    for language in LANGUAGES:
        po = polib.pofile(str(catalogue(language)))
        for entry in po.untranslated_entries() + po.fuzzy_entries():
            print(f"{language}: {entry.msgid!r}")
            count += 1
    print(f"{count} message(s) to translate")
    return count


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "missing"
    if command == "update":
        update()
    elif command == "apply":
        apply(sys.argv[2])
    else:
        sys.exit(1 if missing() else 0)
