from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from courses.models import Area
from crosslearn.lib.caching import cache_for_visitors
from partners.models import Partner


@cache_for_visitors()
def home(request):
    areas = Area.objects.filter(framework__is_current=True).order_by("code")
    partners = Partner.objects.order_by("country", "code")
    return render(request, "home.html", {"areas": areas, "partners": partners})


@never_cache
def health(request):
    """Liveness and database check for the container orchestrator."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def hello(request):
    """The cheapest possible response: the benchmark's baseline."""
    return HttpResponse("hello", content_type="text/plain")
