"""Settings for the test suite: the same environment-driven settings with test-safe defaults."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("SECURE_SSL", "false")  # the test client speaks plain HTTP
os.environ.setdefault("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", "true")  # receivers run on 127.0.0.1

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
