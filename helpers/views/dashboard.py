from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from helpers.services.learners import activity_panel, load_helper_profile
from helpers.views.path import path_panel_context


@login_required
@permission_required("accounts.use_helper_space", raise_exception=True)
def dashboard(request):
    # Each feature adds its panel's context here (training path, learners, accompaniments…).
    load_helper_profile(request.user)  # both panels use it
    context = {}
    context.update(path_panel_context(request))
    context.update(activity_panel(request.user))
    return render(request, "helpers/dashboard.html", context)
