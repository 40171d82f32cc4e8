"""Shared fixtures: real workspaces in tmp_path, the sample article, the real CLI entry point.

`pytest --engine postgresql` runs the same tests with every workspace in a PostgreSQL database of
its own on the server TANDEM_TEST_POSTGRES names (a superuser's URL, as `scripts/pg_cluster.sh
start DIR` prints): tests keep naming files, and tests/postgresql_site/pg_workspaces.py maps each
file to its database, in this process and in every process the tests start. Tests about the SQLite
file itself carry @pytest.mark.sqlite_only(why) and skip there, saying why.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
POSTGRESQL_SITE = ROOT / "tests" / "postgresql_site"
SAMPLE = ROOT / "workflow" / "demo"
KO = SAMPLE / "ko.md"
DRAFT = SAMPLE / "en-draft.md"


# engines ----------------------------------------------------------------------------------------

ENGINE = "sqlite"  # the engine of this run's workspaces (--engine)
_NO_POSTGRESQL: str | None = None  # why a --engine postgresql run cannot run (every test skips)


def pytest_addoption(parser):
    parser.addoption("--engine", choices=("sqlite", "postgresql"), default="sqlite",
                     help="the engine of every workspace the tests make (postgresql: on the server "
                          "$TANDEM_TEST_POSTGRES names, a superuser's URL)")


def pytest_configure(config):
    global ENGINE, _NO_POSTGRESQL
    config.addinivalue_line("markers", "sqlite_only(why): about the SQLite file itself (its bytes, PRAGMAs, "
                                       "WAL, locks); skipped with why on --engine postgresql")
    ENGINE = config.getoption("engine")
    if ENGINE != "postgresql":
        return
    url = os.environ.get("TANDEM_TEST_POSTGRES")
    if not url:
        _NO_POSTGRESQL = ("--engine postgresql: TANDEM_TEST_POSTGRES is not set (a superuser's URL, as "
                          "`scripts/pg_cluster.sh start DIR` prints)")
        return
    try:
        import psycopg
    except ImportError:
        _NO_POSTGRESQL = "--engine postgresql: psycopg is not installed"
        return
    try:
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.Error as exc:
        raise pytest.UsageError(f"--engine postgresql: cannot reach TANDEM_TEST_POSTGRES={url}: {exc}") from None
    sys.path.insert(0, str(POSTGRESQL_SITE))
    import pg_workspaces

    server = pg_workspaces.Server(url, prefix=f"tandem_test_{os.getpid()}_")
    pg_workspaces.install(server)
    # Processes the tests start (and the app's own helpers) map workspace files the same way.
    os.environ[pg_workspaces.ENV] = server.to_env()
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(POSTGRESQL_SITE), os.environ.get("PYTHONPATH")) if p)
    config.stash[_SERVER] = server


_SERVER = pytest.StashKey()


def pytest_report_header(config):
    server = config.stash.get(_SERVER, None)
    if server is not None:
        return f"engine: postgresql, a database per workspace file ({server.prefix}*) on {server.url}"
    return f"engine: {ENGINE}" + (f" ({_NO_POSTGRESQL})" if _NO_POSTGRESQL else "")


def pytest_collection_modifyitems(config, items):
    if ENGINE != "postgresql":
        return
    for item in items:
        if _NO_POSTGRESQL:
            item.add_marker(pytest.mark.skip(reason=_NO_POSTGRESQL))
        elif (mark := item.get_closest_marker("sqlite_only")) is not None:
            item.add_marker(pytest.mark.skip(reason="SQLite only: " + " ".join(map(str, mark.args))))


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if item.config.stash.get(_SERVER, None) is not None:
        import pg_workspaces

        pg_workspaces.release(item.funcargs.get("tmp_path"))  # the test's workspaces go back to the pool


def pytest_terminal_summary(terminalreporter, config):
    server = config.stash.get(_SERVER, None)
    if server is None:
        return
    import pg_workspaces

    started = time.perf_counter()
    dropped = pg_workspaces.drop_all()
    f = pg_workspaces.figures
    terminalreporter.write_line(
        f"PostgreSQL: this process made {f.made} databases ({f.made_seconds:.1f} s), put {f.reused} workspaces on "
        f"reused ones, emptied {f.emptied} for reuse ({f.emptied_seconds:.1f} s), dropped {f.dropped} changed "
        f"beyond their rows; {dropped} dropped at the end ({time.perf_counter() - started:.1f} s)")


def snapshot(path: Path) -> dict:
    """The workspace file and its WAL companions, byte for byte; on PostgreSQL, every row of the
    file's database (nothing committed leaves it as it was)."""
    if ENGINE == "postgresql" and path.exists():
        import pg_workspaces

        return pg_workspaces.contents(path)
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*"))}


def blocks(path: Path) -> list[str]:
    """The sample files' blank-line separated blocks, with Markdown heading marks removed."""
    text = path.read_text(encoding="utf-8")
    return [b.strip().lstrip("#").strip() for b in text.split("\n\n") if b.strip()]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.db"


@pytest.fixture
def workspace(db_path: Path):
    from workflow.identity import os_login
    from workflow.workspace import Workspace

    ws = Workspace.open(db_path)
    ws.users.add("admin", ["admin"], display_name="Desk Admin", by="admin")
    ws.users.add("david", ["translator"], display_name="David Black", by="admin")
    ws.users.add("robert", ["editor"], display_name="Robert Lauler", by="admin")
    # Whoever runs the tests is this workspace's admin, as whoever sets a workspace up is: the CLI's
    # `--as david` is then an admin acting as david (workflow.identity).
    ws.identity.map_login(os_login(), "admin", by="admin")
    yield ws
    ws.close()


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A fresh copy of the demo workspace (sample article, glossary, the desk's users)."""
    from workflow.demo import prepare_demo

    return prepare_demo(tmp_path / "demo.tandem").path


@pytest.fixture
def ws(workspace, sample_doc):
    """The sample article in a workspace that also holds the house glossary."""
    workspace.users.add("minji", ["terminologist"], by="admin")
    workspace.glossary.import_file(SAMPLE / "glossary-nk-news.csv", by="minji")
    return workspace


@pytest.fixture
def sample_doc(workspace):
    return workspace.files.import_document(KO, DRAFT, tags=["russia"], by="david").document


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def tandem(db_path: Path):
    """Run `tandem` (python main.py) as a user would, against this test's workspace."""

    def run(*args: str, db: Path | None = db_path, user: str | None = "admin", cwd: Path = ROOT) -> Run:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")}
        env["TANDEM_LANG"] = "en"  # whatever the machine's locale; tests that want Korean pass --lang ko
        env["PYTHONUTF8"] = "1"
        argv = [sys.executable, str(ROOT / "main.py")]
        if db is not None:
            argv += ["--db", str(db)]
        if user is not None:
            argv += ["--as", user]
        done = subprocess.run(argv + list(args), capture_output=True, text=True, env=env, cwd=cwd,
                              timeout=120)
        assert "Traceback" not in done.stderr, done.stderr
        return Run(done.returncode, done.stdout, done.stderr)

    return run


NTREX_ARTICLES = ("cnbc.com.6769", "bbc.381736", "reuters.218861")


@pytest.fixture
def ntrex_documents(demo, tmp_path) -> list[int]:
    """Three NTREX-128 articles (one sentence a line) imported beside the demo, under its NK glossary."""
    from corpora import require_corpora
    from workflow.workspace import Workspace

    folder = require_corpora("ko-en-news-ntrex128", "articles")
    ids = []
    with Workspace.open(demo) as ws:
        for name in NTREX_ARTICLES:
            ko, en = folder / f"{name}.ko.txt", folder / f"{name}.en.txt"
            if not ko.exists():
                pytest.skip(f"{ko} not found: the shared NTREX-128 corpus lacks this article")
            # One line, one segment: blank lines between them make each a paragraph.
            paths = []
            for path in (ko, en):
                copy = tmp_path / path.name
                lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
                copy.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
                paths.append(copy)
            ids.append(ws.files.import_document(*paths, title=name, by="david").document.id)
    return ids


def translator_signed(workspace, title: str) -> int:
    """The demo article with the editor's final English, every segment translated (its error
    findings dismissed as house style) and signed off by its translator: it waits for review."""
    from workflow.demo import EDITED, KOREAN

    return sign_as_translator(workspace, workspace.files.import_document(KOREAN, EDITED, title=title, by="david").document.id)


def sign_as_translator(workspace, doc: int) -> int:
    """Every segment of `doc` translated (its error findings dismissed as house style) and the
    document signed off by its translator, david."""
    for view in workspace.findings.document(doc):
        if view.open and view.finding.severity == "error":
            workspace.editing.dismiss(doc, view.finding.segment, view.finding, reason="house style", by="david")
    for segment in workspace.documents.segments(doc):
        workspace.editing.mark_translated(doc, segment.index, by="david")
    workspace.review.sign_off(doc, "translator", by="david")
    return doc
