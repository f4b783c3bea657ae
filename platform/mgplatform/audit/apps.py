from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mgplatform.audit"
    label = "audit"
    verbose_name = "Audit log"
