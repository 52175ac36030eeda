"""Keep personal data out of the application log.

Residents' names reach the server as search terms in query strings and as
form values; database errors repeat the offending values. This filter, set
on every log handler, removes query strings from messages, drops the request
object from records, and blanks quoted values in exception messages (the
traceback's file and line information stays).
"""

import logging
import re

QUERY_STRING = re.compile(r"\?[^\s\"']*")
QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
KEY_DETAIL = re.compile(r"=\(.*\)")
REDACTED = "[redacted]"


def redact_message(text: str) -> str:
    return QUERY_STRING.sub("?" + REDACTED, text)


def redact_exception(text: str) -> str:
    lines = []
    for line in text.splitlines():
        # Traceback frames ("  File ...", source lines) are indented; exception messages are not.
        if line and not line[0].isspace() and not line.startswith("Traceback"):
            line = KEY_DETAIL.sub("=(" + REDACTED + ")", QUOTED.sub(REDACTED, redact_message(line)))
        lines.append(line)
    return "\n".join(lines)


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_message(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if hasattr(record, "request"):
            record.request = None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact_exception(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact_exception(record.exc_text)
        return True
