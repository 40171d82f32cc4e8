"""XLIFF 2.x validation: schema compile time, time per OASIS suite file, and a long news document.

Schemas: the ones Tandem ships (workflow/interchange/xsd). Compiling each set happens once per
process, on first use, and is timed first (cold: files read, imports resolved from the package).
The other timings are the median and worst of repeated runs, with the schemas already compiled. The long document is generated here: an article of 2,000 units,
each with a source, a target and a few inline codes, as a large XLIFF export would be.

Run: python benchmarks/xliff_validate.py   (corpus: $TANDEM_CORPORA or <repo>/../shared/corpora)
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from workflow.interchange import schemas  # noqa: E402
from workflow.interchange.xliff2_rules import validate_xliff2  # noqa: E402
from workflow.interchange.xmlsafe import parse_xml  # noqa: E402

SUITES = ("xliff20-oasis-testsuite", "xliff21-oasis-testsuite/test-suite",
          "xliff22-oasis-testsuite/test-suite")


def corpora() -> Path:
    env = os.environ.get("TANDEM_CORPORA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "corpora"


def timed(action, repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return runs


def long_document(units: int) -> bytes:
    body = []
    for n in range(units):
        body.append(
            f'<unit id="u{n}"><notes><note id="n1">check the name</note></notes><originalData>'
            f'<data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data></originalData>'
            f'<segment id="s{n}" state="translated"><source>북한은 <pc id="1" dataRefStart="d1" '
            f'dataRefEnd="d2">{n}일</pc> 조선로동당 <mrk id="m1" type="comment" ref="#n=n1">중앙위원회'
            f'</mrk> 전원회의를 열었다고 <ph id="2"/>밝혔다.</source><target>North Korea said it held '
            f'a plenary meeting of the <mrk id="m1" type="comment" ref="#n=n1">Central Committee</mrk>'
            f' of the Workers\' Party on the <pc id="1" dataRefStart="d1" dataRefEnd="d2">{n}th</pc>'
            f'<ph id="2"/>.</target></segment></unit>')
    return ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko" '
            f'trgLang="en"><file id="f1">{"".join(body)}</file></xliff>').encode()


def main() -> None:
    base = corpora()
    total = 0.0
    for kind in schemas.KINDS:
        started = time.perf_counter()
        available = schemas.schema_for(kind) is not None
        took = time.perf_counter() - started
        total += took
        print(f"compile {kind}: {1000 * took:.1f} ms ({'available' if available else 'NOT AVAILABLE'})")
    print(f"compile, every kind: {1000 * total:.1f} ms, once per process")

    per_file = []
    files = [p for suite in SUITES for p in sorted((base / suite).glob("*/*/*.xlf"))
             if "in-out" not in p.parts]
    for path in files:
        data = path.read_bytes()
        try:
            root = parse_xml(data, path.name, "XLIFF")
        except Exception:  # the one suite file that is not well-formed
            continue
        per_file.append(min(timed(lambda: validate_xliff2(root), 5)))
    print(f"suite files: {len(per_file)} validated; median {1000 * statistics.median(per_file):.2f} ms,"
          f" worst {1000 * max(per_file):.2f} ms per file (schemas and own rules, parsed tree)")

    data = long_document(2000)
    root = parse_xml(data, "long.xlf", "XLIFF")
    problems, warnings = validate_xliff2(root)
    assert not problems and not warnings, problems[:3] or warnings
    whole = timed(lambda: validate_xliff2(root), 5)
    xsd = timed(lambda: schemas.xsd_problems(root, "xliff-2.0"), 5)
    parse = timed(lambda: parse_xml(data, "long.xlf", "XLIFF"), 5)
    print(f"long document ({len(data) // 1024} KiB, 2,000 units): parse {1000 * min(parse):.0f} ms, "
          f"validate {1000 * statistics.median(whole):.0f} ms median "
          f"(of which schema {1000 * statistics.median(xsd):.0f} ms)")


if __name__ == "__main__":
    main()
