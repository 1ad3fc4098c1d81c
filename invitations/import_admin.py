"""The register import in the admin: upload, preview, commit (thin views, two forms).

The preview does not store the upload anywhere: the rows it read travel to the
commit in a hidden field, encrypted with the dialogue's key for this purpose
and for this staff user only, and expire after an hour.
"""

from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import ciphers, importing, services
from .admin_forms import dialogues
from .forms_rendering import AccessibleForm, posted_data

IMPORT_PERMISSION = "invitations.add_invitee"
# .xls is accepted here only to be told, after reading, how to save it instead.
FILE_TYPES = (".csv", ".txt", ".tsv", ".xlsx", ".xls")
PREVIEW_VALID_SECONDS = 3600
INVITEE_INDEX = "invitations_invitee_modeladmin_index"


class RegisterUploadForm(AccessibleForm):
    """Which dialogue, and the file; reading the file is part of validating it."""

    dialogue = forms.ModelChoiceField(
        label="Dialoog",
        queryset=dialogues(),
        empty_label="Kies de dialoog",
        error_messages={
            "required": "Kies de dialoog waarvoor u genodigden importeert.",
            "invalid_choice": "Kies een dialoog uit de lijst.",
        },
    )
    file = forms.FileField(
        label="Bestand",
        help_text=(
            "Een CSV-bestand (.csv) of Excel-bestand (.xlsx). De eerste regel "
            "bevat de kolomnamen: naam, e-mail, rol, gemeente, organisatie en "
            "eventueel ronde. De gemeente mag de naam, een gangbare naam zoals "
            "‘Den Haag’ of de CBS-code (GM0518) zijn."
        ),
        error_messages={
            "required": "Kies het bestand met de genodigden.",
            "empty": "Het bestand is leeg.",
            "invalid": "Kies een bestand.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dialogue"].queryset = dialogues()
        only = list(self.fields["dialogue"].queryset[:2])
        if len(only) == 1:
            self.fields["dialogue"].initial = only[0].pk
        self.register_file: importing.RegisterFile | None = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in FILE_TYPES:
            raise forms.ValidationError(
                f"‘{upload.name}’ is geen CSV- of Excel-bestand. Kies een bestand "
                "dat eindigt op .csv of .xlsx."
            )
        if upload.size > importing.MAX_FILE_BYTES:
            raise forms.ValidationError(
                "Het bestand is groter dan 5 MB. Verdeel het over meer bestanden."
            )
        try:
            self.register_file = importing.read_register_file(upload.read())
        except importing.ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload

    def clean_dialogue(self):
        dialogue = self.cleaned_data["dialogue"]
        refusal = importing.import_refusal(dialogue)
        if refusal:
            raise forms.ValidationError(refusal)
        return dialogue


class RegisterCommitForm(forms.Form):
    """The preview's rows, as only this user can send them back, within the hour."""

    dialogue = forms.ModelChoiceField(queryset=dialogues(), widget=forms.HiddenInput)
    rows = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dialogue"].queryset = dialogues()
        self.user = user

    @classmethod
    def for_rows(cls, dialogue, user, rows: list[importing.SourceRow]):
        payload = {"user": user.pk, "rows": [row.as_data() for row in rows]}
        token = ciphers.encrypt(dialogue, ciphers.REGISTER_IMPORT, payload)
        return cls(initial={"dialogue": dialogue.pk, "rows": token}, user=user)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            raise forms.ValidationError("De voorvertoning is niet compleet.")
        try:
            payload = ciphers.decrypt(
                cleaned["dialogue"],
                ciphers.REGISTER_IMPORT,
                cleaned["rows"],
                max_age=PREVIEW_VALID_SECONDS,
            )
        except ciphers.NotReadable as error:
            raise forms.ValidationError(
                "De voorvertoning is verlopen (na een uur) of niet meer geldig."
            ) from error
        if payload.get("user") != self.user.pk:
            raise forms.ValidationError("Deze voorvertoning is van iemand anders.")
        cleaned["source_rows"] = [
            importing.SourceRow.from_data(row) for row in payload["rows"]
        ]
        return cleaned


def check_permission(request) -> None:
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied


def import_invitees_view(request):
    """GET: the upload form. POST: the preview of every row, or the form's errors."""
    check_permission(request)
    form = RegisterUploadForm(
        posted_data(request), request.FILES if request.method == "POST" else None
    )
    if form.is_valid():
        dialogue = form.cleaned_data["dialogue"]
        rows = form.register_file.rows
        return render(
            request,
            "invitations/admin/import_preview.html",
            {
                "dialogue": dialogue,
                "check": importing.check_rows(dialogue, rows),
                "ignored_columns": form.register_file.ignored_columns,
                "file_name": form.cleaned_data["file"].name,
                "form": RegisterCommitForm.for_rows(dialogue, request.user, rows),
            },
        )
    return render(request, "invitations/admin/import_upload.html", {"form": form})


@require_POST
def commit_import_view(request):
    """Add the preview's new rows to the register, then show them in the list."""
    check_permission(request)
    form = RegisterCommitForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(
            request,
            " ".join(form.non_field_errors()) + " Importeer het bestand opnieuw.",
        )
        return redirect("invitations_import")
    dialogue = form.cleaned_data["dialogue"]
    check = services.import_invitees(dialogue, form.cleaned_data["source_rows"])
    messages.success(request, check.summary())
    return redirect(
        reverse(INVITEE_INDEX) + f"?dialogue__page_ptr__exact={dialogue.pk}"
    )
