from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from . import queries
from .forms import SearchForm

RESULTS_PER_PAGE = 10


def search(request):
    """Search published pages and published contributions, pages first."""
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": form.data.get("q", "")}
    if form.is_valid():
        query, step = form.cleaned_data["q"], form.cleaned_data["stap"]
        theme = form.cleaned_data["thema"]
        contributions = Paginator(
            queries.found_contributions(query, step, theme), RESULTS_PER_PAGE
        ).get_page(request.GET.get("pagina"))
        pages = [] if theme else queries.found_pages(query, step)
        context.update(
            pages=[queries.page_hit(page, query) for page in pages]
            if contributions.number == 1
            else [],
            page_count=len(pages),
            contributions=contributions,
            contribution_hits=queries.contribution_hits(contributions, query),
            filters=request.GET.copy(),
        )
    return TemplateResponse(request, "search/search.html", context)
