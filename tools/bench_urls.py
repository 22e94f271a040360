"""The production URLs plus /hello, the cheapest possible response: the benchmark's baseline."""

from django.http import HttpResponse
from django.urls import path

from crosslearn.urls import urlpatterns as production


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("hello", hello, name="hello"), *production]
