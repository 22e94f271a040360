from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from courses.models import Area


@login_required
@permission_required("accounts.use_learner_space", raise_exception=True)
def my_learning(request):
    areas = (
        Area.objects.filter(framework__is_current=True)
        .select_related("framework")
        .prefetch_related("competences")
    )
    return render(request, "courses/my_learning.html", {"areas": areas})
