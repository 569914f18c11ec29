"""The Celery application.

With no ``CELERY_BROKER_URL`` (the embedded default) tasks run eagerly in-process; in
production the broker is Redis and a worker plus beat run beside gunicorn.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estama.settings.local")

app = Celery("estama")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
