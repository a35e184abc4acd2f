"""Gazettes and ordered bodies, step 3 of 3: drop what the new tables replace."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("bulletin", "0003_gazette_block_data"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="bulletin", name="unique_gazette_issue"),
        migrations.RemoveField(model_name="bulletin", name="gazette"),
        migrations.RenameField(model_name="bulletin", old_name="gazette_ref", new_name="gazette"),
        migrations.AlterField(
            model_name="bulletin",
            name="gazette",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="bulletins",
                                    to="bulletin.gazette", verbose_name="公报"),
        ),
        migrations.AlterModelOptions(
            name="bulletin",
            options={"ordering": ["-year", "-issue", "gazette__name"], "verbose_name": "公报", "verbose_name_plural": "公报"},
        ),
        migrations.AddConstraint(
            model_name="bulletin",
            constraint=models.UniqueConstraint(fields=("gazette", "year", "issue"), name="unique_gazette_issue"),
        ),
        migrations.DeleteModel(name="Paragraph"),
        migrations.DeleteModel(name="Section"),
    ]
