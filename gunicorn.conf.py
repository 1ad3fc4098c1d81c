"""gunicorn settings: `gunicorn cms.wsgi` picks this file up from the project folder.

The access log leaves out the client address, the user agent and the referrer.
Every gunicorn handler (error log, access log, syslog) gets the filter Django's
handlers have, which hides link tokens, e-mail addresses and the values in
database errors: anonymity includes the logs.
"""

from gunicorn.glogging import Logger

from cms.log_redaction import redact_handlers

bind = "0.0.0.0:8000"
workers = 3
accesslog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        redact_handlers(self.error_log, self.access_log)


logger_class = RedactingLogger
