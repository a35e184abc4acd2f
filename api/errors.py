"""Every API error as JSON with a Chinese message: {"detail": "…", "errors": {参数: [原因]}}."""
from __future__ import annotations

import logging

from django.http import JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

log = logging.getLogger(__name__)


def _message(exc, request) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "参数有误"
    if isinstance(exc, exceptions.Throttled):
        return f"请求过于频繁，请 {int(exc.wait or 1)} 秒后再试" if exc.wait else "请求过于频繁，请稍后再试"
    if isinstance(exc, exceptions.MethodNotAllowed):
        return f"本接口只读，不接受 {request.method} 请求"
    if isinstance(exc, exceptions.NotAcceptable):
        return "本接口只提供 JSON"
    if isinstance(exc, exceptions.NotFound):
        detail = str(exc.detail)
        return detail if any("\u4e00" <= c <= "\u9fff" for c in detail) else "未找到"
    return "请求无法处理"


def json_error_handler(exc, context):
    request = context.get("request")
    response = exception_handler(exc, context)
    if response is None:  # not an API exception: a bug; still JSON, never Django's HTML page
        log.exception("API error", exc_info=exc)
        return Response({"detail": "服务器内部错误"}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    body = {"detail": _message(exc, request)}
    if isinstance(exc, exceptions.ValidationError):
        body["errors"] = response.data if isinstance(response.data, dict) else {"参数": response.data}
    response.data = body
    return response


def not_found(request, rest=""):
    """Any other address under /api/."""
    return JsonResponse({"detail": "没有这个接口地址"}, status=404, json_dumps_params={"ensure_ascii": False})
