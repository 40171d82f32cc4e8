"""The domain's values: what the use cases return and the interfaces show.

The CLI and the TUI import from workflow only this package, the facade (workflow.workspace), the
errors and the locale (i18n, names); tests/test_static_checks.py holds them to it. Each submodule is
named for what it holds; the values' own operations (a thread's state, which base a diff starts
from, what an edit voids) live with them, so a screen derives nothing.
"""

from importlib import import_module
from typing import Any

from workflow.models.core import (
    EMPTY_BASE,
    STATE_ORDER,
    Comment,
    Conflict,
    Dismissal,
    Document,
    DocumentState,
    DocumentSummary,
    Revision,
    Role,
    SaveResult,
    Segment,
    SegmentKind,
    SegmentReport,
    SegmentState,
    SignOff,
    TermImpact,
    TermOccurrence,
    TermRevision,
    User,
    base_of,
)
from workflow.models.diff_bases import Bases, DiffBase, Measured, base_name, measure, next_base, segment_bases
from workflow.models.findings import SEVERITY_ORDER, Counts, Finding, FindingView, Severity, open_counts, open_findings
from workflow.models.home import Home, Start, Waiting
from workflow.models.insertion import Choice, Edit
from workflow.models.permissions import (
    CLOSE, COMMENT, DISMISS, EDIT, IMPORT, MAINTAIN, MARK, NOBODY, PROPOSE, REPLY, REVIEW, Permissions)
from workflow.models.memory import DOCUMENT, TM, ConcordanceHit, Span, TmMatch, TmUnit
from workflow.models.readiness import (
    CONFLICTED,
    ERRORS,
    NO_TRANSLATOR,
    OPEN_QUERIES,
    TRANSLATOR_VOID,
    UNFINISHED,
    Readiness,
)
from workflow.models.comment_threads import (
    ANSWERED,
    CLOSED,
    OPEN,
    THREAD_STATES,
    Thread,
    counts_as_open,
    default_kind,
    open_queries,
    threads,
)
from workflow.models.voids import EditGuard, Voids, approvers, edit_voids
from workflow.models.pairing import (
    Move, Operation, PairRow, Plan, Repaired, describe_voids, plan, sentence_starts)

# Pure operations on texts that an interface runs on its own thread, key by key (a diff drawn, typing
# merged with someone's save, a glossary rendering fitted at the cursor): defined with their
# algorithms, offered here so no interface reaches into workflow's modules for them. Looked up on
# first use (PEP 562): their modules import this package, so importing them here would be a cycle.
_OPERATIONS = {
    "DELETE": "workflow.diffs", "INSERT": "workflow.diffs", "word_diff": "workflow.diffs",
    "TOKEN": "workflow.interchange.model", "tokens": "workflow.interchange.model",
    "merge3": "workflow.merge", "shown": "workflow.pairing_notes", "waits_for": "workflow.states",
    "choices": "workflow.term_insertion", "choices_for": "workflow.term_insertion",
    "edit_for": "workflow.term_insertion", "inflected_like": "workflow.term_insertion",
    "LOCKED": "workflow.states", "is_work": "workflow.states", "untranslated": "workflow.states",
    "locked_refusal": "workflow.states", "limited_length": "workflow.checks.length",
}


def __getattr__(name: str) -> Any:
    module = _OPERATIONS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = [
    "CLOSE", "COMMENT", "DISMISS", "EDIT", "IMPORT", "MAINTAIN", "MARK", "NOBODY", "PROPOSE", "REPLY", "REVIEW",
    "ANSWERED", "CLOSED", "CONFLICTED", "DELETE", "DOCUMENT", "EMPTY_BASE", "ERRORS", "INSERT", "NO_TRANSLATOR",
    "OPEN", "OPEN_QUERIES", "SEVERITY_ORDER", "STATE_ORDER", "THREAD_STATES", "TM", "TOKEN", "TRANSLATOR_VOID",
    "UNFINISHED", "Bases", "Choice", "Comment", "ConcordanceHit", "Conflict", "Counts", "DiffBase", "Dismissal",
    "Document", "DocumentState", "DocumentSummary", "Edit", "EditGuard", "Finding", "FindingView", "Home",
    "Measured", "Permissions", "Readiness", "Revision", "Role", "SaveResult", "Segment", "SegmentKind", "SegmentReport",
    "SegmentState", "Severity", "SignOff", "Span", "Start", "TermImpact", "TermOccurrence", "TermRevision",
    "Thread", "TmMatch", "TmUnit", "User", "Voids", "Waiting", "approvers", "base_name", "base_of", "choices",
    "choices_for", "counts_as_open", "default_kind", "edit_for", "edit_voids", "inflected_like", "measure",
    "merge3", "next_base", "open_counts", "open_findings", "open_queries", "segment_bases", "shown", "threads",
    "tokens", "waits_for", "word_diff", "LOCKED", "is_work", "untranslated", "locked_refusal", "limited_length",
    "Move", "Operation", "PairRow", "Plan", "Repaired", "describe_voids", "plan", "sentence_starts",
]
