"""The office server's connection: a dropped one (a server restart, a network blip) is made again.

Without this, a restart of the PostgreSQL server left every later query failing with
"the connection is closed" until the app was restarted. psycopg marks a connection
it found dead as `closed`/`broken`, whatever language the server speaks, so that is
what is asked rather than the wording of its messages.

- A connection known to be dead is replaced before the next statement or transaction.
- A read (SELECT, SHOW) outside a transaction that finds the connection dead is run
  again on a new one. A write outside a transaction is not: the server may have done it
  before the connection went, so the owner is told to look (this app's writes almost
  all run in transactions, where the question does not arise).
- Inside a transaction nothing is repeated silently: the server threw the transaction
  away with the connection, so the owner is told it was not saved (ConnectionLost), and
  the next piece of work connects again.
"""

from __future__ import annotations

import logging
import sys
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from peewee import InterfaceError, OperationalError, PostgresqlDatabase

from app.domain.errors import UserError

log = logging.getLogger(__name__)

NOT_SAVED = (
    "The connection to the office server was lost, so this was not saved. "
    "The app connects again by itself: try again."
)
MAYBE_SAVED = (
    "The connection to the office server was lost while saving. "
    "Look whether the change is there, and make it again if it is not."
)
READS = ("SELECT", "SHOW")
CONNECT_TIMEOUT_S = 10  # an unreachable server is said so in seconds, not after the system's minutes


class ConnectionLost(UserError):
    """The office server's connection went in the middle of a piece of work."""


class OfficeDatabase(PostgresqlDatabase):
    """PostgresqlDatabase that notices a dropped connection and connects again."""

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        self._replace_if_lost()
        try:
            return super().execute_sql(sql, params)
        except (OperationalError, InterfaceError) as error:
            if not self.connection_lost():
                raise
            if self.in_transaction():
                raise ConnectionLost(NOT_SAVED) from error
            self._reconnect(error)
            if not sql.lstrip().upper().startswith(READS):
                raise ConnectionLost(MAYBE_SAVED) from error
            return super().execute_sql(sql, params)

    def begin(self, *args: Any, **kwargs: Any) -> None:
        # A transaction begins before peewee counts it as open: nothing is lost by starting afresh.
        self._replace_if_lost()
        try:
            super().begin(*args, **kwargs)
        except (OperationalError, InterfaceError) as error:
            if not self.connection_lost():
                raise
            self._reconnect(error)
            super().begin(*args, **kwargs)

    def commit(self) -> None:
        try:
            super().commit()
        except (OperationalError, InterfaceError) as error:
            if self.connection_lost():
                raise ConnectionLost(MAYBE_SAVED) from error
            raise

    def rollback(self) -> None:
        if not self.connection_lost():
            super().rollback()
            return
        # The server rolled the transaction back when the connection went. Say so in words, unless
        # the error on its way out already does; drop what was to run after a commit, as peewee's
        # own rollback would have.
        self._clear_commit_callbacks()
        current = sys.exc_info()[1]
        if isinstance(current, ConnectionLost):
            return
        raise ConnectionLost(NOT_SAVED) from current

    def connection_lost(self) -> bool:
        """Whether this thread's connection is one the driver found dead."""
        if self.is_closed():
            return False
        connection = self._state.conn
        return bool(getattr(connection, "closed", False) or getattr(connection, "broken", False))

    def _replace_if_lost(self) -> None:
        if self.connection_lost() and not self.in_transaction():
            self._reconnect(None)

    def _reconnect(self, error: Exception | None) -> None:
        why = type(error).__name__ if error is not None else "found closed"
        log.warning("the connection to the office server was lost (%s); connecting again", why)
        self.close()
        try:
            self.connect()
        except Exception as failure:  # the driver's own errors vary; all mean "can't reach it now"
            raise UserError(
                "The office server can't be reached right now. Check the network and that the server "
                "is running, then try again."
            ) from failure


def server_params(
    address: str, password: str | None = None, *, timeout: int = CONNECT_TIMEOUT_S
) -> tuple[str, dict[str, Any]]:
    """The database name and the driver's connection keywords for a postgresql:// address.

    `password` (from this computer's password store) wins over one written in the address.
    Parts of the address are percent-decoded, so a password or user name may hold any character.
    """
    parts = urlsplit(address.strip())
    params: dict[str, Any] = dict(parse_qsl(parts.query))
    if parts.hostname:
        params["host"] = unquote(parts.hostname)
    if parts.port:  # ValueError for a port that is not a number: the caller says so
        params["port"] = parts.port
    if parts.username:
        params["user"] = unquote(parts.username)
    if password is not None:
        params["password"] = password
    elif parts.password is not None:
        params["password"] = unquote(parts.password)
    params.setdefault("connect_timeout", timeout)  # unless the address sets its own
    return unquote(parts.path.lstrip("/")), params


def open_office_database(address: str, password: str | None = None) -> OfficeDatabase:
    """Connect to the office server; UserError (no password in it) when that can't be done."""
    name, params = server_params(address, password)
    database = OfficeDatabase(name, prefer_psycopg3=True, **params)
    try:
        database.connect()
    except Exception as error:  # the driver's own errors vary; all mean "cannot reach it"
        raise UserError(
            "Could not connect to the PostgreSQL server. Check the address, user and password."
        ) from error
    return database
