"""Panels beside the segment in hand: glossary hits, check findings, comments and TM matches.

Each is an OptionList (it scrolls and wraps long lines by cells), so a finding or a term can be
picked with the keyboard or the mouse; the screen decides what picking does.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from textual.content import Content
from textual.widgets import OptionList

from glossaries.index import TermUse
from workflow.models import DELETE, INSERT, FindingView, Severity, TmMatch
from workflow.i18n import N_, _

SEVERITY_MARKS = {Severity.ERROR: ("E", "bold $text-error"), Severity.WARNING: ("W", "bold $text-warning"),
                  Severity.INFO: ("i", "$text-muted")}


class Panel(OptionList):
    TITLE = ""
    EMPTY = ""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="panel")
        self.border_title = _(self.TITLE)

    def _fill(self, prompts: list[Content], title: str) -> None:
        keep = self.highlighted
        self.set_options(prompts or [Content.styled(_(self.EMPTY), "$text-muted")])
        self.border_title = title
        if prompts and keep is not None:
            self.highlighted = min(keep, len(prompts) - 1)


TERM_CHECKS = ("term.missing", "term.forbidden")


def dismissed_terms(views: Sequence[FindingView]) -> dict[int, str]:
    """Term id -> who dismissed it, for terms whose missing/forbidden findings are all dismissed."""
    dismissed: dict[int, str] = {}
    still_open: set[int] = set()
    for view in views:
        term = view.finding.term
        if view.finding.check not in TERM_CHECKS or term is None or term.id is None:
            continue
        if view.dismissal is None:
            still_open.add(term.id)
        else:
            dismissed.setdefault(term.id, view.dismissal.user)
    return {term: user for term, user in dismissed.items() if term not in still_open}


def _term_key(use: TermUse) -> object:
    return use.term.id if use.term.id is not None else (use.term.ko, use.term.en)


class GlossaryPanel(Panel):
    TITLE = N_("Glossary")
    EMPTY = N_("no glossary terms in this Korean")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.uses: list[TermUse] = []  # one per term, as listed (the first time the Korean has it)
        self.counts: list[int] = []  # how often the Korean has each
        self.dismissed: dict[int, str] = {}
        self.judged = True

    def show(self, uses: Sequence[TermUse], dismissed_terms: Mapping[int, str] | Collection[int] = (), *,
             judged: bool = True) -> None:
        """dismissed_terms: ids of terms whose finding was dismissed (with who did it, if a mapping;
        dismissed_terms() gives it): they are not counted to fix. judged=False: the segment is not
        Tandem's to check (locked), so its terms are listed for reference only."""
        firsts: dict[object, int] = {}
        self.uses, self.counts = [], []
        for use in uses:
            key = _term_key(use)
            if key in firsts:
                self.counts[firsts[key]] += 1
            else:
                firsts[key] = len(self.uses)
                self.uses.append(use)
                self.counts.append(1)
        self.dismissed = (dict(dismissed_terms) if isinstance(dismissed_terms, Mapping)
                          else dict.fromkeys(dismissed_terms, ""))
        self.judged = judged
        missing = sum(1 for u in self.uses if self.to_fix(u))
        title = (_("Glossary · {count} to fix").format(count=missing) if missing
                 else f"{_(self.TITLE)} · {len(self.uses)}")
        self._fill([_use_prompt(u, n, self._dismissal(u), judged) for u, n in zip(self.uses, self.counts)], title)

    def _dismissal(self, use: TermUse) -> str | None:
        if use.term.id is None or use.term.id not in self.dismissed:
            return None
        return self.dismissed[use.term.id]

    def to_fix(self, use: TermUse) -> bool:
        return self.judged and (use.forbidden or not use.satisfied) and self._dismissal(use) is None

    def chosen(self) -> TermUse | None:
        """The highlighted term, else the first one the draft does not yet render right."""
        if self.uses and self.highlighted is not None and self.highlighted < len(self.uses):
            return self.uses[self.highlighted]
        return next((u for u in self.uses if self.to_fix(u)), self.uses[0] if self.uses else None)


def _use_prompt(use: TermUse, count: int = 1, dismissed_by: str | None = None, judged: bool = True) -> Content:
    term = use.term
    head = Content.assemble((use.hit.text, "bold"), " → ", (term.en, "bold"))
    if count > 1:
        head += Content.styled(f"  ×{count}", "$text-muted")
    wrong = bool(use.forbidden) or not use.satisfied
    if not judged:
        state = Content.styled("– " + _("not checked: the segment is locked"), "$text-muted")
    elif wrong and dismissed_by is not None:
        state = Content.styled("– " + (_("dismissed by {user}").format(user=dismissed_by) if dismissed_by
                                       else _("dismissed")), "$text-muted")
    elif use.forbidden:
        forbidden = ", ".join(dict.fromkeys(h.text for h in use.forbidden))
        state = Content.styled("✗ " + _("forbidden here: {forms}").format(forms=forbidden), "$text-error")
    elif use.satisfied:
        state = Content.styled("✓ " + _("in the English"), "$text-success")
    else:
        state = Content.styled("✗ " + _("not in the English"), "$text-warning")
    lines = [head, Content("  ") + state]
    if use.hit.explain() != _("{text} for {english}").format(text=use.hit.text, english=term.en):
        lines.append(Content.styled(f"  {use.hit.explain()}", "$text-muted"))
    return Content("\n").join(lines)


class FindingsPanel(Panel):
    TITLE = N_("Findings")
    EMPTY = N_("no findings")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.views: list[FindingView] = []  # the open findings, one per option, as listed
        self.dismissed: list[FindingView] = []  # not listed, not counted
        self.dismissed_terms: dict[int, str] = {}

    def show(self, views: Sequence[FindingView]) -> None:
        """All the segment's findings may be given: dismissed ones are left out of the list and the
        count (their terms are kept in dismissed_terms for the glossary panel)."""
        self.dismissed_terms = dismissed_terms(views)
        self.dismissed = [v for v in views if not v.open]
        shown: dict[tuple[object, ...], FindingView] = {}
        for view in views:
            finding = view.finding
            if view.open:  # the same line twice says nothing more
                key = (finding.check, finding.message, finding.target_span, finding.term and finding.term.id)
                shown.setdefault(key, view)
        self.views = list(shown.values())
        # The list's marks (E2 W1): open errors and warnings.
        opened = [v.finding.severity for v in self.views]
        marks = [f"{m}{opened.count(s)}" for s, (m, _) in SEVERITY_MARKS.items() if opened.count(s)]
        title = f"{_(self.TITLE)} · " + " ".join(marks) if marks else _(self.TITLE)
        self._fill([_finding_prompt(v) for v in self.views], title)

    def chosen(self) -> FindingView | None:
        """The highlighted finding, else the first (errors come first)."""
        if self.views and self.highlighted is not None and self.highlighted < len(self.views):
            return self.views[self.highlighted]
        return self.views[0] if self.views else None


def _finding_prompt(view: FindingView) -> Content:
    finding = view.finding
    mark, style = SEVERITY_MARKS[finding.severity]
    return Content.assemble((mark, style), " ", finding.message, (f"  {finding.check}", "$text-muted"))


class TmPanel(Panel):
    """Translation-memory matches for the Korean in hand; shown only when the memory has some."""

    TITLE = N_("TM")
    EMPTY = N_("no translation memory matches")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.matches: list[TmMatch] = []

    def show(self, matches: Sequence[TmMatch]) -> None:
        self.matches = list(matches)
        best = " · " + _("best {score}%").format(score=f"{self.matches[0].score:.0f}") if self.matches else ""
        self._fill([_match_prompt(m) for m in self.matches],
                   f"{_(self.TITLE)} · {len(self.matches)}{best} · " + _("ctrl+t inserts"))
        self.display = bool(self.matches)

    def chosen(self) -> TmMatch | None:
        """The highlighted match, else the best."""
        if self.matches and self.highlighted is not None and self.highlighted < len(self.matches):
            return self.matches[self.highlighted]
        return self.matches[0] if self.matches else None


def _match_prompt(match: TmMatch) -> Content:
    head = Content.assemble((f"{match.score:.0f}%", "bold"), " ", match.unit.target)
    # The same [- -] {+ +} markers as the diff view, so the change reads without colour.
    parts = [Content("  ")]
    for op, chunk in match.diff:
        if op == DELETE:
            parts.append(Content.styled(f"[-{chunk}-]", "strike $text-error"))
        elif op == INSERT:
            parts.append(Content.styled(f"{{+{chunk}+}}", "bold underline $text-success"))
        else:
            parts.append(Content.styled(chunk, "$text-muted"))
    return Content("\n").join([head, Content("").join(parts)])
