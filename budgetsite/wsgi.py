import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from budgetsite.startup import refuse_insecure_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budgetsite.settings")
application = get_wsgi_application()
refuse_insecure_settings(settings)  # gunicorn and runserver load this module before serving
