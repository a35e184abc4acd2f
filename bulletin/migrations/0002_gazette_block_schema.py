"""Gazettes and ordered bodies, step 1 of 3: the new tables and columns, beside the old ones."""
import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import bulletin.models


class Migration(migrations.Migration):

    dependencies = [
        ("bulletin", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Gazette",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="公报名称")),
                ("slug", models.SlugField(
                    help_text="永久地址的第一段，例如 jilin：/jilin/2024/1/。改动会改变该公报所有地址。",
                    max_length=40, unique=True, verbose_name="代号",
                    validators=[django.core.validators.RegexValidator("^[a-z][a-z0-9-]*$", "代号只能用小写字母、数字和连字符，并以字母开头"),
                                bulletin.models.validate_slug_not_reserved])),
                ("city", models.CharField(blank=True, max_length=50, verbose_name="城市")),
                ("province", models.CharField(blank=True, max_length=50, verbose_name="省份")),
            ],
            options={"verbose_name": "公报刊物", "verbose_name_plural": "公报刊物", "ordering": ["name"]},
        ),
        migrations.AddField(
            model_name="bulletin",
            name="gazette_ref",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="bulletin.gazette"),
        ),
        migrations.AddField(
            model_name="bulletin",
            name="importer_version",
            field=models.CharField(blank=True, help_text="解析这一期的导入程序版本；空 = 版本记录之前", max_length=40, verbose_name="解析器版本"),
        ),
        migrations.AddField(
            model_name="bulletin",
            name="parsed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="解析时间"),
        ),
        migrations.AddField(model_name="article", name="addressee",
                            field=models.CharField(blank=True, max_length=300, verbose_name="主送机关")),
        migrations.AddField(model_name="article", name="issuer",
                            field=models.CharField(blank=True, max_length=200, verbose_name="发文机关")),
        migrations.AddField(model_name="article", name="signed_on",
                            field=models.DateField(blank=True, null=True, verbose_name="成文日期")),
        migrations.AddField(model_name="article", name="doc_type",
                            field=models.CharField(blank=True, max_length=20, verbose_name="文种")),
        migrations.CreateModel(
            name="Block",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveIntegerField(verbose_name="序号")),
                ("kind", models.CharField(choices=[(k, k) for k in (
                    "doc_number", "subtitle", "speaker", "addressee", "heading", "paragraph", "table", "attachment",
                    "signature", "date", "doc_title")], max_length=12, verbose_name="类型")),
                ("text", models.TextField(verbose_name="文字")),
                ("level", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="层级")),
                ("number", models.CharField(blank=True, max_length=20, verbose_name="编号")),
                ("rows", models.JSONField(blank=True, null=True, verbose_name="表格行")),
                ("parent", models.PositiveIntegerField(blank=True, null=True, verbose_name="所属标题")),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="blocks", to="bulletin.article")),
            ],
            options={"verbose_name": "正文块", "verbose_name_plural": "正文块", "ordering": ["article", "position"]},
        ),
        migrations.AddConstraint(
            model_name="block",
            constraint=models.UniqueConstraint(fields=("article", "position"), name="unique_block_position"),
        ),
    ]
