from django.shortcuts import render

from courses.models import Area
from crosslearn.lib.caching import cache_for_visitors
from partners.models import Partner


@cache_for_visitors("course-content", "partners")
def home(request):
    areas = Area.objects.filter(framework__is_current=True).order_by("code")
    partners = Partner.objects.order_by("country", "code")
    return render(request, "home.html", {"areas": areas, "partners": partners})
