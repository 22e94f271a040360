from django.conf import settings
from django.utils.translation import get_language, get_language_info

NAMES = {code: get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES}


def language_links(request):
    """This page's address in each language, for the switcher.

    The address carries the language (/fr/, /nl/, /en/), so switching is a plain link: it works
    without JavaScript and needs no form or cookie. Our URL paths are not translated, so the
    other languages' addresses differ by their prefix only (cheaper than resolving the URL
    again for each language on every page).
    """
    path = request.get_full_path()
    prefix = f"/{get_language()}/"
    links = []
    for code, _name in settings.LANGUAGES:
        other = f"/{code}/" + path[len(prefix) :] if path.startswith(prefix) else path
        links.append({"code": code, "name": NAMES[code], "next": other})
    return {"language_links": links}
