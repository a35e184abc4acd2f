"""Record the 文号 mentions of the bulletins stored before citations existed."""
from django.db import migrations


def fill(apps, schema_editor):
    from citations.store import record_bulletin

    models = (apps.get_model("bulletin", "Article"), apps.get_model("bulletin", "Block"),
              apps.get_model("citations", "Mention"), apps.get_model("citations", "DocNumberKey"))
    for pk in apps.get_model("bulletin", "Bulletin").objects.order_by("pk").values_list("pk", flat=True):
        record_bulletin(pk, models=models)


class Migration(migrations.Migration):
    dependencies = [("citations", "0001_initial")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
