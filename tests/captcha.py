"""What espeak-ng itself makes of a captcha's letters, to compare what is served."""

import subprocess
from pathlib import Path

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
