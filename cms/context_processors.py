from wagtail.models import Page, Site


def site_menu(request):
    """The pages marked 'show in menus' directly below the home page."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site_menu": []}
    root = site.root_page
    return {"site_menu": Page.objects.live().in_menu().child_of(root)}
