"""The site as it is served (gunicorn, DEBUG off) on a database of its own."""

import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .postgres import free_port

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def site_environment(database_url: str, secret_key: str = "") -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secret_key or secrets.token_hex(32),
        "DIALOGUE_PSEUDONYM_KEY": "load-test-pseudonym-key",
    }


def manage(environment: dict, *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own manage.py and arguments
        [sys.executable, "manage.py", *args],
        env=environment,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


class Gunicorn:
    def __init__(self, environment: dict, workers: int = 2, threads: int = 4):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(  # noqa: S603 - our own server command
            [
                str(VENV_BIN / "gunicorn"),
                "cms.wsgi",
                *("--bind", f"127.0.0.1:{self.port}"),
                *("--workers", str(workers), "--threads", str(threads)),
                *("--access-logfile", "/dev/null", "--timeout", "60"),
            ],
            env=environment,
            cwd=ROOT,
        )
        self.wait_until_serving()

    def wait_until_serving(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=5)  # noqa: S310 - ours
                return
            except urllib.error.HTTPError:
                return  # it answers, whatever it answers
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start serving")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
