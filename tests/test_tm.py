"""Translation memory: approvals feed it, lookup finds near duplicates, concordance, TMX."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpora import require_corpora
from conftest import snapshot
from workflow.errors import InputError
from workflow.tmx import language, read_tmx

KO = "국가보위성 보위지도원들이 주민들의 휴대전화를 검열하고 있다고 소식통이 전했다."
EN = "State Security officers are inspecting residents' mobile phones, a source said."


def _tmx(units: list[tuple[str, str]], langs=("ko-KR", "en-US"), doctype: str = "") -> bytes:
    tus = "".join(
        f'<tu><tuv xml:lang="{langs[0]}"><seg>{ko}</seg></tuv>'
        f'<tuv xml:lang="{langs[1]}"><seg>{en}</seg></tuv></tu>\n' for ko, en in units)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<tmx version="1.4">\n'
            f'<header srclang="ko" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" '
            f'creationtool="t" creationtoolversion="1"/>\n<body>\n{tus}</body>\n</tmx>\n').encode()


def test_approving_a_segment_puts_its_pair_in_the_memory(workspace, sample_doc):
    doc = sample_doc.id
    segment = workspace.documents.segments(doc)[2]
    workspace.review.approve(doc, segment.index, by="robert")
    [unit] = workspace.tm.units()
    assert (unit.source, unit.target) == (segment.source.strip(), segment.target.strip())
    assert (unit.document_id, unit.author, unit.approver) == (doc, "david", "robert")
    assert unit.origin == "approval" and unit.created_at


def test_a_near_duplicate_sentence_finds_its_match_with_a_diff(workspace, tmp_path):
    path = tmp_path / "m.tmx"
    path.write_bytes(_tmx([(KO, EN), ("노동신문은 1일 사설을 실었다.", "Rodong Sinmun ran an editorial on the 1st.")]))
    workspace.tm.import_tmx(path, by="david")
    query = KO.replace("휴대전화를", "손전화를")
    [best, *_] = workspace.tm.lookup(query)
    assert best.unit.target == EN
    assert 60 < best.score < 100
    assert (-1, "휴대전화를") in best.diff and (1, "손전화를") in best.diff
    assert workspace.tm.lookup(KO)[0].score == 100


def test_concordance_finds_korean_inside_words_and_two_character_queries(workspace, tmp_path):
    path = tmp_path / "m.tmx"
    path.write_bytes(_tmx([(KO, EN), ("북한 당국이 발표했다.", "North Korean authorities announced it.")]))
    workspace.tm.import_tmx(path, by="david")
    assert [u.source for u in workspace.tm.search("지도원")] == [KO]
    assert [u.source for u in workspace.tm.search("북한")] == ["북한 당국이 발표했다."]
    assert [u.target for u in workspace.tm.search("security OFFICERS")] == [EN]
    assert workspace.tm.search("없는말") == []


def test_tmx_round_trip_gives_the_same_pairs(workspace, sample_doc, tmp_path, db_path):
    for segment in workspace.documents.segments(sample_doc.id)[:4]:
        workspace.review.approve(sample_doc.id, segment.index, by="robert")
    before = {(u.source, u.target, u.author, u.approver) for u in workspace.tm.units()}
    assert len(before) == 4
    path = tmp_path / "out.tmx"
    path.write_bytes(workspace.tm.export_tmx())
    parsed = read_tmx(path.read_bytes(), "out.tmx")
    assert {language(lang) for u in parsed.units for lang in u.texts} == {"ko", "en"}
    from workflow.workspace import Workspace

    with Workspace.open(tmp_path / "other.db") as other:
        other.users.add("admin", ["admin"], by="admin")
        assert other.tm.import_tmx(path, by="admin").counts["added"] == 4
        assert {(u.source, u.target, u.author, u.approver) for u in other.tm.units()} == before
        assert other.tm.import_tmx(path, by="admin").counts["unchanged"] == 4


def test_language_codes_and_other_languages(workspace, tmp_path):
    path = tmp_path / "m.tmx"
    data = _tmx([("가나다라", "abcd")], langs=("KO", "en")).replace(
        b"</tu>", b'<tuv xml:lang="ja-JP"><seg>x</seg></tuv></tu>')
    path.write_bytes(data + b"")
    done = workspace.tm.import_tmx(path, by="david")
    assert done.counts == {"added": 1, "unchanged": 0, "skipped": 0, "other_languages": 1}
    assert done.warnings == ()


@pytest.mark.parametrize("data, where", [
    (b'<tmx version="1.4"><header/><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>', "line 1"),
    (_tmx([(KO, EN)]).replace(b"</body>", b"</bod>"), "line"),
    (_tmx([(KO, EN)], doctype='<!DOCTYPE tmx [<!ENTITY e "boom">]>\n'), "DOCTYPE"),
    (_tmx([(KO, EN)]).replace(b"<seg>", b"<sag>", 1).replace(b"</seg>", b"</sag>", 1), "<tuv> has no <seg>"),
])
def test_a_bad_tmx_is_refused_with_where_and_changes_nothing(workspace, tmp_path, db_path, data, where):
    good = tmp_path / "good.tmx"
    good.write_bytes(_tmx([("이미 있는 문장", "Already there")]))
    workspace.tm.import_tmx(good, by="david")
    before = snapshot(db_path)
    bad = tmp_path / "bad.tmx"
    bad.write_bytes(data)
    with pytest.raises(InputError, match=where):
        workspace.tm.import_tmx(bad, by="david")
    assert snapshot(db_path) == before
    assert workspace.tm.count() == 1


def _lines(path: Path) -> list[str]:
    raw = path.read_bytes()
    text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig")
    return [line for line in text.splitlines() if line.strip()]


def test_lisa_compliance_kit_level1_import_equals_its_expected_extractions(workspace):
    kit = require_corpora("tmx-lisa-compliance-kit")
    compared = 0
    for tmx in sorted(kit.glob("ImportTest*.tmx")):
        parsed = read_tmx(tmx.read_bytes(), tmx.name)  # every kit file, level 2 markup included, parses
        assert parsed.units, tmx.name
        source, targets = kit / f"{tmx.stem}.txt", sorted(kit.glob(f"{tmx.stem}_*.txt"))
        if not (source.exists() and targets):
            continue
        lang = targets[0].stem.split("_")[-1]
        got = []
        for unit in parsed.units:
            texts = {code.lower(): text for code, text in unit.texts.items()}
            if parsed.srclang.lower() in texts and lang in texts:
                got.append((texts[parsed.srclang.lower()], texts[lang]))
        expected = list(zip(_lines(source), _lines(targets[0])))
        assert expected == got, tmx.name
        compared += len(expected)
    assert compared == 22
    # As a Korean/English memory, the kit holds nothing to take: every unit is skipped, none fails.
    counts = workspace.tm.import_tmx(kit / "ImportTest1C.tmx", by="david").counts
    assert counts["added"] == 0 and counts["skipped"] == 3 and counts["other_languages"] == 9


def test_cli_tm_import_search_export(tandem, tmp_path):
    assert tandem("users", "add", "admin", "--role", "admin").code == 0
    path = tmp_path / "m.tmx"
    path.write_bytes(_tmx([(KO, EN), ("북한 당국이 발표했다.", "North Korean authorities announced it.")]))
    done = tandem("tm", "import", str(path))
    assert done.code == 0 and "2 added" in done.out
    done = tandem("tm", "search", "지도원", "--json")
    assert done.code == 0
    assert [u["target"] for u in json.loads(done.out)] == [EN]
    done = tandem("tm", "search", "북한")
    assert done.code == 0 and "North Korean authorities" in done.out
    out = tmp_path / "out.tmx"
    done = tandem("tm", "export", "-o", str(out))
    assert done.code == 0
    assert len(read_tmx(out.read_bytes(), "out").units) == 2
    bad = tmp_path / "bad.tmx"
    bad.write_bytes(b"<tmx><body><tu>")
    done = tandem("tm", "import", str(bad))
    assert done.code == 2 and "line" in done.err and "bad.tmx" in done.err


def test_editor_tm_panel_shows_matches_and_ctrl_t_inserts_the_best(tmp_path):
    from textual.widgets import DataTable

    from tui.app import TandemApp
    from tui.screens.editor import EditorScreen
    from tui.widgets.panels import TmPanel
    from tui.widgets.segment_texts import EnglishEditor
    from tui_helpers import run, until
    from workflow.demo import prepare_demo
    from workflow.workspace import Workspace

    path = prepare_demo(tmp_path / "demo.tandem").path
    with Workspace.open(path, create=False) as ws:
        korean = ws.documents.segments(1)[0].source
    memory = tmp_path / "m.tmx"
    memory.write_bytes(_tmx([(korean.replace(" ", "  ", 1) + " 추가", "An earlier rendering.")]))
    with Workspace.open(path, create=False) as ws:
        ws.tm.import_tmx(memory, by="david")

    async def scenario() -> None:
        app = TandemApp(path, "david")
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: app.screen.query_one(DataTable).row_count == 1)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen)
                        and app.screen.query_one(TmPanel).matches)
            panel = app.screen.query_one(TmPanel)
            assert panel.display and 50 < panel.matches[0].score < 100
            assert any(op == 1 for op, _ in panel.matches[0].diff) or any(op == -1 for op, _ in panel.matches[0].diff)
            await pilot.press("ctrl+t")
            await until(pilot, lambda: app.screen.query_one(EnglishEditor).text == "An earlier rendering.")

    run(scenario)
