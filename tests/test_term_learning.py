"""A glossary that learns from the editors (issue 17 §4): the sample's corrections, made in two
documents, become a proposal with its evidence; one correction, a term the glossary has and a
rejected proposal make none; the terminologist's approval makes a normal approved term."""

from __future__ import annotations

import json

import pytest

from glossaries.model import Term, TermStatus
from workflow.errors import PermissionDenied
from workflow.replaced_phrases import phrase_changes
from workflow.term_learning import korean_words

from conftest import DRAFT, KO, SAMPLE, blocks

BOWI = "보위지도원"
FINAL = blocks(SAMPLE / "en-edited.md")


@pytest.fixture
def ws(workspace):
    workspace.users.add("minji", ["terminologist"], by="admin")
    return workspace


def corrected_article(ws) -> int:
    """The sample imported from the translator's draft, and the editor's final saved over it."""
    document = ws.files.import_document(KO, DRAFT, by="david").document
    for segment, final in zip(ws.documents.segments(document.id), FINAL):
        if segment.target != final:
            ws.editing.save(document.id, segment.index, final, by="robert")
    return document.id


def learned(ws, ko: str = BOWI) -> list[Term]:
    return [t for t in ws.glossary.terms() if t.ko == ko]


def test_the_sample_corrections_in_two_documents_propose_the_security_guidance_officer(ws):
    first, second = corrected_article(ws), corrected_article(ws)
    report = ws.term_learning.learn(by="minji")

    proposal = next(found for found in report.proposed if found.ko == BOWI)
    term = ws.glossary.term(proposal.term_id)
    assert term.status is TermStatus.PROPOSED
    assert (term.ko, term.en, term.en_forbidden) == (BOWI, "security guidance officers", ("security guards",))
    evidence = ws.term_learning.evidence(term.id)
    assert [(c.document_id, c.editor) for c in evidence] == [(first, "robert"), (second, "robert")]
    assert len({c.segment for c in evidence}) == 1
    assert all("security guards" in c.before and "security guidance officers" in c.after and BOWI in c.source
               for c in evidence)
    # Proposed in the name of the editor whose judgement it is, the evidence in its history.
    [created] = ws.glossary.history(term.id)
    assert created.author == "robert"
    assert "“security guards” → “security guidance officers”" in created.reason
    assert f"document {first} segment" in created.reason and f"document {second} segment" in created.reason
    # Whoever ran the learning is in the audit log with the corrections.
    [entry] = [e for e in ws.audit.log() if e["action"] == "term.learn" and e["detail"]["term"] == term.id]
    assert entry["user"] == "minji" and entry["detail"]["term"] == term.id
    assert [pair[1] for pair in entry["detail"]["corrections"]] == [c.after_revision for c in evidence]
    assert ws.audit.verify().ok


def test_one_correction_proposes_nothing(ws):
    corrected_article(ws)
    report = ws.term_learning.learn(by="minji")
    assert report.corrections > 0 and report.proposed == []
    assert ws.glossary.terms() == []


def test_a_term_the_glossary_has_is_not_proposed(ws):
    ws.glossary.import_file(SAMPLE / "glossary-nk-news.csv", by="minji")
    before = ws.glossary.terms()
    corrected_article(ws), corrected_article(ws)
    report = ws.term_learning.learn(by="minji")
    assert report.proposed == []
    held = next(found for found in report.held if found.ko == BOWI)
    assert "already in the glossary" in held.held
    assert ws.glossary.terms() == before


def test_learning_again_neither_repeats_a_proposal_nor_a_rejected_one(ws):
    corrected_article(ws), corrected_article(ws)
    [term] = [ws.glossary.term(f.term_id) for f in ws.term_learning.learn(by="minji").proposed if f.ko == BOWI]
    assert BOWI not in [f.ko for f in ws.term_learning.learn(by="minji").proposed]
    ws.glossary.reject(term.id, by="minji", reason="the house keeps security guards")
    corrected_article(ws)  # a third document with the same correction
    report = ws.term_learning.learn(by="minji")
    assert BOWI not in [f.ko for f in report.proposed]
    assert "rejected" in next(f.held for f in report.held if f.ko == BOWI)
    assert [t.status for t in learned(ws)] == [TermStatus.REJECTED]


def test_the_terminologist_approving_it_makes_a_normal_approved_term(ws):
    corrected_article(ws), corrected_article(ws)
    [found] = [f for f in ws.term_learning.learn(by="minji").proposed if f.ko == BOWI]
    ws.glossary.approve(found.term_id, by="minji")
    term = ws.glossary.term(found.term_id)
    assert term.status is TermStatus.APPROVED
    assert term.id in {t.id for t in ws.glossary.index().terms}
    # The translator's slip is now the forbidden rendering the checks catch.
    [use] = [u for u in ws.glossary.index().analyse("보위지도원들을 동원해", "mobilizing security guards")
             if u.term.id == term.id]
    assert use.forbidden and not use.satisfied


def test_only_terminologists_and_editors_set_learning_going(ws):
    with pytest.raises(PermissionDenied):
        ws.term_learning.learn(by="david")
    ws.term_learning.learn(by="robert")


def test_the_replaced_phrase_takes_in_the_words_it_shares():
    before = "so they are mobilizing security guards to do everything they can"
    after = "so they are mobilizing security guidance officers to do everything they can"
    assert phrase_changes(before, after) == [("guards", "guidance officers")]
    assert phrase_changes("the Labor Party’s funds", "the Workers’ Party’s funds") == [("Labor", "Workers’")]
    # Numbers, Korean left in the English and a rewrite are not renderings replaced.
    assert phrase_changes("the last 30 days", "the last 20 days") == []
    assert phrase_changes("through 외화벌이 activities", "through foreign currency-earning activities") == []


def test_korean_words_lose_their_particles():
    words = korean_words("보위지도원들을 동원해 직원들을 감시하는 데 국경 봉쇄로")
    assert words["보위지도원"] == BOWI
    assert "직원" in words and "국경봉쇄" in words
    assert korean_words("로동당의 자금")["노동당"] == "로동당"  # North Korean spelling folds


def test_tandem_glossary_learn_dry_run_writes_nothing_and_then_proposes(ws, tandem):
    corrected_article(ws), corrected_article(ws)
    dry = tandem("glossary", "learn", "--dry-run", "--json")
    assert dry.code == 0, dry.err
    data = json.loads(dry.out)
    found = next(p for p in data["proposed"] if p["ko"] == BOWI)
    assert found["term"] is None and found["forbidden"] == "security guards" and len(found["evidence"]) == 2
    assert ws.glossary.terms() == []
    done = tandem("glossary", "learn")
    assert done.code == 0, done.err
    assert BOWI in done.out and "security guidance officers" in done.out
    assert [t.status for t in learned(ws)] == [TermStatus.PROPOSED]


def test_an_editor_since_disabled_leaves_the_proposal_to_whoever_ran_the_learning(ws):
    corrected_article(ws), corrected_article(ws)
    ws.logins.disable("robert", by="admin")
    [found] = [f for f in ws.term_learning.learn(by="minji").proposed if f.ko == BOWI]
    assert ws.glossary.history(found.term_id)[0].author == "minji"
    assert found.editors == ["robert"]  # the evidence still names whose corrections they were


def test_a_longer_korean_form_with_a_rendering_the_glossary_has_is_not_proposed(ws):
    ws.glossary.add(Term("보위", "security guidance officers"), by="minji")
    corrected_article(ws), corrected_article(ws)
    report = ws.term_learning.find()
    assert BOWI not in [f.ko for f in report.proposed]
    assert "already in the glossary" in next(f.held for f in report.held if f.ko == BOWI)
