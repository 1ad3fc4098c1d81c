"""The sign-up captcha is real; its letters are spoken in Dutch for who cannot see."""

import re

import pytest
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from invitations.captcha_speech import LETTERS, VOICE, unambiguous_letters
from tests.captcha import espeak_wav

from .conftest import sign_up_data

pytestmark = pytest.mark.django_db


def wav_of(response) -> bytes:
    return b"".join(
        response.streaming_content if response.streaming else [response.content]
    )


def test_sign_up_form_plays_the_captcha_letters_in_dutch(
    client, utrecht_landing, tmp_path
):
    html = client.get(utrecht_landing.url).text
    store = CaptchaStore.objects.get()
    audio_url = f"/captcha/audio/{store.hashkey}.wav"
    # In the page, next to the image: a player, not only a download.
    assert f'src="{audio_url}"' in html and "<audio" in html
    assert "Of luister naar de tekens" in html

    response = client.get(audio_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    served = wav_of(response)
    assert served[:4] == b"RIFF" and served[8:12] == b"WAVE"
    assert VOICE == "nl"
    dutch = espeak_wav("nl", store.challenge, tmp_path)
    assert served == dutch, "the letters are not spoken by espeak-ng's Dutch voice"
    assert served != espeak_wav("en", store.challenge, tmp_path)


def test_without_a_speech_program_no_sound_is_promised(
    client, utrecht_landing, monkeypatch
):
    monkeypatch.setattr(captcha_settings, "CAPTCHA_FLITE_PATH", None)
    html = client.get(utrecht_landing.url).text
    assert "<audio" not in html
    assert "luister" not in html.lower()

    wrong = client.post(
        f"{utrecht_landing.url}aanmelden/", sign_up_data(captcha_1="fout")
    ).text
    assert "De tekens kloppen niet. Probeer het opnieuw met de nieuwe afbeelding." in (
        wrong
    )
    assert "luister" not in wrong.lower()


def test_a_wrong_answer_points_to_the_new_image_and_the_sound(client, utrecht_landing):
    html = client.post(
        f"{utrecht_landing.url}aanmelden/", sign_up_data(captcha_1="fout")
    ).text
    assert (
        "De tekens kloppen niet. Probeer het opnieuw met de nieuwe afbeelding of "
        "luister naar de tekens." in html
    )


def test_captcha_letters_leave_out_what_sounds_like_another_letter():
    draws = [unambiguous_letters() for _ in range(300)]
    assert all(len(shown) == 4 and answer == shown.lower() for shown, answer in draws)
    assert all(set(shown) <= set(LETTERS) for shown, _ in draws)
    assert not any("Y" in shown for shown, _ in draws)


def test_a_fresh_image_comes_with_its_sound(client):
    response = client.get(
        "/captcha/refresh/", headers={"X-Requested-With": "XMLHttpRequest"}
    )
    fresh = response.json()
    assert fresh["image_url"] == f"/captcha/image/{fresh['key']}/"
    assert fresh["audio_url"] == f"/captcha/audio/{fresh['key']}.wav"


def test_check_warns_when_espeak_ng_is_missing(settings):
    settings.CAPTCHA_FLITE_PATH = None
    with pytest.raises(SystemCheckError, match="invitations.W001"):
        call_command("check", "--fail-level", "WARNING")


def test_captcha_image_is_served_locally(client, utrecht_landing):
    client.get(utrecht_landing.url)
    store = CaptchaStore.objects.get()
    image = client.get(f"/captcha/image/{store.hashkey}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_every_sign_up_form_gets_a_fresh_captcha_not_a_kept_one(
    client, utrecht_landing
):
    keys = [
        re.search(r'name="captcha_0" value="([0-9a-f]+)"', client.get(url).text)[1]
        for url in (utrecht_landing.url, utrecht_landing.url)
    ]
    assert keys[0] != keys[1]
    assert CaptchaStore.objects.filter(hashkey__in=keys).count() == 2
