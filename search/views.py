from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

from .forms import SearchForm

RESULTS_PER_PAGE = 10


def search(request):
    """Full-text search over published pages (contributions join in a later step)."""
    form = SearchForm(request.GET or None)
    results = Page.objects.none()
    if form.is_valid():
        results = Page.objects.live().public().search(form.cleaned_data["q"])
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("pagina", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "search/search.html",
        {"form": form, "results": page, "query": form.data.get("q", "")},
    )
