import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crosslearn.settings")

app = Celery("crosslearn")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.include = ["crosslearn.lib.emails"]  # the e-mail task lives with the e-mail helpers
