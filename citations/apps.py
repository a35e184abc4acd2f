from django.apps import AppConfig


class CitationsConfig(AppConfig):
    name = "citations"
    verbose_name = "文号引用"
    default_auto_field = "django.db.models.BigAutoField"
