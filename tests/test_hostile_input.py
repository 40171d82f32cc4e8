"""Hostile files: entity bombs, external entities and DTDs, oversized and binary files.

Each is refused by the one XML reader layer (workflow.interchange.xmlsafe over glossaries.tbx.parse)
whatever encoding hides it, nothing is fetched or read from elsewhere, and through the real CLI the
refusal is one line, within a memory cap, and leaves the workspace byte for byte as it was.
"""

from __future__ import annotations

import http.server
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
import raw_db

from conftest import ROOT, snapshot
from glossaries.errors import GlossaryFileError
from glossaries.tbx import parse_tbx
from workflow.errors import InputError
from workflow.interchange.xmlsafe import MAX_XML_BYTES, parse_xml, parse_xml_report
from workflow.tmx import read_tmx

SECRET = "TOPSECRET-4242"
HEADER = ('<header srclang="ko" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" '
          'creationtool="t" creationtoolversion="1"/>')


class Recorder(http.server.BaseHTTPRequestHandler):
    """Serves a DTD full of entities and remembers every request; the tests expect none."""

    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        Recorder.requests.append(self.path)
        body = f'<!ENTITY leak "{SECRET}">'.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml-dtd")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_requests():
    Recorder.requests.clear()
    yield
    assert Recorder.requests == [], "a parser fetched something over the network"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def tmx(doctype: str, text: str, *, declaration: str = '<?xml version="1.0" encoding="UTF-8"?>') -> str:
    return (f'{declaration}\n{doctype}\n<tmx version="1.4">{HEADER}<body><tu>'
            f'<tuv xml:lang="ko"><seg>조국</seg></tuv><tuv xml:lang="en"><seg>{text}</seg></tuv>'
            "</tu></body></tmx>\n")


def attacks(secret: Path, url: str) -> dict[str, tuple[str, str]]:
    """name -> (DOCTYPE line, segment text that would carry the payload)."""
    laughs = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    return {
        "billion laughs": (f"<!DOCTYPE tmx [{laughs}]>", "&lol9;"),
        # one 100 kB entity referenced 20,000 times: 2 GB if expanded, from a 180 kB file
        "quadratic blow-up": (f'<!DOCTYPE tmx [<!ENTITY a "{"A" * 100_000}">]>', "&a;" * 20_000),
        "external entity naming a local file": (
            f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>', "&xxe;"),
        "external entity over the network": (
            f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{url}/entity">]>', "&xxe;"),
        "parameter entity pulling a DTD": (
            f'<!DOCTYPE tmx [<!ENTITY % dtd SYSTEM "{url}/evil.dtd"> %dtd;]>', "&leak;"),
        "external DTD over the network": (f'<!DOCTYPE tmx SYSTEM "{url}/evil.dtd">', "&leak;"),
        "external DTD in an attribute": (
            f'<!DOCTYPE tmx SYSTEM "{url}/evil.dtd">', '<ph x="&leak;"/>'),
    }


# Encodings that could hide "<!DOCTYPE ... [" from a check made on raw bytes.
ENCODINGS = {
    "utf-8": lambda doc: doc.encode("utf-8"),
    "utf-16 with BOM": lambda doc: doc.replace("UTF-8", "UTF-16").encode("utf-16"),
    "utf-16-be without BOM": lambda doc: doc.replace("UTF-8", "UTF-16").encode("utf-16-be"),
    "utf-16-le, no declaration": lambda doc: doc.split("\n", 1)[1].encode("utf-16-le"),
    "utf-32 with BOM": lambda doc: doc.replace("UTF-8", "UTF-32").encode("utf-32"),
    "EBCDIC": lambda doc: doc.replace("UTF-8", "IBM037").replace("조국", "x").encode("cp037"),
}


def refusal(call) -> str:
    with pytest.raises((InputError, GlossaryFileError)) as caught:
        call()
    message = str(caught.value)
    assert SECRET not in message and "lollol" not in message and "AAAA" not in message
    return message


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("attack", list(attacks(Path("/x"), "http://x")))
def test_every_attack_is_refused_in_every_encoding(attack, encoding, secret, server):
    doctype, text = attacks(secret, server)[attack]
    data = ENCODINGS[encoding](tmx(doctype, text))
    message = refusal(lambda: parse_xml(data, "hostile.tmx", "TMX"))
    assert message.startswith("hostile.tmx: ")
    if "[" in doctype:  # declared entities: refused before the parser runs, for that reason
        assert "DOCTYPE declares entities" in message
    else:  # the external DTD is never fetched, so its entity is undefined
        assert "Entity 'leak' not defined" in message


@pytest.mark.parametrize("attack", list(attacks(Path("/x"), "http://x")))
def test_tmx_and_tbx_readers_refuse_them_through_the_same_layer(attack, secret, server):
    doctype, text = attacks(secret, server)[attack]
    data = tmx(doctype, text).encode()
    refusal(lambda: read_tmx(data, "hostile.tmx"))
    refusal(lambda: parse_tbx(data.replace(b"<!DOCTYPE tmx", b"<!DOCTYPE tbx"), "hostile.tbx"))
    with pytest.raises(InputError) as as_tmx:
        read_tmx(data, "hostile.tmx")
    with pytest.raises(GlossaryFileError) as as_tbx:
        parse_tbx(data, "hostile.tbx")
    tbx = as_tbx.value
    # the same refusal, word for word, but for the kind named
    assert as_tmx.value.problem == (f"{tbx.where}: " if tbx.where else "") + tbx.problem.replace("TBX", "TMX")


def test_the_layer_lives_below_workflow():
    # glossaries/ holds the layer so TBX can use it without importing workflow/ (DESIGN.md 8)
    done = subprocess.run([sys.executable, "-c", "import sys, glossaries.tbx, glossaries.tbx.parse; "
                           "print(sorted(m for m in sys.modules if m.startswith('workflow')))"],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_an_external_dtd_is_neither_fetched_nor_needed(server):
    # TMX and TBX files name their DTD (tmx14.dtd, often a URL); the file reads without it.
    data = tmx(f'<!DOCTYPE tmx SYSTEM "{server}/tmx14.dtd">', "fatherland").encode()
    root, warnings = parse_xml_report(data, "plain.tmx", "TMX")
    assert root.findtext(".//tuv[2]/seg") == "fatherland" and warnings == []
    assert read_tmx(data, "plain.tmx").units[0].texts == {"ko": "조국", "en": "fatherland"}


def test_a_doctype_after_a_comment_is_still_seen():
    data = ('<?xml version="1.0"?>\n<!-- a comment first -->\n<?pi x?>\n'
            '<!DOCTYPE tmx [<!ENTITY a "b">]><tmx/>').encode("utf-16")
    assert "DOCTYPE declares entities" in refusal(lambda: parse_xml(data, "x.tmx", "TMX"))


@pytest.mark.parametrize("data, problem", [
    (b"<a>" * 100_000 + b"</a>" * 100_000, "Excessive depth in document: 256 (a limit for untrusted"),
    (b"<a>" + b"x" * 10_000_001 + b"</a>", "Text node too long (a limit for untrusted files)"),
])
def test_libxml2_limits_stay_on_and_are_worded_for_people(data, problem):
    message = refusal(lambda: parse_xml(data, "deep.xlf", "XLIFF"))
    assert problem in message and "XML_PARSE_HUGE" not in message


def test_an_oversized_file_is_refused_with_the_limit_named(monkeypatch):
    import glossaries.tbx.parse as layer

    assert MAX_XML_BYTES == layer.MAX_XML_BYTES == 50 * 1024 * 1024
    monkeypatch.setattr(layer, "MAX_XML_BYTES", 1000)
    data = tmx("", "x" * 1000).encode()
    message = refusal(lambda: parse_xml(data, "big.tmx", "TMX"))
    assert f"is {len(data):,} bytes; the limit for a TMX file is 1,000 bytes" in message
    assert "the limit for a TBX file is 1,000 bytes" in refusal(lambda: parse_tbx(data, "big.tbx"))


@pytest.mark.parametrize("data, what", [
    (b"PK\x03\x04\x14\x00\x00\x00" + bytes(40), "a ZIP archive"),
    (b"\x1f\x8b\x08\x00" + bytes(40), "a gzip archive"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
    (b"SQLite format 3\x00" + bytes(100), "an SQLite database"),
    (b"\x89PNG\r\n\x1a\n" + bytes(40), "a PNG image"),
])
def test_binary_files_are_named_for_what_they_are(data, what):
    assert f"is {what}" in refusal(lambda: parse_xml(data, "x.xlf", "XLIFF"))
    assert f"is {what}" in refusal(lambda: parse_tbx(data, "x.tbx"))


# --- through the real CLI ----------------------------------------------------------------------

MEMORY_CAP = 1024 * 1024 * 1024  # address space: a bomb that expanded would die here, not pass
# A refusal costs what starting the CLI costs (25-50 MiB measured); an expanded bomb would need
# gigabytes, a quadratic blow-up 2 GB: this bound only has to tell those apart, with room to spare.
PEAK_BOUND_KIB = 200 * 1024
HANG_GUARD = 120  # seconds; only so a hang fails the test instead of stalling it, not a speed figure
CLI_ATTACKS = ["billion laughs", "quadratic blow-up", "external entity naming a local file",
               "external DTD over the network"]


def run_capped(db: Path, *args: str, user: str = "admin") -> dict:
    """`tandem ...` in a process of its own under MEMORY_CAP, with its own peak resident memory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")}
    env["PYTHONUTF8"] = "1"

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    # The child reads its own VmHWM as it exits: getrusage/wait4 would count the forked copy of
    # this (large) pytest process too, since Linux carries the high-water mark across exec.
    argv = [sys.executable, "-c", _PEAK_REPORTER, str(ROOT / "main.py"), "--db", str(db), "--as", user, *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as peak:
        env["TANDEM_TEST_PEAK_FILE"] = peak.name
        child = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=ROOT, preexec_fn=cap)
        timer = threading.Timer(HANG_GUARD, child.kill)
        timer.start()
        child.wait()
        timer.cancel()
        out.seek(0), err.seek(0)
        return {"code": child.returncode, "out": out.read().decode(), "err": err.read().decode(),
                "peak_kib": int(peak.read().strip() or 1 << 40)}  # no report: fail the bound


_PEAK_REPORTER = """
import os, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    with open("/proc/self/status") as status:
        hwm = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ.pop("TANDEM_TEST_PEAK_FILE"), "w") as out:
        out.write(hwm)
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("desk") / "workspace.db"
    assert run_capped(db, "users", "add", "terry", "--role", "terminologist")["code"] == 0
    assert [p.name for p in db.parent.iterdir()] == ["workspace.db"]  # no WAL left behind
    return db


@pytest.fixture
def desk(template: Path, db_path: Path) -> Path:
    return raw_db.copy(template, db_path)


def _commands() -> list[tuple[str, ...]]:
    return [("import",), ("tm", "import"), ("glossary", "import"), ("validate",)]


def refused(command: tuple[str, ...], run: dict, path: Path) -> str:
    """The one message saying why, after checking the command failed the way it promises."""
    assert "Traceback" not in run["err"] and "internal error" not in run["err"], run["err"]
    if command == ("validate",):  # a report on stdout: exit 1 invalid, 2 unreadable
        verdict = re.match(rf"{re.escape(str(path))}: (invalid|unreadable)\b", run["out"])
        assert verdict and run["code"] == {"invalid": 1, "unreadable": 2}[verdict[1]], run
        return run["out"]
    assert run["code"] == 2 and run["out"] == "", run
    assert run["err"].startswith(f"tandem: error: {path}: ") and run["err"].count("\n") == 1
    return run["err"]


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
@pytest.mark.parametrize("attack", CLI_ATTACKS)
def test_the_cli_refuses_each_attack_in_one_line_and_writes_nothing(
        command, attack, desk, secret, server, tmp_path):
    doctype, text = attacks(secret, server)[attack]
    doc = tmx(doctype, text)
    if command[0] == "glossary":
        doc = doc.replace("<!DOCTYPE tmx", "<!DOCTYPE tbx")
    path = tmp_path / ("hostile.tbx" if command[0] == "glossary" else "hostile.tmx")
    path.write_text(doc, encoding="utf-8")
    before, files = snapshot(desk), sorted(os.listdir(tmp_path))
    run = run_capped(desk, *command, str(path), user="terry")
    message = refused(command, run, path)
    assert SECRET not in message and "lollol" not in message
    # `import` and `validate` sniff the kind from the head of the file first; a DOCTYPE longer than
    # the head (quadratic blow-up) is still refused by the parser, for what it declares
    reason = "DOCTYPE declares entities" if "[" in doctype else "Entity 'leak' not defined"
    assert reason in message
    assert run["peak_kib"] < PEAK_BOUND_KIB, f"{run['peak_kib']} KiB"
    assert snapshot(desk) == before and sorted(os.listdir(tmp_path)) == files


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_the_cli_refuses_an_oversized_file_naming_the_limit(command, desk, tmp_path):
    path = tmp_path / ("huge.tbx" if command[0] == "glossary" else "huge.tmx")
    with path.open("wb") as handle:  # sparse: 50 MiB and one byte, costing no disk
        handle.truncate(MAX_XML_BYTES + 1)
    before = snapshot(desk)
    run = run_capped(desk, *command, str(path), user="terry")
    message = refused(command, run, path)
    assert f"{MAX_XML_BYTES:,} bytes" in message
    assert run["peak_kib"] < PEAK_BOUND_KIB, f"{run['peak_kib']} KiB"
    assert snapshot(desk) == before


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_the_cli_names_a_zip_for_what_it_is(command, desk, tmp_path):
    import zipfile

    path = tmp_path / ("terms.tbx" if command[0] == "glossary" else "memory.tmx")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("memory.tmx", tmx("", "x"))
    before = snapshot(desk)
    run = run_capped(desk, *command, str(path), user="terry")
    assert "is a ZIP archive" in refused(command, run, path)
    assert snapshot(desk) == before


def test_reading_a_file_stops_at_the_limit_even_where_no_size_is_reported(tmp_path, monkeypatch):
    import glossaries.tbx.parse as layer
    from workflow.interchange.xmlsafe import read_xml

    monkeypatch.setattr(layer, "MAX_XML_BYTES", 1000)
    big = tmp_path / "big.tmx"
    big.write_bytes(b" " * 1001)
    for path in (big, Path("/dev/zero")):  # /dev/zero reports size 0 and never ends
        with pytest.raises(InputError, match="the limit for a TMX file is 1,000 bytes"):
            read_xml(path, "TMX")
    with pytest.raises(InputError, match="no such file"):
        read_xml(tmp_path / "missing.tmx", "TMX")
    with pytest.raises(InputError, match="is a folder"):
        read_xml(tmp_path, "TMX")
    small = tmp_path / "small.tmx"
    small.write_bytes(b" " * 1000)
    assert read_xml(small, "TMX") == b" " * 1000  # at the limit is fine
