from django.urls import path

from helpers import views
from helpers.views import accompaniments, learners

app_name = "helpers"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("accompaniments/", accompaniments.index, name="accompaniments"),
    path("accompaniments/new/", accompaniments.create, name="accompaniment_create"),
    path("accompaniments/<int:pk>/edit/", accompaniments.edit, name="accompaniment_edit"),
    path("accompaniments/<int:pk>/delete/", accompaniments.delete, name="accompaniment_delete"),
    path("accompaniments/export.csv", accompaniments.export, {"fmt": "csv"}, name="export_csv"),
    path("accompaniments/export.xlsx", accompaniments.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("learners/", learners.index, name="learners"),
    path("learners/new/", learners.create, name="learner_create"),
    path("learners/<int:pk>/", learners.detail, name="learner"),
    path("learners/<int:pk>/card/", learners.card, name="learner_card"),
    path("learners/<int:pk>/reset-code/", learners.reset_code, name="learner_reset_code"),
    path("learners/<int:pk>/erase/", learners.erase, name="learner_erase"),
]
