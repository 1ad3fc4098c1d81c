"""The input rules for what participants write, in one place.

Text is trimmed; control characters go; bidirectional overrides are removed so a
contribution cannot make other text run backwards; and length is counted in
characters as a person sees them (an emoji, even a composed one, is one).
"""

import unicodedata

import regex

# Characters that take no space: a text made only of these (and spaces) is empty.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Embeddings, overrides and isolates (LRE…RLO, LRI…PDI).
BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
KEPT_CONTROLS = {"\n", "\t"}
GRAPHEME = regex.compile(r"\X")


def without_controls(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        char
        for char in text
        if char in KEPT_CONTROLS or unicodedata.category(char) != "Cc"
    )


def clean_contribution_text(text: str) -> str:
    """What is stored: no control or override characters, no edges of blank."""
    text = without_controls(text).translate(BIDI_CONTROLS)
    return text.strip(" \t\n" + INVISIBLE)


def is_blank(text: str) -> bool:
    return not text.translate(dict.fromkeys(map(ord, INVISIBLE))).strip()


def visible_length(text: str) -> int:
    """Characters as a person counts them: grapheme clusters."""
    return len(GRAPHEME.findall(text))
