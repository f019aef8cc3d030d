"""Refusing to serve with settings that are only fit for development."""

from django.core.exceptions import ImproperlyConfigured


def refuse_insecure_settings(settings) -> None:
    """Without DEBUG the site is public: a guessable SECRET_KEY would let anyone forge
    sessions and password-reset links, so the app servers do not start with one."""
    if settings.DEBUG:
        return
    key = settings.SECRET_KEY
    if key == settings.DEFAULT_SECRET_KEY or key.startswith("django-insecure") or len(key) < 50 or len(set(key)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY is the development default or too weak: set SECRET_KEY to at least 50 random characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or DEBUG=1 on a development machine."
        )
