"""The demo deliberation with its latest snapshot (groups by politics, age and cohort), loaded
once per module: loading it takes seconds, and the reports only read it."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from moralgraph.models import Deliberation, GraphSnapshot


@pytest.fixture(scope="package")
def demo_world(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        with override_settings(VAR_DIR=tmp_path_factory.mktemp("var")):
            call_command("load_demo", stdout=io.StringIO())
        deliberation = Deliberation.objects.get(slug="ai-in-hard-moments")
        snapshot = GraphSnapshot.objects.filter(deliberation=deliberation).latest("id")
        yield deliberation, snapshot
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def demo(demo_world, db):
    return demo_world
