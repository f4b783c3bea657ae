"""Small things a new organiser or participant noticed: a styled 403, the site's own title,
a favicon, the demo's invite link on the port actually used."""

import pytest
from django.test import Client

from moralgraph.management.commands.load_demo import Command as LoadDemo
from tests.factories import DeliberationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_refusal_is_a_styled_page_that_says_why():
    d = DeliberationFactory()
    client = Client()
    client.force_login(UserFactory())
    page = client.get(f"/d/{d.slug}/organise/")
    assert page.status_code == 403
    html = page.content.decode()
    assert 'class="site-header"' in html  # the site's layout, not a bare "403 Forbidden"
    assert "Only the deliberation&#x27;s organisers and staff run it." in html


def test_the_home_page_has_the_sites_title_and_a_favicon():
    html = Client().get("/").content.decode()
    assert "<title>Moral Graph Platform</title>" in html
    assert "<h1>Moral Graph Platform</h1>" in html
    assert 'rel="icon"' in html
    favicon = Client().get("/favicon.ico")
    assert favicon.status_code == 301
    assert favicon["Location"].endswith("favicon.svg")


def test_load_demo_prints_the_invite_link_for_the_port_in_use(monkeypatch):
    monkeypatch.setenv("PORT", "8711")
    options = LoadDemo().create_parser("manage.py", "load_demo").parse_args([])
    assert options.base_url == "http://127.0.0.1:8711"
