"""gunicorn settings: `gunicorn cms.wsgi` picks this file up from the project folder.

The access log leaves out the client address, the user agent and the referrer,
and hides link tokens in paths: anonymity includes the logs.
"""

from gunicorn.glogging import Logger

from cms.log_redaction import redact

bind = "0.0.0.0:8000"
workers = 3
accesslog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q"):
            atoms[key] = redact(atoms.get(key, ""))
        return atoms


logger_class = RedactingLogger
