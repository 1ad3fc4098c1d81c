"""Pages of the register outside the page tree: the mail's unsubscribe link."""

from django import forms
from django.apps import apps
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt

from . import ciphers, mailings
from .routes import without_referrer


class UnsubscribeForm(forms.Form):
    """No fields: the POST is the request; the token in the URL proves the address."""


# A mail program's one-click unsubscribe (RFC 8058) posts without a CSRF token;
# the token in the URL, readable only with the dialogue's key, is the proof.
@csrf_exempt
def unsubscribe(request, dialogue_id: int, token: str):
    dialogue = get_object_or_404(
        apps.get_model("cms", "DialoguePage").objects.live(), pk=dialogue_id
    )
    state = "ask"
    try:
        mailings.unsubscribe_address(dialogue, token)
    except ciphers.NotReadable:
        state = "unreadable"
    else:
        if request.method == "POST" and UnsubscribeForm(request.POST).is_valid():
            mailings.unsubscribe(dialogue, token)
            state = "done"
    response = TemplateResponse(
        request,
        "invitations/unsubscribe.html",
        {"page": dialogue, "dialogue": dialogue, "state": state},
        status=404 if state == "unreadable" else 200,
    )
    return without_referrer(response)
