"""The project's URLs plus one API view with a bug, to reach the 500 handler."""

from django.urls import path

from estama.urls import handler400, handler403, handler404, handler500  # noqa: F401
from estama.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("api/v1/boom/", boom), path("boom/", boom), *project_urlpatterns]
