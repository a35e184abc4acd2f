from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """Requests per client address; the rate (e.g. 120/minute) from ARCHIVE_API_ANON_RATE, read
    per request so that a deployment (or a test) can change it. Counts live in the default cache."""

    def get_rate(self):
        return settings.ARCHIVE_API_ANON_RATE
