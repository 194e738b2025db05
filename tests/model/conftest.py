"""Register stores for the model tests, on both engines: a SQLite file, and PostgreSQL.

``store`` gives a fresh empty store per test, once on SQLite and once on PostgreSQL, so one test
file checks both engines. PostgreSQL is the server ``STAKEMAP_TEST_POSTGRESQL`` names
(``postgresql://user@host/database``), or else a throwaway cluster started for the session
(tests/pg_cluster.py). Each test gets a schema of its own, dropped afterwards. Where PostgreSQL is
not installed its half of the tests is skipped, saying so, except in CI (``CI`` set), where that
is a failure: no test skips because PostgreSQL is missing in CI.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import sys

import pytest

from model.register.engine import connect
from tests.pg_cluster import Cluster, ClusterError

ENGINES = ("sqlite", "postgresql")
_SCHEMAS = itertools.count(1)


def _missing(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{why}: no test skips because PostgreSQL is missing in CI "
                    "(.ci/system-packages --test installs it)", pytrace=False)
    pytest.skip(f"{why}; the register store's tests on PostgreSQL are skipped here "
                "(install PostgreSQL, or set STAKEMAP_TEST_POSTGRESQL=postgresql://... to use a server)")


@pytest.fixture(scope="session")
def postgresql_server():
    """The address of a PostgreSQL server the tests may make schemas in."""
    if importlib.util.find_spec("psycopg") is None:
        _missing("psycopg is not installed")
    given = os.environ.get("STAKEMAP_TEST_POSTGRESQL")
    if given:
        yield given
        return
    try:
        cluster = Cluster().start()
    except ClusterError as error:
        why = str(error)
    else:
        why = ""
    if why:
        _missing(why)
    try:
        yield cluster.address()
    finally:
        cluster.stop()


def with_schema(address: str, schema: str) -> str:
    """The address with every table looked up (and made) in ``schema``, its connections named after it.

    >>> with_schema("postgresql://me@host/db", "t1")
    'postgresql://me@host/db?options=-csearch_path%3Dt1&application_name=t1'
    """
    joint = "&" if "?" in address else "?"
    return f"{address}{joint}options=-csearch_path%3D{schema}&application_name={schema}"


@pytest.fixture
def postgresql_address(postgresql_server):
    """The address of an empty schema of its own on the test server, dropped after the test."""
    import psycopg

    schema = f"stakemap_test_{os.getpid()}_{next(_SCHEMAS)}"
    with psycopg.connect(postgresql_server, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    yield with_schema(postgresql_server, schema)
    with psycopg.connect(postgresql_server, autocommit=True) as connection:
        # a connection the test left open (a window's worker, say) would hold its tables: end it
        connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE application_name = %s AND pid <> pg_backend_pid()", (schema,))
        connection.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=ENGINES)
def store_address(request, tmp_path):
    """Where a fresh empty store is: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite")
    return request.getfixturevalue("postgresql_address")


@pytest.fixture
def store(store_address):
    """A fresh empty register store, on SQLite and on PostgreSQL in turn."""
    engine = connect(store_address)
    yield engine
    engine.close()


@pytest.fixture
def validator(shared_dir):
    """The shared wrapper around libcovebods, which serves the org-id list offline."""
    if importlib.util.find_spec("libcovebods") is None:
        pytest.skip("libcovebods is not installed (pip install -e '.[test]')")
    tools = str(shared_dir / "tools")
    sys.path.insert(0, tools)
    try:
        import validate_bods
    finally:
        sys.path.remove(tools)
    return validate_bods
