"""Publishing (issue 17 §2): the HTML a CMS takes, escaped, and the publications it records."""

from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import raw_db

from conftest import sign_as_translator
from workflow.demo import EDITED, KOREAN, TAGS
from workflow.errors import InputError, PermissionDenied
from workflow.html_export import CorrectionNote, article_html, clean
from workflow.models import Document, Segment, SegmentKind, SegmentState

EXPECTED = Path(__file__).resolve().parent / "expected" / "sample_article.html"
CREDIT = "Translated by David Black. Edited by Robert Lauler."


def published_sample(workspace) -> int:
    """The demo article, tagged as the demo tags it, with the editor's final English approved and
    signed off by its translator and its editor: what goes out."""
    doc = workspace.files.import_document(KOREAN, EDITED, tags=TAGS, by="david").document.id
    sign_as_translator(workspace, doc)
    for segment in workspace.documents.segments(doc):
        workspace.review.approve(doc, segment.index, by="robert")
    workspace.review.sign_off(doc, "editor", by="robert")
    return doc


def test_the_sample_article_as_html_is_the_checked_in_page(workspace):
    doc = published_sample(workspace)
    page, problems = workspace.publishing.page(doc)
    assert problems == [] and page.untranslated == []
    assert page.text.encode("utf-8") == EXPECTED.read_bytes()


def _segment(index: int, kind: SegmentKind, target: str, source: str = "한국어", block: int | None = None,
             locked: bool = False) -> Segment:
    return Segment(index, 1, index, block or index, kind, source, target, SegmentState.APPROVED, index, None, None,
                   locked=locked)


def _document(title: str = "제목", tags: tuple[str, ...] = ()) -> Document:
    return Document(1, title, tags, "ko.md", "x", "utf-8", None, "paragraph", "2026-01-01", "2026-01-01", "david")


HOSTILE = "<b>Kim & Lee</b> said \"no\" and 'yes'"
ESCAPED = "&lt;b&gt;Kim &amp; Lee&lt;/b&gt; said &quot;no&quot; and &#x27;yes&#x27;"


class _Text(HTMLParser):
    """The page as a browser reads it: element names and the text inside each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data)


def test_less_than_ampersand_and_quotes_are_escaped_in_title_tag_caption_and_paragraph():
    segments = [_segment(1, SegmentKind.TITLE, HOSTILE), _segment(2, SegmentKind.CAPTION, HOSTILE),
                _segment(3, SegmentKind.HEADING, HOSTILE), _segment(4, SegmentKind.PARAGRAPH, HOSTILE)]
    page = article_html(_document(tags=(HOSTILE, "a\"b")), segments, 'Translated by "X" & <Y>.',
                        [CorrectionNote("2026-12-07T01:00:00.000+00:00", HOSTILE)]).text
    assert f"<title>{ESCAPED}</title>" in page and f"<h1>{ESCAPED}</h1>" in page
    assert f"<figure><figcaption>{ESCAPED}</figcaption></figure>" in page
    assert f"<h2>{ESCAPED}</h2>" in page and f"<p>{ESCAPED}</p>" in page
    assert f"<li>{ESCAPED}</li>" in page and f'content="{ESCAPED}, a&quot;b"' in page
    assert '<p class="credit">Translated by &quot;X&quot; &amp; &lt;Y&gt;.</p>' in page
    assert f"7 December 2026</time>: {ESCAPED}</p></aside>" in page
    assert "<b>" not in page and "'" not in page.replace("lang=", "")
    # Read back as a browser would, every piece of text is exactly what was typed.
    parsed = _Text()
    parsed.feed(page)
    assert parsed.texts.count(HOSTILE) == 6  # title, h1, caption, heading, paragraph, tag
    assert ": " + HOSTILE in parsed.texts  # the correction, after its date
    assert [tag for tag, _attrs in parsed.elements if tag in ("b", "script")] == []
    assert ("meta", {"name": "keywords", "content": HOSTILE + ", a\"b"}) in parsed.elements


def test_tokens_never_leak_and_text_goes_out_nfc_without_controls():
    decomposed = "Cafe\u0301"  # e + combining acute
    segments = [_segment(1, SegmentKind.TITLE, "⟦1⟧Kim⟦/1⟧ Jong Un⟦2/⟧ speaks"),
                _segment(2, SegmentKind.PARAGRAPH, f"At the {decomposed}\x07 ⟦3⟧near⟦/3⟧ the\u00a0border.")]
    page = article_html(_document(tags=("⟦1⟧tag⟦/1⟧",)), segments, None).text
    assert "⟦" not in page and "⟧" not in page and "\x07" not in page
    assert "<h1>Kim Jong Un speaks</h1>" in page
    assert "<p>At the Caf\u00e9 near the\u00a0border.</p>" in page  # a no-break space is meant
    assert "<li>tag</li>" in page
    assert clean("  a \n b  ") == "a b"


def test_sentence_segments_join_into_one_paragraph_and_an_untranslated_one_is_named():
    segments = [_segment(1, SegmentKind.TITLE, "Title"),
                _segment(2, SegmentKind.PARAGRAPH, "One.", block=2), _segment(3, SegmentKind.PARAGRAPH, "Two.", block=2),
                _segment(4, SegmentKind.PARAGRAPH, "", source="번역 안 됨", block=3),
                _segment(5, SegmentKind.PARAGRAPH, "", source="Locked as the file has it", block=4, locked=True)]
    page = article_html(_document(), segments, None)
    assert "<p>One. Two.</p>" in page.text and "<p>번역 안 됨</p>" in page.text
    assert "<p>Locked as the file has it</p>" in page.text
    assert page.untranslated == [4]  # a locked segment is nobody's work


def test_without_a_title_segment_the_documents_title_heads_the_page():
    page = article_html(_document(title="A <title>"), [_segment(1, SegmentKind.PARAGRAPH, "Text.")], None).text
    assert "<h1>A &lt;title&gt;</h1>" in page and "<title>A &lt;title&gt;</title>" in page
    assert '<ul class="tags">' not in page and "keywords" not in page


def test_publishing_records_who_when_and_the_exact_revisions_then_nothing_new_for_the_same(workspace):
    doc = published_sample(workspace)
    delivered: list[str] = []
    done = workspace.publishing.publish(doc, by="robert", deliver=delivered.append)
    assert done.new and done.changed == () and delivered == [done.page.text]
    segments = workspace.documents.segments(doc)
    assert done.publication.revisions == {s.id: s.revision_id for s in segments}
    assert done.publication.user == "robert" and done.publication.correction is None
    rows = workspace._store.publications.publications(doc)
    assert len(rows) == 1 and rows[0].revisions == done.publication.revisions
    assert rows[0].content_hash == hashlib.sha256(done.page.text.encode("utf-8")).hexdigest()
    audited = [e for e in workspace.audit.log(doc) if e["action"] == "document.publish"]
    assert [(e["user"], e["detail"]["publication"], e["detail"]["correction"]) for e in audited] == [
        ("robert", done.publication.id, None)]

    again = workspace.publishing.publish(doc, by="robert")
    assert not again.new and again.publication.id == done.publication.id and again.page.text == done.page.text
    assert len(workspace._store.publications.publications(doc)) == 1
    summary = next(s for s in workspace.documents.all() if s.id == doc)
    assert summary.published_at == done.publication.published_at and summary.published_by == "Robert Lauler"


def test_a_change_after_publication_needs_a_correction_note_printed_in_every_later_version(workspace):
    doc = published_sample(workspace)
    first = workspace.publishing.publish(doc, by="robert")
    fixed = workspace.documents.segments(doc)[2].target.replace("Daily NK has learned", "Daily NK learned")
    workspace.editing.save_and_approve(doc, 3, fixed, by="robert")
    workspace.review.sign_off(doc, "editor", by="robert", confirm=True)
    assert workspace.publishing.status(doc).changed == (3,)

    with pytest.raises(InputError) as refused:
        workspace.publishing.publish(doc, by="robert")
    assert refused.value.source == "--correction" and "segments 3 changed" in refused.value.problem
    with pytest.raises(InputError, match="say what the correction is"):
        workspace.publishing.publish(doc, by="robert", correction=" \n ")
    assert len(workspace._store.publications.publications(doc)) == 1

    second = workspace.publishing.publish(doc, by="robert", correction="An earlier version said <\"has learned\">.")
    assert second.new and second.changed == (3,) and second.publication.id != first.publication.id
    assert ('<aside class="correction"><p>Correction, <time datetime="' + second.publication.published_at + '">')\
        in second.page.text
    assert "An earlier version said &lt;&quot;has learned&quot;&gt;.</p></aside>" in second.page.text
    assert workspace._store.publications.publications(doc)[-1].correction == "An earlier version said <\"has learned\">."
    # The next HTML export, published or not, carries the note.
    page, _problems = workspace.publishing.page(doc)
    assert page.text == second.page.text
    with pytest.raises(InputError, match="nothing changed since"):
        workspace.publishing.publish(doc, by="robert", correction="again")


def test_publishing_needs_the_sign_offs_and_a_role_that_puts_articles_out(workspace):
    doc = workspace.files.import_document(KOREAN, EDITED, tags=TAGS, by="david").document.id
    sign_as_translator(workspace, doc)
    with pytest.raises(InputError, match="cannot be published: no editor has signed off"):
        workspace.publishing.publish(doc, by="robert")
    with pytest.raises(PermissionDenied, match="cannot publish articles"):
        workspace.publishing.publish(doc, by="david")
    for segment in workspace.documents.segments(doc):
        workspace.review.approve(doc, segment.index, by="robert")
    workspace.review.sign_off(doc, "editor", by="robert")
    with pytest.raises(InputError, match="has not been published yet"):
        workspace.publishing.publish(doc, by="robert", correction="nothing to correct")
    assert workspace._store.publications.publications(doc) == []
    workspace.users.add("dana", ["desk"], display_name="Dana Desk", by="admin")
    assert workspace.publishing.publish(doc, by="dana").publication.display_name == "Dana Desk"


def test_publications_are_append_only(workspace):
    doc = published_sample(workspace)
    workspace.publishing.publish(doc, by="robert")
    with pytest.raises(raw_db.IntegrityError, match="append-only"):
        with workspace._store.write():
            workspace._store._engine.execute("UPDATE publications SET correction = 'x'")
    assert json.loads(workspace._store._engine.execute("SELECT revisions FROM publications").fetchone()[0])


def test_the_documents_screen_marks_a_published_document(workspace):
    from tui.screens.documents import _row

    doc = published_sample(workspace)
    before = next(s for s in workspace.documents.all() if s.id == doc)
    workspace.publishing.publish(doc, by="robert")
    after = next(s for s in workspace.documents.all() if s.id == doc)
    assert "published" not in _row(before)[2].plain
    assert _row(after)[2].plain.endswith("  published")


def test_a_page_that_could_not_be_delivered_is_not_recorded_as_published(workspace):
    doc = published_sample(workspace)

    def unwritable(page: str) -> None:
        raise InputError("article.html", "cannot write it (Permission denied)")

    with pytest.raises(InputError, match="Permission denied"):
        workspace.publishing.publish(doc, by="robert", deliver=unwritable)
    assert workspace._store.publications.publications(doc) == []
    assert not [e for e in workspace.audit.log(doc) if e["action"] == "document.publish"]
    assert workspace.publishing.status(doc).latest is None


def test_the_document_is_published_while_the_text_that_went_out_stands(workspace):
    from workflow.models import DocumentState

    doc = published_sample(workspace)
    assert workspace.review.state(doc) is DocumentState.APPROVED
    workspace.publishing.publish(doc, by="robert")
    assert workspace.review.state(doc) is DocumentState.PUBLISHED
    # The editor's own correction keeps the sign-off, but the text is no longer what went out.
    segment = workspace.documents.segments(doc)[2]
    workspace.editing.save_and_approve(doc, segment.index, segment.target + " Corrected.", by="robert")
    assert workspace.review.state(doc) is not DocumentState.PUBLISHED
