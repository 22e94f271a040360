from django.db.models import Case, Q, When
from django.http import Http404
from django.utils.translation import get_language

from accounts.roles import is_staff_role
from courses.models import Course
from partners.models import Structure


def language():
    return (get_language() or "fr")[:2]


def user_country(user):
    """The country the user learns in, when we know it: their structure's, as a helper or
    as a learner followed by one (a learner in Lille gets no Belgian procedure); else None."""
    if not user.is_authenticated:
        return None
    # From the structures' side: the account itself is already read for the request.
    return (
        Structure.objects.filter(Q(helpers__user=user) | Q(learners__user=user))
        .order_by(Case(When(helpers__user=user, then=0), default=1))  # a helper's first
        .values_list("country", flat=True)
        .first()
    )


def can_preview(request):
    return is_staff_role(request.user) and request.user.has_perm("courses.view_course")


def visible_or_404(request, course):
    """``course`` if published, or for staff who may preview content; 404 otherwise."""
    if course is None or not (course.published or can_preview(request)):
        raise Http404
    return course


def get_course(request, slug, queryset=None):
    """A published course, or any course for staff who may preview content; 404 otherwise."""
    queryset = queryset if queryset is not None else Course.objects.all()
    return visible_or_404(request, queryset.filter(slug=slug).first())


def fallback_notice(course, lang):
    """True when the course title or summary is shown in another language than the page's."""
    return course.text_language("title", lang) != lang or (
        course.summary and course.text_language("summary", lang) != lang
    )
