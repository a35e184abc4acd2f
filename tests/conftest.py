"""Suite-wide fixtures."""
import os
import secrets

import pytest


@pytest.fixture
def fault_database_url():
    """The database for a fault-injection archive: SQLite in its data directory, or, when the
    suite runs on PostgreSQL (DATABASE_URL), a fresh database on that server, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield ""
        return
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = f"faults_{secrets.token_hex(6)}"
    admin = dict(dbname="postgres", user=config["USER"], password=config["PASSWORD"] or None,
                 host=config["HOST"] or None, port=config["PORT"] or None)
    with psycopg.connect(**admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(**admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
