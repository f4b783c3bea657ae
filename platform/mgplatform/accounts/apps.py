from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mgplatform.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
