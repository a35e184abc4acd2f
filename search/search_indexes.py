"""Haystack index registrations, so haystack's rebuild_index/update_index know our two models.

The documents themselves are built by search.documents (the backend ignores these fields), so
they are declared minimally; haystack requires one document=True field.
"""
from haystack import indexes

from bulletin.models import Article, Block


class BlockIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, model_attr="text")

    def get_model(self):
        return Block

    def index_queryset(self, using=None):
        return Block.objects.only("pk", "article_id", "position", "kind", "text")


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, model_attr="title")

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        return Article.objects.select_related("bulletin__gazette")
