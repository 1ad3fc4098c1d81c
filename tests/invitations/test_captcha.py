"""The sign-up captcha is real, with an audio alternative for who cannot see it."""

import shutil

import pytest
from captcha.models import CaptchaStore

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    shutil.which("flite") is None,
    reason="the captcha's audio needs flite (Debian: apt-get install flite); CI has it",
)
def test_sign_up_form_offers_the_captcha_as_sound(client, utrecht_landing):
    html = client.get(utrecht_landing.url).text
    assert "Luister naar de tekens (geluidsbestand)" in html
    store = CaptchaStore.objects.get()
    audio = client.get(f"/captcha/audio/{store.hashkey}.wav")
    assert audio.status_code == 200
    assert audio["Content-Type"] == "audio/wav"
    assert (
        b"".join(audio.streaming_content if audio.streaming else [audio.content])[:4]
        == b"RIFF"
    )


def test_captcha_image_is_served_locally(client, utrecht_landing):
    client.get(utrecht_landing.url)
    store = CaptchaStore.objects.get()
    image = client.get(f"/captcha/image/{store.hashkey}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
