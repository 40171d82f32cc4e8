"""Run by Python at start-up where tests/conftest.py put this folder on PYTHONPATH (`pytest
--engine postgresql`): a process the tests start, or one those start (the app's word-decisions
helper), opens workspace files as the suite's PostgreSQL databases too (pg_workspaces.py says how).
It shadows any other sitecustomize, which a test run does without."""

import os

if os.environ.get("TESTS_POSTGRES_WORKSPACES"):
    import pg_workspaces

    pg_workspaces.install_when_imported()
