from django.urls import path

from helpers import views

app_name = "helpers"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
