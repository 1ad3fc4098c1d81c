"""`make load`: gunicorn and a throwaway PostgreSQL, 300 participants, 60 seconds.

Starts and stops everything itself. Afterwards it checks that every write the
server acknowledged is in the database and every counter agrees with its rows
(manage.py load_check), that no response was 500 or more, and prints p50 and
p95 per endpoint. Exits non-zero when anything was lost or failed.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .postgres import ThrowawayPostgres
from .server import ROOT, Gunicorn, manage, site_environment

USERS = int(os.environ.get("LOAD_USERS", 300))
SECONDS = int(os.environ.get("LOAD_SECONDS", 60))
CONTRIBUTIONS = int(os.environ.get("LOAD_CONTRIBUTIONS", 1000))
LOCUST = ROOT / ".venv-load" / "bin" / "locust"


def run_locust(server: Gunicorn, setup: Path, acks: Path, stats: Path) -> None:
    subprocess.run(  # noqa: S603 - our own locust and arguments
        [
            str(LOCUST),
            *("-f", str(ROOT / "loadtest" / "locustfile.py")),
            "--headless",
            *("-u", str(USERS), "-r", str(max(1, USERS // 30))),
            *("-t", f"{SECONDS}s", "--stop-timeout", "10"),
            *("--host", server.url, "--csv", str(stats), "--only-summary"),
        ],
        env={**os.environ, "LOAD_SETUP": str(setup), "LOAD_ACKS": str(acks)},
        check=False,  # locust counts 4xx as failures; our own checks decide
    )


def percentiles(stats: Path) -> str:
    with open(f"{stats}_stats.csv", newline="") as table:
        rows = list(csv.DictReader(table))
    lines = [f"{'endpoint':<22} {'aantal':>7} {'p50':>7} {'p95':>7}"]
    for row in rows:
        lines.append(
            f"{row['Name']:<22} {row['Request Count']:>7} "
            f"{row['50%']:>5}ms {row['95%']:>5}ms"
        )
    return "\n".join(lines)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="dialoog-load-"))
    setup, acks, stats = work / "setup.json", work / "acks.json", work / "stats"
    postgres = ThrowawayPostgres().create()
    server = None
    try:
        environment = site_environment(postgres.create_database("load"))
        print("Database inrichten en meetdialoog bouwen…", flush=True)
        manage(environment, "migrate", "--noinput", "-v0")
        manage(
            environment,
            *("bench_data", str(CONTRIBUTIONS), "--invitations", str(USERS)),
            *("--out", str(setup)),
        )
        server = Gunicorn(environment)
        print(f"{USERS} deelnemers, {SECONDS} s tegen {server.url}…", flush=True)
        run_locust(server, setup, acks, stats)
        # Requests still queued when locust stopped may yet commit: the check
        # reads the database once nothing can write to it any more.
        server.stop()
        server = None
        acknowledged = json.loads(acks.read_text())
        print(percentiles(stats))
        check = subprocess.run(  # noqa: S603 - our own manage.py
            [
                sys.executable,
                "manage.py",
                "load_check",
                str(setup),
                "--acks",
                str(acks),
            ],
            env=environment,
            cwd=ROOT,
            check=False,
        )
        errors = acknowledged["server_errors"]
        print(f"Antwoorden van 500 of hoger: {len(errors)}", *errors[:20], sep="\n")
        return 1 if errors or check.returncode else 0
    finally:
        if server is not None:
            server.stop()
        postgres.destroy()


if __name__ == "__main__":
    sys.exit(main())
