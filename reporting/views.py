import re
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from accounts.access import reach_of
from crosslearn.lib.spreadsheets import in_chunks
from reporting import exports, freshness, indicators, services
from reporting.indicators import Dimension
from reporting.models import Programme


def _programmes(version):
    """Every programme by slug, in order (shared like the figures: programmes are their data)."""
    return freshness.shared(
        ["programmes"], lambda: {p.slug: p for p in Programme.objects.all()}, version
    )


def _choose(request, version):
    """The programme, semester and dimension picked in the filters (GET), with defaults."""
    by_slug = _programmes(version)
    programmes = list(by_slug.values())
    if not programmes:
        return programmes, None, None, Dimension.PARTNER
    programme = by_slug.get(request.GET.get("programme")) or by_slug.get(
        "crosslearn", programmes[0]
    )
    dimension = request.GET.get("by")
    if dimension not in dict(Dimension.CHOICES):
        dimension = Dimension.PARTNER
    semester_code = request.GET.get("semester", "")
    if not re.fullmatch(r"S\d{1,2}", semester_code):
        semester_code = ""  # the latest semester
    return programmes, programme, semester_code, dimension


@login_required
@permission_required("accounts.view_partner_reports", raise_exception=True)
def dashboard(request):
    version = freshness.figures_version()
    programmes, programme, semester_code, dimension = _choose(request, version)
    if programme is None:
        return render(request, "reporting/dashboard.html", {"programme": None})
    reach = reach_of(request.user)
    whole = reach.everything
    if not (whole or reach.partner_id):
        raise Http404
    partner = None if whole else request.user.partner

    def body():
        figures = indicators.compute_cached(
            programme, dimension=dimension, partner=partner, version=version
        )
        semester = next((s for s in figures.semesters if s.code == semester_code), None)
        groups = exports.breakdown(figures, semester=semester)
        context = {
            "programmes": programmes,
            "programme": programme,
            "dimensions": Dimension.CHOICES,
            "figures": figures,
            "partner": partner,
            "dimension": dimension,
            "semester": semester,
            "shown_semester": semester or (figures.semesters[-1] if figures.semesters else None),
            "blocks": exports.indicator_blocks(figures),
            "groups": groups,
            "dimension_charts": exports.dimension_charts(groups, dimension=dimension),
            "can_download": whole,
            # The downloads hold what the filters show: the chosen semester, else every one.
            "download_query": f"?{urlencode({'semester': semester.code})}" if semester else "",
        }
        return render_to_string("reporting/_dashboard_body.html", context, request)

    # Everyone who sees the same figures shares the rendered charts and tables (most of the
    # page's cost: without it the page serves 2.7 times fewer requests, make bench) until the
    # data changes.
    parts = ["dashboard", programme.pk, dimension, partner.pk if partner else "all", semester_code]
    return render(
        request,
        "reporting/dashboard.html",
        {"programme": programme, "body": freshness.shared(parts, body, version)},
    )


@login_required
@permission_required("accounts.view_programme_reports", raise_exception=True)
def download(request, slug, fmt):
    version = freshness.figures_version()
    programme = _programmes(version).get(slug)
    if programme is None or fmt not in exports.CONTENT_TYPES:
        raise Http404
    figures = indicators.compute_cached(programme, version=version)
    semester = None
    if request.GET.get("semester"):
        code = request.GET["semester"].strip().upper()
        semester = next((s for s in figures.semesters if s.code == code), None)
        if semester is None:
            raise Http404
    suffix = f"-{semester.code}" if semester else ""
    filename = f"{programme.slug}-report{suffix}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            in_chunks(exports.stream_csv(figures, semester=semester)),
            content_type=exports.CONTENT_TYPES[fmt],
        )
    elif fmt == "xlsx":
        splits = {
            dimension: indicators.compute_cached(programme, dimension=dimension, version=version)
            for dimension in exports.BREAKDOWN_SHEETS
        }
        content = exports.build_xlsx(figures, semester=semester, splits=splits)
        response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    else:
        content = exports.build_pdf(
            figures,
            semester=semester,
            frozen=services.frozen_values(programme),
            base_url=request.build_absolute_uri("/"),
            by_country=indicators.compute_cached(
                programme, dimension=Dimension.COUNTRY, version=version
            ),
        )
        response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def open_data(request, slug):
    """Public indicators of a programme per semester: totals only, no personal data."""
    version = freshness.figures_version()
    programme = _programmes(version).get(slug)
    if programme is None:
        raise Http404
    figures = indicators.compute_cached(programme, version=version)
    semesters = []
    for semester in figures.semesters:
        rows = figures.rows(semester=semester, parts=False)
        semesters.append(
            {
                "semester": semester.code,
                "start": semester.start.isoformat(),
                "end": semester.end.isoformat(),
                "indicators": {
                    row.indicator: {
                        "value": row.value,
                        "cumulative": row.cumulative,
                        "target": row.target,
                        "percent_of_target": (
                            None if row.percent_of_target is None else float(row.percent_of_target)
                        ),
                    }
                    for row in rows
                },
            }
        )
    payload = {
        "programme": programme.slug,
        "name": programme.name,
        "start": programme.start.isoformat(),
        "end": programme.end.isoformat(),
        "semesters": semesters,
    }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
