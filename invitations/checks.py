"""System checks for what the joining flow needs from the machine."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def captcha_has_audio(app_configs, **kwargs):
    """The captcha promises a spoken version; espeak-ng must be there to give it."""
    if settings.CAPTCHA_FLITE_PATH:
        return []
    return [
        Warning(
            "De captcha van het aanmeldformulier heeft geen geluidsversie: "
            "espeak-ng of het programma captcha-speech ontbreekt.",
            hint="Installeer espeak-ng (Debian: apt-get install espeak-ng) en dit "
            "project met pip (dat maakt captcha-speech), en start de site opnieuw.",
            id="invitations.W001",
        )
    ]
