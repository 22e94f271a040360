from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def language_links(request):
    """This page's address in each language, for the switcher.

    Translated here, while the page's own language is active: set_language alone would resolve
    the address in the browser's language and could not translate it.
    """
    path = request.get_full_path()
    links = []
    for code, _ in settings.LANGUAGES:
        name = get_language_info(code)["name_local"]
        links.append({"code": code, "name": name, "next": translate_url(path, code)})
    return {"language_links": links}
