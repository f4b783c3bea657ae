from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class PlatformUserAdmin(UserAdmin):
    list_display = ("username", "is_pseudonymous", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "is_pseudonymous", "groups")
    fieldsets = (*UserAdmin.fieldsets, ("Participation", {"fields": ("is_pseudonymous",)}))
