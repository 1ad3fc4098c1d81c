"""The provider's tracking webhooks (django-anymail), protected by its secret.

anymail checks the webhook's basic-auth secret and turns each provider's
payload into a tracking event; this receiver records what it says about a
mail of ours and keeps nothing else of the payload (no address, no agent).
"""

from anymail.signals import tracking
from django.dispatch import receiver

from . import mailings


@receiver(tracking, dispatch_uid="invitations-delivery-tracking")
def record_tracking_event(sender, event, esp_name, **kwargs):
    mailings.track(event.message_id or "", event.event_type)
