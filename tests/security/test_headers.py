"""Security headers on public pages and in the admin."""

import pytest

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    result = {}
    for part in header.split(";"):
        name, *values = part.split()
        result[name] = values
    return result


def test_public_pages_send_a_strict_policy(client, egov_policy):
    response = client.get("/kebijakan/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    # Scripts only from this site, or inline with this response's nonce; never unsafe-inline.
    assert "'unsafe-inline'" not in policy["script-src"]
    assert all(v == "'self'" or v.startswith("'nonce-") for v in policy["script-src"])
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_admin_gets_its_own_policy(client, staff_login, site_admin):
    staff_login(site_admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_json_and_healthz_are_not_sniffable(client):
    response = client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
