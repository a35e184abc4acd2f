"""Login throttling's answer (django-axes): a page in Chinese, status 429, instead of axes' English.
Rendered here (not a TemplateResponse): axes returns it from its middleware, after the point
where Django renders template responses."""
from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
