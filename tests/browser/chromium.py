"""Find a Chromium for the browser tests: the system's first, else Playwright's own.

Run as a module it exits 0 when a system Chromium exists, so `make test` only asks
Playwright to download its browser where there is none.
"""

import os
import shutil
import sys

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def system_chromium() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


if __name__ == "__main__":
    sys.exit(0 if system_chromium() else 1)
