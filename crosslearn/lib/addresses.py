"""E-mail addresses whose domain imitates another one with letters of several alphabets.

``exаmple.org`` with a Cyrillic "а" looks like ``example.org``: a sign-up with it can pass for
someone else's address in every list an operator reads. A domain label written in one
alphabet (``пример.рф``, ``münchen.de``) is fine; one label mixing alphabets is refused.
"""

import unicodedata

# Scripts that are written together in one word (Japanese mixes kanji and kana).
SAME_WRITING = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "CJK": "CJK"}


def _script(character):
    name = unicodedata.name(character, "")
    first = name.split(" ", 1)[0]
    return SAME_WRITING.get(first, first)


def _labels(domain):
    for label in domain.lower().split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except UnicodeError:
                yield "\ufffd"  # undecodable: treated as suspicious below
                continue
        yield label


def mixes_scripts(address):
    """True when a label of the address's domain mixes letters of several alphabets."""
    domain = (address or "").rpartition("@")[2]
    for label in _labels(domain):
        if "\ufffd" in label:
            return True
        scripts = {_script(ch) for ch in label if ch.isalpha()}
        if len(scripts) > 1:
            return True
    return False
