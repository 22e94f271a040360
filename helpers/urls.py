from django.urls import path

from helpers import views
from helpers.views import attendance, booking, sessions, signup
from helpers.views import path as path_views

app_name = "helpers"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("join/", signup.join, name="join"),
    path("profile/", signup.profile, name="profile"),
    path("sessions/", sessions.session_list, name="session_list"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/calendar.ics", sessions.session_calendar, name="session_calendar"),
    path("sessions/<int:pk>/book/", booking.book, name="book"),
    path("sessions/<int:pk>/cancel/", booking.cancel, name="cancel"),
    path("sessions/<int:pk>/attendance/", attendance.attendance, name="attendance"),
    path("calendar/<str:token>.ics", sessions.calendar_feed, name="calendar_feed"),
    path("attestation/", path_views.attestation, name="attestation"),
    path("verify/", path_views.verify_attestation, name="verify_attestation_form"),
    path("verify/<str:code>/", path_views.verify_attestation, name="verify_attestation"),
]
