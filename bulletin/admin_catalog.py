"""Strings of Django's own admin templates that Django's zh_Hans catalog does not translate yet
(new in Django 5.1/5.2; read out by screen readers as table headers). Marked here so makemessages
puts them into this project's catalog, whose translations take precedence (LOCALE_PATHS)."""
from django.utils.translation import gettext_noop

DJANGO_ADMIN_STRINGS = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
]
