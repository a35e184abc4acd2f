"""The API's reference as a page of this site, in Chinese, generated from the same OpenAPI schema
that /api/schema/ serves (drf-spectacular). Swagger UI and Redoc print their own English chrome
("Try it out", "Responses"…); this page says the same things in the site's language and layout."""
from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator

TYPE_NAMES = {"string": "文字", "integer": "整数", "number": "数字", "boolean": "是/否", "array": "列表", "object": "对象"}
PLACES = {"query": "查询参数", "path": "路径参数", "header": "请求头"}
METHODS = ("get", "head", "options")


def _type_of(schema: dict) -> str:
    name = TYPE_NAMES.get(schema.get("type", ""), schema.get("type", "") or "—")
    if "minimum" in schema or "maximum" in schema:
        return f"{name}（{schema.get('minimum', '')}–{schema.get('maximum', '')}）"
    return name


def _response_of(operation: dict) -> str:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    return ref.rsplit("/", 1)[-1]


@require_GET
def reference(request):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    endpoints = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            endpoints.append({
                "method": method.upper(), "path": path, "description": operation.get("description", ""),
                "response": _response_of(operation),
                "parameters": [{"name": p["name"], "place": PLACES.get(p.get("in"), p.get("in")),
                                "required": p.get("required", False), "type": _type_of(p.get("schema", {})),
                                "values": [v for v in p.get("schema", {}).get("enum", []) if v],
                                "description": p.get("description", "")}
                               for p in operation.get("parameters", [])],
            })
    return render(request, "api/reference.html", {"info": schema.get("info", {}), "endpoints": endpoints})
