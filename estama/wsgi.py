"""WSGI entry point for gunicorn: ``gunicorn estama.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estama.settings.production")

application = get_wsgi_application()
