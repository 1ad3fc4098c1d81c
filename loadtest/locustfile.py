"""300 participants who join, read, post, react, support, vote and answer
statements (`make load`).

Runs in its own virtualenv (.venv-load) with locust; imports nothing of the site.
LOAD_SETUP names the file bench_data wrote (pages and invitation links);
LOAD_ACKS the file this writes at the end: every write the server acknowledged,
and how many responses were 500 or more, for load_check to hold against the
database. A ballot replaces the one before, so every ballot posted is written
down before it is sent, with what came of it: load_check then knows what each
participant's stored ballot may be, even for a request cut off at the end.
"""

import itertools
import json
import os
import random
import re
import threading

from locust import HttpUser, between, events, task

SETUP = json.loads(open(os.environ["LOAD_SETUP"]).read())  # noqa: SIM115
LINKS = iter(SETUP["invitation_links"])
LINKS_LOCK = threading.Lock()
USER_NUMBERS = itertools.count()
ACKS = {
    "joins": 0,
    "contributions": [],
    "reactions": [],
    "supports": [],
    "ballots": [],
}
SERVER_ERRORS = []

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUPPORTABLE = re.compile(r'action="[^"]*/bijdrage/(\d+)/steun/"')
REACTABLE = re.compile(r'action="[^"]*/bijdrage/(\d+)/reageren/"')
DOT_FIELD = re.compile(r'name="stippen-([\w-]+)"')
STATEMENT = re.compile(r'name="stelling" value="([\w-]+)"')
ANSWER = re.compile(r'name="antwoord" value="(\w+)"')
STATEMENT_LINK = re.compile(r'href="\?(stelling-[\w-]+=\d+)')
# What came of a ballot (see load_check): the form came back with an error
# (nothing stored), or the response never came.
STORED, REFUSED, UNANSWERED = "bevestigd", "geweigerd", "verstuurd"


@events.request.add_listener
def remember_server_errors(name, response, exception, **kwargs):
    if response is not None and getattr(response, "status_code", 0) >= 500:
        SERVER_ERRORS.append(f"{name}: {response.status_code}")


@events.quitting.add_listener
def write_acknowledgements(environment, **kwargs):
    with open(os.environ["LOAD_ACKS"], "w") as out:
        json.dump({**ACKS, "server_errors": SERVER_ERRORS}, out, indent=1)


class Participant(HttpUser):
    wait_time = between(2, 8)

    def on_start(self):
        self.number = next(USER_NUMBERS)
        self.posts = itertools.count()
        self.joined = self.join()

    def join(self) -> bool:
        """Open one's invitation link and confirm: the one place that knows how.

        The link redirects to a confirmation page without the token; the
        invited role and municipality hold, so the POST carries only its token.
        """
        with LINKS_LOCK:
            link = next(LINKS, None)
        if link is None:
            return False
        form = self.client.get(link, name="join: open link")
        token = CSRF.search(form.text)
        if form.status_code != 200 or not token:
            return False
        confirmed = self.client.post(
            form.url,
            {"csrfmiddlewaretoken": token.group(1)},
            name="join: confirm",
            allow_redirects=False,
        )
        if confirmed.status_code == 302:
            ACKS["joins"] += 1
            return True
        return False

    def read(self, path: str, name: str):
        page = self.client.get(path, name=name)
        self.page_html = page.text
        return page

    def token(self) -> str:
        found = CSRF.search(getattr(self, "page_html", ""))
        return found.group(1) if found else ""

    @task(4)
    def read_question(self):
        self.read(SETUP["question_page"], "GET vraag")

    @task(2)
    def read_board(self):
        self.read(SETUP["board_page"], "GET ideeënbord")

    @task(1)
    def read_more(self):
        page = self.read(SETUP["question_page"], "GET vraag")
        more = re.search(r'href="\?(na-[\w-]+=\d+)', page.text)
        if more:
            self.read(f"{SETUP['question_page']}?{more.group(1)}", "GET meer tonen")

    @task(1)
    def read_plain(self):
        self.client.get(SETUP["plain_page"], name="GET gewone pagina")

    @task(2)
    def post_answer(self):
        if not self.joined:
            return
        self.read(SETUP["question_page"], "GET vraag")
        text = f"Antwoord {next(self.posts)} van deelnemer {self.number} in de test."
        response = self.client.post(
            f"{SETUP['question_page']}bijdragen/{SETUP['question_block']}/",
            {"text": text, "csrfmiddlewaretoken": self.token()},
            name="POST bijdrage",
            allow_redirects=False,
        )
        if response.status_code == 302:
            ACKS["contributions"].append(text)

    @task(2)
    def react(self):
        if not self.joined:
            return
        page = self.read(SETUP["question_page"], "GET vraag")
        targets = REACTABLE.findall(page.text)
        if not targets:
            return
        text = f"Reactie {next(self.posts)} van deelnemer {self.number}."
        response = self.client.post(
            f"{SETUP['question_page']}bijdrage/{random.choice(targets)}/reageren/",
            {"text": text, "csrfmiddlewaretoken": self.token()},
            name="POST reactie",
            allow_redirects=False,
        )
        if response.status_code == 302:
            ACKS["reactions"].append(text)

    @task(3)
    def support(self):
        if not self.joined:
            return
        page = self.read(SETUP["question_page"], "GET vraag")
        targets = SUPPORTABLE.findall(page.text)
        if not targets:
            return
        target = random.choice(targets)
        response = self.client.post(
            f"{SETUP['question_page']}bijdrage/{target}/steun/",
            {"csrfmiddlewaretoken": self.token()},
            name="POST steun",
            allow_redirects=False,
        )
        if response.status_code == 302:
            ACKS["supports"].append([int(target), self.number])

    def post_ballot(self, name, block: str, ballot_block: str, points, data) -> None:
        """Post a voting block's form; written down first, then what came of it.

        `ballot_block` is the ballot's block id: the block's own, or for a
        statement the statement's.
        """
        ballot = {"user": self.number, "block": ballot_block, "points": points}
        ballot["outcome"] = UNANSWERED
        ACKS["ballots"].append(ballot)
        response = self.client.post(
            f"{SETUP['vote_page']}bijdragen/{block}/",
            {**data, "csrfmiddlewaretoken": self.token()},
            name=name,
            allow_redirects=False,
        )
        # Stored means back to the vote page; a redirect elsewhere (to join
        # again, say) stored nothing.
        back = response.headers.get("Location", "").startswith(SETUP["vote_page"])
        if response.status_code == 302 and back:
            ballot["outcome"] = STORED
        elif response.status_code in (200, 302):
            ballot["outcome"] = REFUSED

    @task(2)
    def vote(self):
        """Spread the points over the options the page offers, as a person would."""
        if not self.joined:
            return
        page = self.read(SETUP["vote_page"], "GET stemming")
        options = DOT_FIELD.findall(page.text)
        if not options:
            return
        points = dict.fromkeys(options, 0)
        for _ in range(random.randint(1, SETUP["vote_budget"])):
            room = [o for o, n in points.items() if n < SETUP["vote_max_per_option"]]
            if room:
                points[random.choice(room)] += 1
        points = {option: n for option, n in points.items() if n}
        self.post_ballot(
            "POST stippen",
            SETUP["vote_block"],
            SETUP["vote_block"],
            points,
            # Every field, as a browser sends the form: an empty one is 0.
            {f"stippen-{option}": points.get(option, "") for option in options},
        )

    @task(2)
    def answer_statement(self):
        """Answer the statement the page shows; once all are, change one."""
        if not self.joined:
            return
        page = self.read(SETUP["vote_page"], "GET stemming")
        if not STATEMENT.search(page.text):
            links = STATEMENT_LINK.findall(page.text)
            if not links:
                return
            page = self.read(
                f"{SETUP['vote_page']}?{random.choice(links)}", "GET een stelling"
            )
        statement, answers = STATEMENT.search(page.text), ANSWER.findall(page.text)
        if not statement or not answers:
            return
        answer = random.choice(answers)
        self.post_ballot(
            "POST stelling",
            SETUP["statements_block"],
            statement.group(1),
            {answer: 1},
            {"stelling": statement.group(1), "antwoord": answer},
        )
