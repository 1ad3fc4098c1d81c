"""Forms for every POST a participation block receives."""

from django import forms

from invitations.forms_rendering import AccessibleForm

from .item_rows import instances_where
from .models import TITLE_LENGTH, FlagReason, Theme
from .rendered_items import NotPlain, frozen
from .text import clean_contribution_text, is_blank, visible_length

DEFAULT_MAX_LENGTH = 1000


class ContributionTextField(forms.CharField):
    """Free text people write: cleaned by the input rules, counted as a person counts.

    Every text that someone else reads goes through it: contributions, flag notes,
    moderators' notes and facilitator replies and names. `stored_max_length` is the
    column's limit in code points, which a text of composed emoji can pass while its
    visible length does not.
    """

    widget = forms.Textarea
    default_error_messages = {
        "required": "Schrijf eerst iets; een lege bijdrage kan niet.",
    }

    def __init__(
        self,
        max_characters: int = DEFAULT_MAX_LENGTH,
        *,
        rows: int = 5,
        single_line: bool = False,
        stored_max_length: int | None = None,
        **kwargs,
    ):
        self.max_characters = max_characters
        self.single_line = single_line
        self.stored_max_length = stored_max_length
        kwargs.setdefault("label", "Uw bijdrage")
        if single_line:
            kwargs.setdefault("widget", forms.TextInput)
        super().__init__(strip=False, **kwargs)
        if not single_line:
            # The live counter (static/js/forms.js) reads data-max-characters.
            self.widget.attrs.update(
                {"rows": rows, "data-max-characters": max_characters}
            )

    def clean(self, value) -> str:
        value = clean_contribution_text(value or "")
        if self.single_line:
            value = " ".join(value.split())
        if is_blank(value):
            if self.required:
                raise forms.ValidationError(
                    self.error_messages["required"], code="required"
                )
            return ""
        length = visible_length(value)
        if length > self.max_characters:
            raise forms.ValidationError(
                f"Uw tekst is {length} tekens lang; het maximum is "
                f"{self.max_characters}. Maak hem {length - self.max_characters} "
                "tekens korter."
            )
        if self.stored_max_length and len(value) > self.stored_max_length:
            raise forms.ValidationError(
                "Deze tekst bevat veel samengestelde tekens (zoals emoji) en is "
                "daardoor te lang om op te slaan. Maak hem wat korter."
            )
        return value


class KeptWhenUnbound(AccessibleForm):
    """A form whose fields, unbound, print nothing but what its class and the
    arguments it was made with say: `{% kept_fields %}` keeps their HTML
    under those arguments. A bound form (data, errors) renders anew, and so
    does one made with arguments that are not plain (a model, a queryset)."""

    def __new__(cls, *args, **kwargs):
        # Here, not in __init__: a subclass's __init__ takes its own keyword
        # arguments before ours would see them.
        form = super().__new__(cls)
        form.made_with = (args, kwargs)
        return form

    def shown(self) -> tuple | None:
        """An exact key for what the unbound fields print, or None."""
        if self.is_bound:
            return None
        try:
            return (
                type(self).__module__,
                type(self).__qualname__,
                frozen(self.made_with),
            )
        except NotPlain:
            return None


class AnswerForm(KeptWhenUnbound):
    """An answer to an open question, optionally under a theme."""

    def __init__(
        self,
        *args,
        max_characters: int,
        themes: list[tuple[int, str]] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["text"] = ContributionTextField(max_characters, label="Uw antwoord")
        if themes is not None:
            self.fields["theme"] = theme_field(
                themes,
                required=False,
                label="Thema (niet verplicht)",
                empty_label="Geen thema",
            )


class BoardForm(KeptWhenUnbound):
    """A contribution of one of the board's kinds under one of its themes."""

    def __init__(
        self,
        *args,
        max_characters: int,
        themes: list[tuple[int, str]],
        kinds: list[tuple[str, str]],
        kind_question: str,
        kind_missing: str,
        text_label: str,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["kind"] = forms.ChoiceField(
            label=kind_question,
            widget=forms.RadioSelect,
            choices=kinds,
            error_messages={
                "required": kind_missing,
                "invalid_choice": "Deze soort bestaat niet op dit bord. Kies er een.",
            },
        )
        self.fields["theme"] = theme_field(
            themes,
            label="Thema",
            empty_label="Kies een thema",
            error_messages={"required": "Kies het thema waar het over gaat."},
        )
        self.fields["text"] = ContributionTextField(max_characters, label=text_label)


class SuggestionForm(AccessibleForm):
    """Who else should take part ("Wie moet er meedoen?"), and why."""

    def __init__(self, *args, max_characters: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"] = ContributionTextField(
            TITLE_LENGTH,
            single_line=True,
            stored_max_length=TITLE_LENGTH,
            label="Wie moet er meedoen?",
            help_text="Een organisatie, netwerk, rol of functie; geen namen van "
            "personen.",
            error_messages={"required": "Schrijf wie er volgens u moet meedoen."},
        )
        self.fields["text"] = ContributionTextField(
            max_characters,
            rows=3,
            label="Waarom?",
            help_text="In een paar zinnen.",
            error_messages={"required": "Schrijf kort waarom zij moeten meedoen."},
        )


class ReactionForm(AccessibleForm):
    def __init__(self, *args, max_characters: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"] = ContributionTextField(max_characters, label="Uw reactie")


class ProposalForm(AccessibleForm):
    """A statement a participant proposes; its button says so (PROPOSING)."""

    PROPOSING = "voorstel"

    def __init__(self, *args, max_characters: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"] = ContributionTextField(
            max_characters, label="Uw stelling", rows=3
        )

    @classmethod
    def is_posted(cls, data) -> bool:
        return data is not None and cls.PROPOSING in data


class EditForm(AccessibleForm):
    def __init__(self, *args, max_characters: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"] = ContributionTextField(max_characters, label="Uw tekst")


class FlagForm(AccessibleForm):
    reason = forms.ChoiceField(
        label="Wat is er mis met deze bijdrage?",
        widget=forms.RadioSelect,
        choices=FlagReason.choices,
        error_messages={"required": "Kies wat er mis is."},
    )
    note = ContributionTextField(
        300,
        label="Toelichting (niet verplicht)",
        required=False,
        rows=3,
    )


class ConfirmForm(forms.Form):
    """No fields: the POST (with its CSRF token) is the confirmation itself."""


def themes_of(dialogue, chosen: list | None = None) -> list[Theme]:
    """The dialogue's themes (only the chosen ones, if any), in their order.

    Read on every page that has a board, a vote or a question with themes,
    so without compiling a query (item_rows.instances_where).
    """
    if chosen:
        return instances_where(
            Theme, dialogue_id=dialogue.pk, pk=[theme.pk for theme in chosen]
        )
    return instances_where(Theme, dialogue_id=dialogue.pk)


def theme_choices(themes) -> list[tuple[int, str]]:
    """Themes as a form offers them, and as a kept form's key holds them."""
    return [(theme.pk, theme.title) for theme in themes]


def theme_field(themes: list[tuple[int, str]], **options) -> forms.ModelChoiceField:
    """A choice among the themes the page shows: offered from those as read,
    while what a POST chooses is checked against the database."""
    field = forms.ModelChoiceField(
        queryset=Theme.objects.filter(pk__in=[pk for pk, _ in themes]), **options
    )
    field.choices = [("", field.empty_label), *themes]
    return field


class VoteForm(AccessibleForm):
    """What every vote form shares: the 'intrekken' button takes the vote back."""

    withdraw = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def add_prefix(self, field_name):
        # The withdraw button posts `intrekken=1`; no hidden input is rendered.
        return "intrekken" if field_name == "withdraw" else field_name

    @property
    def withdrawing(self) -> bool:
        return bool(self.cleaned_data.get("withdraw"))

    def points(self) -> dict[str, int]:
        raise NotImplementedError


class DotVoteForm(VoteForm):
    """Points per option: a number field each, checked against the budget."""

    def __init__(self, *args, options, budget: int, max_per_option: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = budget
        self.max_per_option = max_per_option
        self.option_names = {}
        for option in options:
            name = f"stippen-{option.key}"
            self.option_names[name] = option.key
            self.fields[name] = forms.IntegerField(
                label=option.label,
                help_text=option.description,
                required=False,
                min_value=0,
                max_value=max_per_option,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "invalid": "Vul een heel getal in, bijvoorbeeld 2.",
                    "min_value": "Een aantal stippen kan niet negatief zijn.",
                    "max_value": f"Per keuze kunt u hoogstens {max_per_option} "
                    "stippen geven.",
                },
            )

    def option_fields(self):
        return [self[name] for name in self.option_names]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("withdraw") or self.errors:
            return cleaned_data
        total = sum(self.points().values())
        if total > self.budget:
            self.add_error(
                None,
                f"U heeft {total} stippen verdeeld, maar u heeft er {self.budget}. "
                f"Haal er {total - self.budget} weg en sla opnieuw op.",
            )
        return cleaned_data

    def points(self) -> dict[str, int]:
        return {
            key: self.cleaned_data.get(name) or 0
            for name, key in self.option_names.items()
        }


SINGLE, MULTIPLE, SCALE = "enkel", "meerdere", "schaal"


class PollForm(VoteForm):
    """One answer, several answers, or a point of a scale of 1 to 5."""

    LABELS = {
        SINGLE: "Kies één antwoord",
        MULTIPLE: "Kies één of meer antwoorden",
        SCALE: "Kies een punt op de schaal van 1 tot 5",
    }

    def __init__(self, *args, options, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        choices = [(option.key, option.label) for option in options]
        if kind == MULTIPLE:
            self.fields["answer"] = forms.MultipleChoiceField(
                label=self.LABELS[kind],
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": "Kies uit de antwoorden hieronder."},
            )
        else:
            self.fields["answer"] = forms.ChoiceField(
                label=self.LABELS.get(kind, self.LABELS[SINGLE]),
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Kies uit de antwoorden hieronder."},
            )

    def add_prefix(self, field_name):
        return "antwoord" if field_name == "answer" else super().add_prefix(field_name)

    def clean(self):
        cleaned_data = super().clean()
        unanswered = not cleaned_data.get("answer")
        if unanswered and not cleaned_data.get("withdraw") and not self.errors:
            self.add_error(
                "answer",
                "Kies minstens één antwoord."
                if self.kind == MULTIPLE
                else "Kies een antwoord.",
            )
        return cleaned_data

    def points(self) -> dict[str, int]:
        answer = self.cleaned_data.get("answer") or []
        chosen = answer if isinstance(answer, list) else [answer]
        return dict.fromkeys(chosen, 1)


class StatementForm(VoteForm):
    """One statement's answer: eens, oneens or weet niet; the statement by its id."""

    def __init__(self, *args, statements, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"] = forms.ChoiceField(
            choices=[(statement.key, statement.label) for statement in statements],
            widget=forms.HiddenInput,
            error_messages={
                "required": "Deze stelling staat niet (meer) in de lijst.",
                "invalid_choice": "Deze stelling staat niet (meer) in de lijst.",
            },
        )
        self.fields["answer"] = forms.ChoiceField(
            label="Uw antwoord",
            choices=list(answers.items()),
            required=False,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": "Kies eens, oneens of weet niet."},
        )

    def add_prefix(self, field_name):
        names = {"statement": "stelling", "answer": "antwoord"}
        return names.get(field_name) or super().add_prefix(field_name)

    def clean(self):
        cleaned_data = super().clean()
        if (
            not cleaned_data.get("answer")
            and not cleaned_data.get("withdraw")
            and not self.errors
        ):
            self.add_error("answer", "Kies eens, oneens of weet niet.")
        return cleaned_data

    @property
    def statement_key(self) -> str:
        return self.cleaned_data["statement"]

    def points(self) -> dict[str, int]:
        return {self.cleaned_data["answer"]: 1}
