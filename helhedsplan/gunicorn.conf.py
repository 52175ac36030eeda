"""gunicorn settings for production (read automatically when gunicorn starts in this directory).

The access log format leaves out query strings: search terms can be residents' names.
"""

import os

bind = os.getenv("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.getenv("GUNICORN_WORKERS", "3"))
timeout = 60
forwarded_allow_ips = os.getenv("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# %(U)s is the path without the query string; no referrer either (it carries the previous page's query).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
