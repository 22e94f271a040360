"""The public directory of affiliated structures, searchable by name, postal code and town."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from crosslearn.lib.caching import cache_for_visitors
from partners.models import Partner, Structure

PAGE_SIZE = 25


@cache_for_visitors("partners")
def directory(request):
    query = request.GET.get("q", "").strip()[:100]
    partner_code = request.GET.get("partner", "")
    structures = (
        Structure.objects.approved()
        .filter(affiliated_on__isnull=False)
        .select_related("kind", "partner")
        .order_by("postal_code", "name", "pk")
    )
    for word in query.split():
        structures = structures.filter(
            Q(name__icontains=word) | Q(postal_code__startswith=word) | Q(city__icontains=word)
        )
    partners = Partner.objects.order_by("code")
    if partner_code:
        structures = structures.filter(partner__code=partner_code)
    page = Paginator(structures, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "partners/directory.html",
        {
            "page": page,
            "query": query,
            "partners": partners,
            "partner_code": partner_code,
            "params": params.urlencode(),
        },
    )
