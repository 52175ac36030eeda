"""The database session store, reading the session of every request in one prepared SELECT."""

from django.contrib.sessions.backends import db
from django.utils import timezone

from . import hotpath


class SessionStore(db.SessionStore):
    """Django's database sessions; only the read that every request makes is done without the ORM.

    Creating, saving, cycling and deleting sessions, and clearing expired ones, are Django's own.
    """

    def load(self):
        key = self.session_key
        data = hotpath.session_data(self.model, key, timezone.now()) if key else None
        if data is None:
            self._session_key = None  # as Django's store does: a new key is made when the session is saved
            return {}
        return self.decode(data)
