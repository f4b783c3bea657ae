from django.apps import AppConfig


class MoralGraphConfig(AppConfig):
    name = "moralgraph"
    verbose_name = "Moral graph"

    def ready(self):
        from mgplatform.accounts.apikeys import register_key_deliberation_check

        from .access import key_deliberation_refusal

        register_key_deliberation_check(key_deliberation_refusal)
