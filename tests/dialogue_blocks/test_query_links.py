"""The links that change one list's page or order keep the rest of the query."""

from html import unescape

from django.template import Context, Template
from django.test import RequestFactory

LINKS = Template(
    "{% load contributions %}"
    "{% query_with 'na-a' 7 %} {% query_without 'na-a' %} {% sort_url 'a' 'steun' %}"
)


def links(query: str) -> list[str]:
    request = RequestFactory().get(f"/stap/?{query}")
    # As the page prints them, escaped in its HTML; read as a browser reads them.
    return unescape(LINKS.render(Context({"request": request}))).split(" ")


def test_a_parameter_set_again_keeps_its_place_and_the_others_stay():
    more, back, sorted_ = links("na-a=5&sorteer-b=steun&thema=%C3%A9%C3%A9n")
    assert more == "?na-a=7&sorteer-b=steun&thema=%C3%A9%C3%A9n"
    assert back == "?sorteer-b=steun&thema=%C3%A9%C3%A9n"
    # Another order starts the list at its beginning; other lists keep theirs.
    assert sorted_ == "?sorteer-b=steun&thema=%C3%A9%C3%A9n&sorteer-a=steun"


def test_repeated_parameters_stay_repeated():
    more, back, _ = links("x=1&x=2&na-a=3")
    assert more == "?x=1&x=2&na-a=7"
    assert back == "?x=1&x=2"
