"""Upcoming sessions for helpers: the filterable list, one session, calendar files."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from partners.models import Partner, Sector
from training.models import Participation, SessionKind, TrainingSession
from training.services.booking import bookable
from training.services.calendar import session_ics

PAGE_SIZE = 20


class SessionFilterForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Partner"), queryset=Partner.objects.all(), required=False, empty_label=_("All")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *SessionKind.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All")), *settings.LANGUAGES], required=False
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False, empty_label=_("All")
    )
    place = forms.CharField(
        label=_("Postal code"),
        required=False,
        max_length=10,
        help_text=_("The start is enough: 59 for the whole Nord département."),
    )

    def filter(self, sessions):
        data = self.cleaned_data
        if data.get("partner"):
            sessions = sessions.filter(partner=data["partner"])
        if data.get("kind"):
            sessions = sessions.filter(kind=data["kind"])
        if data.get("language"):
            sessions = sessions.filter(language=data["language"])
        if data.get("sector"):
            sessions = sessions.filter(sector=data["sector"])
        if data.get("place"):
            sessions = sessions.filter(postal_code__startswith=data["place"].strip())
        return sessions


@login_required
@permission_required("accounts.use_helper_space", raise_exception=True)
def session_list(request):
    form = SessionFilterForm(request.GET or None)
    sessions = TrainingSession.objects.upcoming()
    if form.is_bound and form.is_valid():
        sessions = form.filter(sessions)
    paginator = Paginator(
        sessions.select_related("partner", "sector")
        .with_seat_counts()
        .with_booking_of(request.user)
        .order_by("starts_at", "pk"),
        PAGE_SIZE,
    )
    # Counted without the seat counts: the same rows, without aggregating every booking.
    paginator.count = sessions.count()
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "training/session_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def get_session_for_helper(pk, user):
    """Any session a helper may see, with its seat counts and the user's own booking."""
    sessions = (
        TrainingSession.objects.select_related("partner", "sector")
        .with_seat_counts()
        .with_booking_of(user)
    )
    return get_object_or_404(sessions, pk=pk)


def my_participation(session, user):
    return Participation.objects.filter(session=session, person=user).first()


@login_required
@permission_required("accounts.use_helper_space", raise_exception=True)
def session_detail(request, pk):
    session = get_session_for_helper(pk, request.user)
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "participation": my_participation(session, request.user),
            "bookable": bookable(session),
            "registered": session.my_booking == Participation.Booking.CONFIRMED,
        },
    )


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@permission_required("accounts.use_helper_space", raise_exception=True)
def session_calendar(request, pk):
    session = get_session_for_helper(pk, request.user)
    registered = session.my_booking == Participation.Booking.CONFIRMED
    return ics_response(session_ics(session, with_link=registered), f"session-{session.pk}.ics")
