from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import reverse

from helpers.services.learners import activity_panel, load_helper_profile
from helpers.views.calendar import calendar_token
from training.views.path import path_panel_context


@login_required
@permission_required("accounts.use_helper_space", raise_exception=True)
def dashboard(request):
    # Each feature adds its panel's context here (training path, learners, accompaniments…).
    profile = load_helper_profile(request.user)  # both panels use it
    context = {"helper_profile": profile, "calendar_feed_url": None}
    if profile:
        path = reverse("helpers:calendar_feed", kwargs={"token": calendar_token(profile)})
        context["calendar_feed_url"] = request.build_absolute_uri(path)
    context.update(path_panel_context(request))
    context.update(activity_panel(request.user))
    return render(request, "helpers/dashboard.html", context)
