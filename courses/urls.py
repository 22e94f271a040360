from django.urls import path

from courses import views

app_name = "courses"
urlpatterns = [
    path("", views.my_learning, name="my_learning"),
    path("courses/", views.catalogue, name="catalogue"),
    path("courses/<slug:slug>/", views.course_detail, name="course"),
    path("courses/<slug:slug>/step/<int:number>/", views.step, name="step"),
    path("courses/<slug:slug>/done/", views.course_done, name="done"),
    path("test/", views.positioning, name="positioning"),
    path("test/result/<int:pk>/", views.positioning_result, name="positioning_result"),
    path("test/paper/", views.positioning_paper, name="positioning_paper"),
    path("test/enter/", views.positioning_enter, name="positioning_enter"),
]
