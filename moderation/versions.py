"""The text before an author's change, and how it differs from the text now.

What the moderator sees of an edit: the version since their last decision and a
word diff. It is kept until a moderator acts on the contribution.
"""

import difflib
import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .models import EarlierVersion

# Words and the spaces between them as tokens of their own, so that the diff
# keeps the text's spacing and a word at a line's end still matches itself.
TOKEN = re.compile(r"\s+|\S+")


def keep_earlier_version(contribution) -> None:
    """Keep the text as it is now, unless a version not yet reviewed is kept.

    So after several changes the moderator still compares with the text they
    (or the page's readers) last saw.
    """
    EarlierVersion.objects.get_or_create(
        contribution=contribution,
        defaults={
            "text": contribution.text,
            "status": contribution.status,
            "hold_reason": contribution.hold_reason,
        },
    )


def forget_earlier_version(contribution) -> None:
    """A moderator decided on the text as it is: the earlier one is not needed."""
    EarlierVersion.objects.filter(contribution=contribution).delete()


def word_diff(old: str, new: str) -> SafeString:
    """The new text with removed words in <del> and added ones in <ins>."""
    before, after = TOKEN.findall(old), TOKEN.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", "".join(after[b1:b2])))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", "".join(before[a1:a2])))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", "".join(after[b1:b2])))
    return format_html_join("", "{}", ((part,) for part in parts))
