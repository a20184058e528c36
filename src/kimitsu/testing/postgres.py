"""Scratch PostgreSQL databases for the tests and benchmarks that start kimitsu's own processes
(the deployment smoke test, bench/load_bench.py): made and dropped through psycopg, which kimitsu
already needs, so that no client tool (createdb, dropdb) has to be installed."""

import psycopg
from psycopg import sql


def _admin(host: str, port, user: str, password: str = ""):
    # the maintenance database: one cannot drop the database one is connected to
    return psycopg.connect(
        host=host,
        port=int(port or 5432),
        user=user,
        password=password or None,
        dbname="postgres",
        autocommit=True,
    )


def create_database(name: str, *, host: str, port, user: str, password: str = "") -> None:
    """A new, empty database ``name`` (an older one of that name is dropped first)."""
    drop_database(name, host=host, port=port, user=user, password=password)
    with _admin(host, port, user, password) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(name: str, *, host: str, port, user: str, password: str = "") -> None:
    """Drop ``name`` if it exists, closing what is still connected to it."""
    with _admin(host, port, user, password) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
