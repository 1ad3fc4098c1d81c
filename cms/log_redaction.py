"""Keep personal link tokens out of every log line.

Request logs print paths, and a join path carries a token: whoever reads the log
could join as that person while the link is unused. Client addresses and user
agents are never logged at all (settings.LOGGING, gunicorn.conf.py).
"""

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/deelnemen/)[^/\s\"?]+")


def redact(text: str) -> str:
    return TOKEN_IN_PATH.sub(r"\1[verborgen]", text)


class RedactTokensFilter(logging.Filter):
    """Hide tokens in the message, and drop the request that Django attaches.

    A handler given the request (such as the admin e-mail handler) would print
    its headers, which hold the client address and user agent.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        record.msg = redact(str(record.msg))
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(
                redact(arg) if isinstance(arg, str) else arg for arg in args
            )
        return True
