from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def language_links(request):
    """This page's address in each language, for the switcher.

    The address carries the language (/fr/, /nl/, /en/), so switching is a plain link: it works
    without JavaScript and needs no form or cookie.
    """
    path = request.get_full_path()
    links = []
    for code, _ in settings.LANGUAGES:
        name = get_language_info(code)["name_local"]
        links.append({"code": code, "name": name, "next": translate_url(path, code)})
    return {"language_links": links}
