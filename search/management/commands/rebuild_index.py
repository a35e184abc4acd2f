"""haystack's rebuild_index, atomic for readers on our engine.

haystack's own command clears the index and then fills it again, so searches find nothing
while it runs. On our engine the rebuild is one commit (search.writer.rebuild_from_database):
readers keep the old index until the new one lands. Another configured engine gets haystack's
own behaviour. (This app is listed before haystack in INSTALLED_APPS, so this command wins.)
"""
from haystack import connections
from haystack.management.commands.rebuild_index import Command as HaystackRebuildIndex

from search.backend import ChineseWhooshSearchBackend
from search.writer import rebuild_from_database


class Command(HaystackRebuildIndex):
    help = "重建检索索引：读者在重建完成前继续使用旧索引（一次提交）。"

    def handle(self, **options):
        aliases = options.get("using") or list(connections.connections_info)
        others = []
        for alias in aliases:
            backend = connections[alias].get_backend()
            if not isinstance(backend, ChineseWhooshSearchBackend):
                others.append(alias)
                continue
            if options.get("interactive", True):
                answer = input(f"重建索引 {alias}（{backend.path}）？读者在完成前仍使用旧索引。[y/N] ")
                if answer.strip().lower() not in ("y", "yes"):
                    self.stdout.write("未重建。")
                    continue
            count = rebuild_from_database(path=backend.path, procs=options.get("workers") or None)
            self.stdout.write(f"{alias}：已索引 {count} 个文档（一次提交）。")
        if others:
            super().handle(**{**options, "using": others})
