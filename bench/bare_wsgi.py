"""The framework's floor: the same Django settings and middleware under the
same gunicorn, answering every path with the bytes of a saved page."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budgetsite.settings")

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

settings.ROOT_URLCONF = "bench.bare_urls"
application = get_wsgi_application()
