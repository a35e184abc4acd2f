"""Production settings: the base settings plus HTTPS-only cookies and headers.

Use with DJANGO_SETTINGS_MODULE=config.settings_production behind a TLS-terminating proxy.
DJANGO_SECRET_KEY must be set (the base settings refuse to start without it).
"""
import os

os.environ.setdefault("DJANGO_DEBUG", "0")

from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from .settings import *  # noqa: E402,F403

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in the environment (50+ random characters) in production")

DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
