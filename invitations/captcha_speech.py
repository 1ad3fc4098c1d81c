"""The sign-up captcha, spoken in Dutch.

django-simple-captcha calls its speech program the way it calls flite
(setting CAPTCHA_FLITE_PATH): `PROGRAM -t "K, W, B, R" -o FILE.wav`. That program
is `main` here, installed by pip as `captcha-speech` (pyproject.toml): it speaks
the letters with espeak-ng's Dutch voice, slowly, so the audio matches the Dutch
page. The module also supplies the challenge; it needs no Django.
"""

import argparse
import secrets
import shutil
import subprocess
import sys

ESPEAK = "espeak-ng"
VOICE = "nl"
WORDS_PER_MINUTE = 120
LENGTH = 4
# Y is left out: spoken in Dutch it sounds like IJ, and people type both.
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXZ"


def unambiguous_letters() -> tuple[str, str]:
    """The captcha's challenge: (what the image shows, the expected answer)."""
    letters = "".join(secrets.choice(LETTERS) for _ in range(LENGTH))
    return letters, letters.lower()


def espeak_command(text: str, wav_path: str) -> list[str]:
    return [
        shutil.which(ESPEAK) or ESPEAK,
        "-v",
        VOICE,
        "-s",
        str(WORDS_PER_MINUTE),
        "-w",
        wav_path,
        text,
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-t", dest="text", required=True, help="what to say")
    parser.add_argument("-o", dest="wav_path", required=True, help="WAV to write")
    arguments = parser.parse_args(argv)
    command = espeak_command(arguments.text, arguments.wav_path)
    return subprocess.run(command, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
