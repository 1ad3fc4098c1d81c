"""`make bench`: what a phase page costs next to a plain page, at several sizes.

For each size N the benchmark dialogue is rebuilt (cms.bench_data) and every
scenario is timed in-process with Django's test client, interleaved with the
plain page so that both see the same machine: the median of the runs, the
ratio, the number of queries and the peak memory of one render (tracemalloc).
It prints ratios and asserts nothing about time: timings vary between runs and
machines, ratios measured in one run do much less.
"""

import re
import statistics
import time
import tracemalloc
from dataclasses import dataclass
from itertools import count

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dialogue_blocks.models import Contribution, Participant
from dialogue_blocks.session import SESSION_KEY

from . import bench_data

PAGE_RUNS = 15
POST_RUNS = 10


@dataclass
class Row:
    size: int
    name: str
    median_ms: float
    plain_ms: float
    queries: int
    peak_kib: int

    @property
    def ratio(self) -> float:
        return self.median_ms / self.plain_ms


def signed_in(participant) -> Client:
    """A browser signed in as this participant, as the join flow leaves it.

    The one place the benchmark knows how a session names its participant.
    """
    client = Client()
    session = client.session
    session[SESSION_KEY] = {str(participant.dialogue_id): participant.session_token}
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def elapsed_ms(action) -> float:
    start = time.perf_counter()
    response = action()
    took = (time.perf_counter() - start) * 1000
    assert response.status_code in (200, 302), (response.status_code, response)
    return took


def queries_of(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def peak_kib(action) -> int:
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak // 1024


def measure(size, name, action, plain, runs) -> Row:
    action(), plain()  # warm: the first request fills caches
    timings, plain_timings = [], []
    for _ in range(runs):
        timings.append(elapsed_ms(action))
        plain_timings.append(elapsed_ms(plain))
    return Row(
        size,
        name,
        statistics.median(timings),
        statistics.median(plain_timings),
        queries_of(action),
        peak_kib(action),
    )


def continued(client, url) -> str:
    """The same page with each list on its next page: every "Meer tonen" at once."""
    params = sorted(set(re.findall(r"(na-[\w-]+=\d+)", client.get(url).text)))
    joiner = "&" if "?" in url else "?"
    return url + (joiner + "&".join(params) if params else "")


def page_scenarios(site, anonymous, viewer) -> list[tuple[str, Client, str]]:
    scenarios = []
    for label, page, block in [
        ("vraag", site.question_page, bench_data.QUESTION_ID),
        ("ideeënbord", site.board_page, bench_data.BOARD_ID),
    ]:
        by_support = f"{page.url}?sorteer-{block}=steun"
        scenarios += [
            (f"{label}: anoniem, nieuwste", anonymous, page.url),
            (f"{label}: deelnemer, nieuwste", viewer, page.url),
            (f"{label}: deelnemer, meeste steun", viewer, by_support),
            (
                f"{label}: anoniem, meer tonen",
                anonymous,
                continued(anonymous, page.url),
            ),
            (
                f"{label}: deelnemer, meeste steun, meer tonen",
                viewer,
                continued(viewer, by_support),
            ),
        ]
    # The dot vote over the question's top answers; the viewer has voted and
    # so sees the results too.
    scenarios += [
        ("stemming: anoniem", anonymous, site.vote_page.url),
        ("stemming: deelnemer", viewer, site.vote_page.url),
    ]
    return scenarios


def post_scenarios(site, viewer, other):
    """Posting an answer, a reaction to it and a support for it, each time anew."""
    page = site.question_page
    numbers = count()
    answers = []
    own = Contribution.objects.filter(
        participant=site.viewer, parent=None, status="gepubliceerd"
    )

    def post_answer():
        response = viewer.post(
            f"{page.url}bijdragen/{bench_data.QUESTION_ID}/",
            {"text": f"Nieuw antwoord nummer {next(numbers)} in de meting."},
        )
        answers.append(own.values_list("pk", flat=True).first())
        return response

    def post_reaction():
        return other.post(
            f"{page.url}bijdrage/{answers[-1]}/reageren/",
            {"text": f"Reactie nummer {next(numbers)}."},
        )

    def post_support():
        # A different answer each time: supporting one twice changes nothing.
        return other.post(f"{page.url}bijdrage/{answers.pop()}/steun/")

    return [
        ("POST bijdrage", post_answer),
        ("POST reactie", post_reaction),
        ("POST steun", post_support),
    ]


def measure_size(size: int) -> list[Row]:
    site = bench_data.build(size)
    anonymous = Client()
    viewer = signed_in(site.viewer)
    other = signed_in(
        Participant.objects.filter(dialogue=site.dialogue)
        .exclude(pk=site.viewer.pk)
        .first()
    )

    def plain():
        return anonymous.get(site.plain_page.url)

    rows = [
        measure(size, name, lambda c=client, u=url: c.get(u), plain, PAGE_RUNS)
        for name, client, url in page_scenarios(site, anonymous, viewer)
    ]
    # In this order: the answers posted first are what the others react to.
    for name, action in post_scenarios(site, viewer, other):
        rows.append(measure(size, name, action, plain, POST_RUNS))
    return rows


def run(sizes: list[int], out) -> list[Row]:
    rows = []
    for size in sizes:
        out(f"N = {size}: meetgegevens bouwen en meten…")
        rows += measure_size(size)
    return rows


def table(rows: list[Row], database: str) -> str:
    header = (
        f"{'N':>6}  {'scenario':<48} {'mediaan':>9} {'gewoon':>8} {'ratio':>6} "
        f"{'queries':>7} {'piek':>8}"
    )
    lines = [f"Database: {database}", header, "-" * len(header)]
    for row in rows:
        lines.append(
            f"{row.size:>6}  {row.name:<48} {row.median_ms:>7.1f}ms "
            f"{row.plain_ms:>6.1f}ms {row.ratio:>5.1f}× {row.queries:>7} "
            f"{row.peak_kib:>5} KiB"
        )
    return "\n".join(lines)
