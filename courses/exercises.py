"""Exercises: what the player shows, how it reads a posted answer and how it checks it.

Everything happens on the server, so exercises work without JavaScript. A step's ``data`` is in
the content-file format (SCHEMA.md); answers are stored as plain JSON values.
"""

import random
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from courses.content import BLANK_RE, Localised


def normalise(text):
    """Compare answers ignoring case, accents and spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(bare.casefold().split())


def shuffled(count, seed):
    """A stable shuffle of range(count) that never leaves the items in their original order."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def blanks(text):
    """The accepted answers of each [[a|b]] blank of a fill-in text."""
    return [[a.strip() for a in m.group(1).split("|")] for m in BLANK_RE.finditer(text)]


@dataclass
class Reading:
    value: object = None
    errors: list = field(default_factory=list)


def _ints(values, upper):
    out = []
    for v in values:
        if str(v).isdigit() and int(v) < upper:
            out.append(int(v))
    return sorted(set(out))


def read_answer(step, post, language):
    """Read the answer to ``step`` from a POST QueryDict; report what is missing."""
    data = step.data
    kind = step.type
    reading = Reading()
    if kind == "single_choice":
        picked = _ints(post.getlist("choice"), len(data["choices"]))
        if len(picked) != 1:
            reading.errors.append(_("Choose one answer."))
        reading.value = picked[0] if picked else None
    elif kind == "multiple_choice":
        reading.value = _ints(post.getlist("choice"), len(data["choices"]))
        if not reading.value:
            reading.errors.append(_("Tick at least one answer."))
    elif kind == "true_false":
        answer = post.get("answer")
        if answer not in ("true", "false"):
            reading.errors.append(_("Choose true or false."))
        reading.value = {"true": True, "false": False}.get(answer)
    elif kind == "ordering":
        count = len(data["items"])
        positions = {}
        for i in range(count):
            v = post.get(f"position-{i}", "")
            positions[str(i)] = int(v) if v.isdigit() and 1 <= int(v) <= count else None
        reading.value = positions
        if None in positions.values():
            reading.errors.append(_("Give a position number to every item."))
        elif len(set(positions.values())) != count:
            reading.errors.append(_("Give each item a different position number."))
    elif kind == "matching":
        count = len(data["pairs"])
        matches = {}
        for i in range(count):
            v = post.get(f"match-{i}", "")
            matches[str(i)] = int(v) if v.isdigit() and int(v) < count else None
        reading.value = matches
        if None in matches.values():
            reading.errors.append(_("Choose a match for every item."))
    elif kind == "fill_blank":
        count = len(blanks(Localised(language).text(data["text"])))
        reading.value = [post.get(f"blank-{i}", "").strip()[:100] for i in range(count)]
        if not all(reading.value):
            reading.errors.append(_("Fill in every blank."))
    elif kind == "simulation" and data.get("kind") == "mailbox":
        reading.value = _ints(post.getlist("suspicious"), len(data["emails"]))
    elif kind == "simulation" and data.get("kind") == "web_form":
        reading.value = {
            f["name"]: post.get(f"field-{f['name']}", "").strip()[:200] for f in data["fields"]
        }
        if not all(reading.value.values()):
            reading.errors.append(_("Fill in every field."))
    return reading


def is_correct(step, value, language):
    """Check an answer read by ``read_answer``."""
    data = step.data
    kind = step.type
    if kind == "single_choice":
        return value is not None and data["choices"][value]["correct"] is True
    if kind == "multiple_choice":
        return set(value) == {i for i, c in enumerate(data["choices"]) if c["correct"]}
    if kind == "true_false":
        return value is data["answer"]
    if kind == "ordering":
        return all(value.get(str(i)) == i + 1 for i in range(len(data["items"])))
    if kind == "matching":
        return all(value.get(str(i)) == i for i in range(len(data["pairs"])))
    if kind == "fill_blank":
        accepted = blanks(Localised(language).text(data["text"]))
        return len(value) == len(accepted) and all(
            normalise(given) in {normalise(a) for a in answers}
            for given, answers in zip(value, accepted, strict=True)
        )
    if kind == "simulation" and data.get("kind") == "mailbox":
        return set(value) == {i for i, e in enumerate(data["emails"]) if e["suspicious"]}
    if kind == "simulation" and data.get("kind") == "web_form":
        return all(
            normalise(value.get(f["name"], "")) in {normalise(e) for e in f["expected"]}
            for f in data["fields"]
        )
    return False


def present(step, language, value=None, seed=""):
    """What the template needs to show ``step`` in ``language`` with ``value`` filled in.

    Returns (context dict, fell_back) where fell_back says a text was not in ``language``.
    """
    loc = Localised(language)
    d = loc(step.data)
    kind = step.type
    seed = f"{seed}:{step.course_id}:{step.position}"
    if kind == "true_false":
        d["chosen"] = value
    elif kind in ("single_choice", "multiple_choice"):
        picked = value if isinstance(value, list) else [value]
        d["options"] = [
            {"index": i, "text": c["text"], "checked": i in picked}
            for i, c in enumerate(d["choices"])
        ]
    elif kind == "ordering":
        value = value or {}
        numbers = range(1, len(d["items"]) + 1)
        d["rows"] = [
            {"index": i, "text": d["items"][i], "numbers": numbers, "chosen": value.get(str(i))}
            for i in shuffled(len(d["items"]), seed)
        ]
    elif kind == "matching":
        value = value or {}
        rights = [
            {"index": i, "text": d["pairs"][i]["right"]} for i in shuffled(len(d["pairs"]), seed)
        ]
        d["rows"] = [
            {"index": i, "text": p["left"], "rights": rights, "chosen": value.get(str(i))}
            for i, p in enumerate(d["pairs"])
        ]
    elif kind == "fill_blank":
        value = value or []
        parts, last, number = [], 0, 0
        for match in BLANK_RE.finditer(d["text"]):
            parts.append({"text": d["text"][last : match.start()]})
            given = value[number] if number < len(value) else ""
            answer = match.group(1).split("|")[0].strip()
            parts.append({"blank": number, "value": given, "answer": answer})
            last, number = match.end(), number + 1
        parts.append({"text": d["text"][last:]})
        d["parts"] = parts
    elif kind == "simulation" and d.get("kind") == "mailbox":
        picked = value or []
        for i, email in enumerate(d["emails"]):
            email.update(index=i, checked=i in picked)
    elif kind == "simulation" and d.get("kind") == "web_form":
        value = value or {}
        for f in d["fields"]:
            f["value"] = value.get(f["name"], "")
            if f["input"] == "select":
                f["choices"] = [
                    {"index": str(i), "text": t, "selected": str(i) == f["value"]}
                    for i, t in enumerate(f["options"])
                ]
    d["solution"] = solution(step.type, d)
    return d, loc.fell_back


def solution(kind, d):
    """The right answer in words, shown with the feedback."""
    if kind in ("single_choice", "multiple_choice"):
        return [c["text"] for c in d["choices"] if c["correct"]]
    if kind == "true_false":
        return [_("True") if d["answer"] else _("False")]
    if kind == "ordering":
        return [f"{n}. {item}" for n, item in enumerate(d["items"], 1)]
    if kind == "matching":
        return [f"{p['left']} → {p['right']}" for p in d["pairs"]]
    if kind == "fill_blank":
        return [p["answer"] for p in d["parts"] if "blank" in p]
    if d.get("kind") == "mailbox":
        return [f"{e['sender']} – {e['subject']}" for e in d["emails"] if e["suspicious"]]
    if d.get("kind") == "web_form":
        out = []
        for f in d["fields"]:
            if f["input"] == "select":
                shown = f["options"][int(f["expected"][0])]
            else:
                shown = f["expected"][0]
            out.append(f"{f['label']}: {shown}")
        return out
    return []
