"""Query parameters of the API, each validated by a serializer: a bad value is a 400 with a
Chinese message (never a 500). Numbers are ASCII digits only ("²" and "٣" are digits to
str.isdigit() and int(), not to us); an unknown parameter is an error, not silently ignored; an
empty one (a form's blank field) counts as absent."""
from __future__ import annotations

import re

from rest_framework import serializers

from bulletin.models import Gazette
from search.engine import MAX_WORD_PARAM, SORTS
from search.query import date_bound

DIGITS = re.compile(r"[0-9]{1,9}")
# `format` (DRF's override, switched off in settings) may only ask for what is given anyway.
FORMATS = ("json",)


class DigitsField(serializers.IntegerField):
    """A positive whole number written in ASCII digits, at most 9 of them."""

    default_error_messages = {
        "invalid": "必须是阿拉伯数字（0–9，最多 9 位）",
        "min_value": "不能小于 {min_value}",
        "max_value": "不能大于 {max_value}",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not DIGITS.fullmatch(data.strip()):
            self.fail("invalid")
        return int(data.strip())


def _word(label: str) -> serializers.CharField:
    return serializers.CharField(required=False, allow_blank=True, max_length=MAX_WORD_PARAM, help_text=label,
                                 error_messages={"max_length": f"不能超过 {MAX_WORD_PARAM} 个字"})


class Params(serializers.Serializer):
    def validate(self, attrs):
        problems = {name[:40]: ["未知参数"] for name in sorted(set(self.initial_data) - set(self.fields) - {"format"})[:10]}
        if self.initial_data.get("format", "json") not in FORMATS:
            problems["format"] = ["只能是 json"]
        if problems:
            raise serializers.ValidationError(problems)
        return attrs


class PageParams(Params):
    page = DigitsField(help_text="页码，从 1 开始")
    page_size = DigitsField(max_value=100, help_text="每页条数（1–100，默认 20）")


class GazetteFilter(serializers.Serializer):
    gazette = serializers.SlugField(required=False, max_length=40, help_text="公报代号，如 jilin",
                                    error_messages={"invalid": "公报代号只含小写字母、数字和连字符",
                                                    "max_length": "公报代号最多 40 个字符"})

    def validate_gazette(self, value):
        if value and not Gazette.objects.filter(slug=value).exists():
            raise serializers.ValidationError(f"没有代号为「{value}」的公报")
        return value


class BulletinParams(PageParams, GazetteFilter):
    year = DigitsField(max_value=9999, help_text="年份")


class ArticleParams(BulletinParams):
    issue = DigitsField(help_text="期号")
    doc_type = _word("文种，如 通知")
    doc_number = serializers.CharField(required=False, allow_blank=True, max_length=100,
                                       help_text="文号，任何括号写法均可，如 京政办发[2016]26号",
                                       error_messages={"max_length": "不能超过 100 个字"})


class SearchParams(PageParams, GazetteFilter):
    q = serializers.CharField(required=False, allow_blank=True, max_length=1000, trim_whitespace=False,
                              help_text="检索词（语法同检索页）", error_messages={"max_length": "检索词不能超过 1000 个字"})
    year = DigitsField(max_value=9999, help_text="年份")
    bulletin = DigitsField(help_text="只在这一期中检索（该期的编号，各期接口返回）")
    article = DigitsField(help_text="只在这篇文章中检索（文章的编号，文章接口返回）")
    doc_type = _word("文种")
    category = _word("栏目")
    issuer = _word("发文机关")
    kind = _word("类型（正文块种类）")
    date_from = serializers.CharField(required=False, allow_blank=True, max_length=20, help_text="出版日期起，如 2016、2016-03")
    date_to = serializers.CharField(required=False, allow_blank=True, max_length=20, help_text="出版日期止，如 2024-12-31")
    sort = serializers.ChoiceField(choices=sorted(SORTS), required=False, help_text="排序方式：按相关度，或按日期新→旧（取值见类型一栏）",
                                   error_messages={"invalid_choice": "只能是 relevance 或 date"})
    page_size = None  # the engine's page size is fixed

    def _date(self, value, end):
        if value and date_bound(value, end) is None:
            raise serializers.ValidationError("日期无法识别（应为 2024、2024-03 或 2024-03-15）")
        return value

    def validate_date_from(self, value):
        return self._date(value, 0)

    def validate_date_to(self, value):
        return self._date(value, 1)


def validated(serializer_class, request) -> dict:
    """The request's query parameters, validated (raises ValidationError → 400)."""
    serializer = serializer_class(data={k: v for k, v in request.query_params.items() if v.strip()})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
