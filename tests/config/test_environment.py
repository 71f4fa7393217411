"""Settings come from the environment; a bad value stops the program with one clear line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_DEBUG", "maybe", "DJANGO_DEBUG must be true or false"),
        ("DATABASE_URL", "nonsense://", "DATABASE_URL"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL must be a URL"),
        ("ELASTICSEARCH_URL", "es-cluster", "ELASTICSEARCH_URL must be a URL"),
        ("EMAIL_PORT", "abc", "EMAIL_PORT must be a whole number"),
    ],
)
def test_invalid_variable_is_named_in_one_line(variable, value, message):
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.local", variable: value}
    if variable == "EMAIL_PORT":
        env["EMAIL_HOST"] = "smtp.example.id"
    result = manage("check", **env)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = manage("check", DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="")
    assert result.returncode == 2
    assert "SECRET_KEY is required when DJANGO_DEBUG is off" in result.stderr


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-long-random-production-secret-key-with-enough-entropy-0123456789",
        ALLOWED_HOSTS="rembuk.example.go.id",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/0",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
        EMAIL_HOST="smtp.example.go.id",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_services_are_chosen_by_their_urls(monkeypatch):
    """The base settings pick Redis and Elasticsearch backends only when their URL is set."""
    code = (
        "from django.conf import settings as s;"
        "print(s.CHANNEL_LAYERS['default']['BACKEND']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND']);"
        "import importlib; importlib.import_module(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    )
    result = manage(
        "shell",
        "-c",
        code,
        DJANGO_SETTINGS_MODULE="config.settings.local",
        REDIS_URL="redis://127.0.0.1:6379/3",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == [
        "channels_redis.pubsub.RedisPubSubChannelLayer",
        "django_redis.cache.RedisCache",
        "modelsearch.backends.elasticsearch9",
    ]


def test_social_login_is_enabled_only_by_its_variables():
    code = (
        "from django.conf import settings as s;"
        "print(sorted(a for a in s.INSTALLED_APPS if 'providers' in a))"
    )
    none = manage("shell", "-c", code, DJANGO_SETTINGS_MODULE="config.settings.local")
    assert none.stdout.strip().endswith("[]")
    oidc = manage(
        "shell",
        "-c",
        code,
        DJANGO_SETTINGS_MODULE="config.settings.local",
        SOCIAL_OIDC_SERVER_URL="https://sso.example.go.id/realms/asn",
        SOCIAL_OIDC_CLIENT_ID="rembuk",
        SOCIAL_OIDC_SECRET="rahasia",
    )
    assert oidc.returncode == 0, oidc.stderr
    assert "allauth.socialaccount.providers.openid_connect" in oidc.stdout
    missing = manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.local",
        SOCIAL_GOOGLE_CLIENT_ID="abc",
    )
    assert missing.returncode == 2
    assert "SOCIAL_GOOGLE_SECRET is required when SOCIAL_GOOGLE_CLIENT_ID is set" in missing.stderr
