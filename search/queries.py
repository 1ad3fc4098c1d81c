"""What site search finds: published pages, and published contributions.

Pages come from Wagtail's search (full text with Dutch stemming on PostgreSQL).
Contributions are searched in their own table, not in Wagtail's index: the
index is updated by signals that bulk updates (erasure, moderation in bulk) do
not send, and a withdrawn, hidden or erased text must never be findable. Only
published contributions on live, public step pages are searched.

A word is also found at the start of a longer one ("privacy" in
"Privacyverklaring": Dutch writes compounds as one word), by prefix on both
databases; on SQLite, which has no stemming and matches whole words only, also
anywhere inside a word.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.models import Page

from cms.models import DialoguePage, LandingPage, PhasePage
from dialogue_blocks.models import Contribution, ContributionStatus

MAX_PAGES = 50
MAX_CONTRIBUTIONS = 200
SNIPPET_WORDS = 30
# Where a page type ranks: the dialogue and its steps first, landing pages last.
PAGE_ORDER = {DialoguePage: 0, PhasePage: 1, LandingPage: 3}
OTHER_PAGES = 2


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


@dataclass
class Hit:
    """One search result: where it is, what it is, and the words around the match."""

    title: str
    url: str
    snippet: str
    kind: str
    step: str = ""
    block: str = ""


def words_of(query: str) -> list[str]:
    return [word for word in query.split() if word]


def highlighted(text: str, query: str) -> str:
    """An excerpt around the first matching word, matches marked; safe HTML.

    Made here rather than by PostgreSQL's ts_headline, which drops whatever
    looks like a tag from what a participant wrote.
    """
    words = [word.lower() for word in words_of(query)]
    lowered = text.lower()
    first = min((lowered.find(word) for word in words if word in lowered), default=-1)
    start = max(0, first - 80)
    excerpt = ("… " if start else "") + Truncator(text[start:]).words(SNIPPET_WORDS)
    return mark_safe(marked_html(excerpt, words))  # noqa: S308 (escaped per part)


def marked_html(text: str, words: list[str]) -> str:
    """The text escaped, every occurrence of a word wrapped in <mark>."""
    if not words:
        return escape(text)
    pattern = re.compile("|".join(map(re.escape, words)), re.IGNORECASE)
    parts, position = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[position : match.start()]), "<mark>"]
        parts += [escape(match.group()), "</mark>"]
        position = match.end()
    return "".join([*parts, escape(text[position:])])


# Pages.


def page_candidates(step: int | None):
    pages = Page.objects.live().public()
    if step:
        pages = pages.type(PhasePage).filter(
            pk__in=PhasePage.objects.filter(step=step).values("pk")
        )
    return pages


def found_pages(query: str, step: int | None = None) -> list[Page]:
    """Matching pages, the dialogue and its steps first."""
    pages = page_candidates(step)
    found = list(pages.search(query)[:MAX_PAGES])
    # Part of a word, as in a Dutch compound: by prefix, and inside the title.
    found += list(pages.autocomplete(query)[:MAX_PAGES])
    inside_words = Q()
    for word in words_of(query):
        inside_words &= Q(title__icontains=word)
    found += list(pages.filter(inside_words)[:MAX_PAGES])
    unique = list({page.pk: page for page in found}.values())
    specific = {
        page.pk: page
        for page in Page.objects.filter(pk__in=[page.pk for page in unique]).specific()
    }
    ranked = [specific[page.pk] for page in unique if page.pk in specific]
    return sorted(
        ranked,
        key=lambda page: PAGE_ORDER.get(type(page), OTHER_PAGES),
    )


def page_hit(page: Page, query: str) -> Hit:
    summary = (
        page.search_description
        or getattr(page, "summary", "")
        or getattr(page, "intro", "")
    )
    step = step_label(page) if isinstance(page, PhasePage) else ""
    return Hit(page.title, page.url, highlighted(summary, query), "", step=step)


def step_label(phase: PhasePage) -> str:
    return f"Stap {phase.step} · {phase.step_label}"


# Contributions.


def found_contributions(query: str, step: int | None = None, theme=None):
    contributions = Contribution.objects.filter(
        status=ContributionStatus.PUBLISHED,
        phase__in=Page.objects.live().public().type(PhasePage).values("pk"),
    ).select_related("phase", "theme", "parent")
    if step:
        contributions = contributions.filter(phase__step=step)
    if theme is not None:
        contributions = contributions.filter(theme=theme)
    if uses_postgres():
        dutch = SearchQuery(query, config="dutch", search_type="websearch")
        if prefixes := prefix_query(query):
            dutch |= prefixes
        return (
            # One vector per column, each matching its expression index.
            contributions.annotate(
                text_vector=SearchVector("text", config="dutch"),
                title_vector=SearchVector("title", config="dutch"),
            )
            .filter(Q(text_vector=dutch) | Q(title_vector=dutch))
            .order_by("-created_at", "-pk")
        )
    for word in words_of(query):
        contributions = contributions.filter(
            Q(text__icontains=word) | Q(title__icontains=word)
        )
    return contributions.order_by("-created_at", "-pk")


def prefix_query(query: str) -> SearchQuery | None:
    """Every word as the start of a word too ("privacy" finds "privacyregels")."""
    words = [re.sub(r"\W", "", word) for word in words_of(query)]
    words = [word for word in words if word]
    if not words:
        return None
    return SearchQuery(
        " & ".join(f"{word}:*" for word in words), config="dutch", search_type="raw"
    )


def block_heading(value) -> str:
    """What a participation block asks or is called: its question or heading."""
    if not hasattr(value, "get"):
        return ""
    return value.get("question") or value.get("heading") or ""


def block_headings(phases) -> dict[tuple, str]:
    """(phase pk, block id) → the block's heading, for the results shown."""
    return {
        (phase.pk, child.id): block_heading(child.value)
        for phase in phases
        for child in phase.specific.body
        if block_heading(child.value)
    }


def contribution_hits(contributions, query: str) -> list[Hit]:
    contributions = list(contributions)
    headings = block_headings({c.phase_id: c.phase for c in contributions}.values())
    hits = []
    for contribution in contributions:
        phase = contribution.phase.specific
        # A suggestion's name is its title; it is searched and shown with the text.
        snippet = highlighted(contribution.quoted_text, query)
        kind = "reactie" if contribution.parent_id else contribution.kind_label
        hits.append(
            Hit(
                title=headings.get((phase.pk, str(contribution.block_id)), phase.title),
                url=f"{phase.url}#blok-{contribution.block_id}",
                snippet=snippet,
                kind=kind,
                step=step_label(phase),
                block=str(contribution.theme) if contribution.theme_id else "",
            )
        )
    return hits
