from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "检索"

    def ready(self):
        import os
        import sys

        from bulletin.signals import bulletins_changed

        from .memory import release_freed_arrays

        release_freed_arrays()

        if os.path.basename(sys.argv[0]) == "gunicorn":
            # With --preload this runs in the master: the workers fork with jieba's dictionary loaded.
            from .analysis import load_jieba

            load_jieba()

        from .signals import apply_bulletins_changed

        # Sent after commit: removes and adds go to the index in one serialized commit.
        bulletins_changed.connect(apply_bulletins_changed, dispatch_uid="search.apply_bulletins_changed")
