from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def query_with(search_request, name, value):
    """Query string of the current search with one parameter changed ('' removes it); page resets."""
    params = QueryDict(mutable=True)
    current = search_request.params()
    current[name] = value
    for key, val in current.items():
        if val not in (None, ""):
            params[key] = str(val)
    return params.urlencode()


@register.simple_tag
def lookup(mapping, key):
    return mapping.get(key, key)


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, {})


@register.simple_tag
def facet_label(outcome, name, value):
    """What a facet value is called on the page: 2024年, a gazette's name, 表格 for table …"""
    if name == "year":
        return f"{value}年"
    return outcome.labels.get(name, {}).get(value, value)
