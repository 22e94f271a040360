from django.urls import path

from helpers import views
from helpers.views import accompaniments, calendar, learners, register, signup
from training.views import attendance, booking, sessions
from training.views import path as path_views

# The training views are served here, under the helper's address (/<lang>/helper/…): links in
# e-mails and calendar feeds already handed out keep working.

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
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("attestation/", path_views.attestation, name="attestation"),
    path("verify/", path_views.verify_attestation, name="verify_attestation_form"),
    path("verify/<str:code>/", path_views.verify_attestation, name="verify_attestation"),
    path("accompaniments/", accompaniments.index, name="accompaniments"),
    path("accompaniments/new/", accompaniments.create, name="accompaniment_create"),
    path("accompaniments/<int:pk>/edit/", accompaniments.edit, name="accompaniment_edit"),
    path("accompaniments/<int:pk>/delete/", accompaniments.delete, name="accompaniment_delete"),
    path("accompaniments/export.csv", accompaniments.export, {"fmt": "csv"}, name="export_csv"),
    path("accompaniments/export.xlsx", accompaniments.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("people/", register.register, name="register"),
    path("people/merge/", register.merge, name="register_merge"),
    path("learners/", learners.index, name="learners"),
    path("learners/new/", learners.create, name="learner_create"),
    path("learners/<int:pk>/", learners.detail, name="learner"),
    path("learners/<int:pk>/card/", learners.card, name="learner_card"),
    path("learners/<int:pk>/reset-code/", learners.reset_code, name="learner_reset_code"),
    path("learners/<int:pk>/erase/", learners.erase, name="learner_erase"),
]
