"""The captcha as a person meets it: its letters, read from the captcha's own
store the way a person reads them off the image, and what espeak-ng itself
makes of them, to compare what is served. The tests run the captcha for real
(no test mode): a wrong answer fails, and each answer is good once."""

import subprocess
from pathlib import Path

from captcha.models import CaptchaStore

from invitations.captcha_speech import WORDS_PER_MINUTE


def espeak_wav(voice: str, letters: str, folder: Path) -> bytes:
    """The letters as the captcha's view hands them over ("K, W, B, R")."""
    wav = folder / f"{voice}.wav"
    subprocess.run(  # noqa: S603
        [  # noqa: S607 - the system's espeak-ng, a declared dependency
            "espeak-ng",
            "-v",
            voice,
            "-s",
            str(WORDS_PER_MINUTE),
            "-w",
            str(wav),
            ", ".join(letters),
        ],
        check=True,
    )
    return wav.read_bytes()


CAPTCHA_LABEL = "Controle: typ de tekens uit de afbeelding"


def letters_of(key: str) -> str:
    """What the image with this key shows."""
    return CaptchaStore.objects.get(hashkey=key).response


def solved() -> dict:
    """A fresh captcha and its answer, as the form posts them."""
    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": letters_of(key)}


def solve_in_page(form) -> None:
    """Type the letters of the captcha the page shows (a Playwright locator)."""
    key = form.locator("input[name=captcha_0]").input_value()
    form.get_by_label(CAPTCHA_LABEL).fill(letters_of(key))
