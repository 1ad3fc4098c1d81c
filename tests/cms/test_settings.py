"""Production refuses to start without its secrets, and passes Django's deploy check."""

import os
import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SECRETS = {
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "dialoog.example.nl",
    "DIALOGUE_PSEUDONYM_KEY": "pseudonym-key-kept-outside-the-database",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {
        key: value
        for key, value in os.environ.items()
        # The test run's own switches do not belong in a production process.
        if key not in SECRETS
        and key not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**clean_env, "DJANGO_SETTINGS_MODULE": "cms.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secrets():
    for missing in SECRETS:
        present = {key: value for key, value in SECRETS.items() if key != missing}
        result = manage("check", **present)
        assert result.returncode != 0
        assert missing in result.stderr


def test_production_passes_the_deploy_check_with_secrets():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **SECRETS)
    assert result.returncode == 0, result.stderr


def test_env_example_documents_every_variable_settings_read():
    documented = (PROJECT / ".env.example").read_text()
    settings_source = "".join(
        path.read_text() for path in (PROJECT / "cms" / "settings").glob("*.py")
    )
    read = set(
        re.findall(
            r'(?:environ\.get|env_bool|env_list)\(\s*"([A-Z_]+)"', settings_source
        )
    )
    read |= {"ANYMAIL_"}
    missing = {name for name in read if name not in documented}
    assert not missing
