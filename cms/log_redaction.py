"""Keep personal data and pseudonym-to-content pairs out of every log line.

What would otherwise reach a log:
- a join path carries a link token: whoever reads the log could join as that
  person while the link is unused;
- PostgreSQL's errors repeat the values that broke a constraint ("DETAIL: Key
  (dialogue_id, email)=(3, anna@example.nl) already exists", "Key (participant_id,
  contribution_id)=(12, 345)", "Failing row contains (...)"): an e-mail address, or
  a pseudonym next to the contribution it supported;
- any message may quote an e-mail address.

Client addresses and user agents are never logged at all (settings.LOGGING,
gunicorn.conf.py). The filter sits on every handler, Django's and gunicorn's,
so records that propagate from any logger pass it too.
"""

import logging
import re

HIDDEN = "[verborgen]"
TOKEN_IN_PATH = re.compile(r"(/deelnemen/)[^/\s\"?]+")
# The values in "Key (columns)=(values) already exists" and its siblings.
CONSTRAINT_KEY_VALUES = re.compile(
    r"(Key \(.*?\)=\().*?(\)(?: already exists| is not present| is still referenced"
    r"| conflicts with)|$)",
    re.MULTILINE,
)
FAILING_ROW = re.compile(r"(Failing row contains \().*?(\)\.?$|$)", re.MULTILINE)
EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
# Extra attributes Django puts on records that hold raw values: the request (its
# headers hold the client address and user agent) and a query's parameters.
RAW_EXTRAS = ("request", "params")

_exception_formatter = logging.Formatter()


def redact(text: str) -> str:
    text = TOKEN_IN_PATH.sub(rf"\1{HIDDEN}", text)
    text = CONSTRAINT_KEY_VALUES.sub(rf"\1{HIDDEN}\2", text)
    text = FAILING_ROW.sub(rf"\1{HIDDEN}\2", text)
    return EMAIL_ADDRESS.sub("[e-mailadres]", text)


class RedactPersonalDataFilter(logging.Filter):
    """Redact the formatted message and traceback; drop the raw extras.

    The message is formatted here, so values passed as arguments (a dict for
    gunicorn's access log, a tuple elsewhere) are redacted as they will be
    printed. The traceback becomes text for the same reason: handlers that would
    read the exception object itself (and its local variables) get none.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        for name in RAW_EXTRAS:
            if hasattr(record, name):
                setattr(record, name, None)
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = _exception_formatter.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def redact_handlers(*loggers: logging.Logger) -> None:
    """Give every handler of these loggers the filter (once)."""
    for logger in loggers:
        for handler in logger.handlers:
            if not any(
                isinstance(existing, RedactPersonalDataFilter)
                for existing in handler.filters
            ):
                handler.addFilter(RedactPersonalDataFilter())
