"""The Korean morphology model's decisions, made where Korean or the glossary changes and stored in
the workspace, so that a session that only reads them (the editor, review, the glossary screen)
never loads the model (issue 15 §3, DESIGN §10).

The matcher asks two kinds of question (glossaries.morphology.Question): is a term found inside a
Korean word a word of that compound, and is a short term right after a closing quote a noun. Each
answer depends only on the Korean it names (the word, or the sentence around the term) and on the
rules' version, never on the document or the glossary, so one stored row answers it in every
segment, document and process. What the glossary decides is only *which* questions get asked: a new
term brings candidates of its own.

Where decisions are made:
- an import (articles, XLIFF, TMX) decides its Korean before anything is stored, so every reader
  finds them; an article's pairing, which matches the glossary too, is planned with them;
- a glossary change decides, once it is committed, the Korean that holds any form of the terms it
  changed (a prefilter finds those texts; only they are matched);
- `python -m workflow.word_decisions DB` sweeps a whole workspace (made before decisions were
  stored, or under another DECISIONS_VERSION), and marks it swept.

Who may load the model: any process, unless it said `keep_model_out()` (the TUI does, for the
whole life of its app). Such a process gets the answers it lacks from a helper process (this
module's `main`, run with `--questions`): synchronously where the work is an import or a glossary
change (on a worker thread, behind a progress bar), so it stores exactly what a command-line import
would; and, for a question met while reading, in the background (`Background`), answering "no"
meanwhile (the candidate is not taken as a term, as if morphology were not asked) and moving
`generation` once the answer lands, so cached findings are made again. A process that may load the
model answers a missing question itself, and stores the answer at the next `flush`, never inside
someone's transaction.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from glossaries import morphology
from glossaries.korean import FormFilter
from glossaries.model import Term, TermStatus
from glossaries.morphology import DECISIONS_VERSION as VERSION
from glossaries.morphology import Question
from workflow.clock import now
from workflow.i18n import _, format_number
from workflow.paths import Location, WorkspaceLocation
from workflow.storage import Storage

if TYPE_CHECKING:
    from glossaries.index import GlossaryIndex
    from workflow.glossary import Glossary

T = TypeVar("T")
_ANSWERS_KEPT = 200_000  # answers cached per workspace (a few hundred bytes each)
_FILES_KEPT = 16  # workspaces (files or databases) whose answers a process keeps
_ROUNDS = 4  # helper runs per piece of work: a "yes" can let the matcher ask about a later candidate
_IMPACTS = 8  # unapproved terms of one change whose impact is decided with it
_FLUSH_EVERY = 2000  # texts swept between writes of what was decided


# who may load the model ---------------------------------------------------------------------------

_model_allowed = True


def keep_model_out() -> None:
    """From now on this process never loads the morphology model: a missing decision is asked of a
    helper process (see the module's docstring)."""
    global _model_allowed
    _model_allowed = False


def allow_model() -> None:
    """Undo keep_model_out (an app that ran inside a longer-lived process, such as a test run)."""
    global _model_allowed
    _model_allowed = True


def model_allowed() -> bool:
    return _model_allowed


_scope = threading.local()  # .asked: the set a settle() on this thread collects missing questions in


@contextmanager
def _collecting() -> Iterator[set[Question]]:
    outer = getattr(_scope, "asked", None)
    asked: set[Question] = set()
    _scope.asked = asked
    try:
        yield asked
    finally:
        _scope.asked = outer


# the answers of one workspace file, shared by every Workspace on it in this process ----------------


class SharedDecisions:
    """Answers cached for one workspace file, the questions found missing, and what this process
    decided but has not stored yet. Thread-safe; the database is read through the caller's Storage."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answers: dict[Question, bool] = {}
        self._pending: dict[Question, bool] = {}
        self._missing: set[Question] = set()
        self._mark: int | None = None  # the store's mark when the missing questions were last looked up
        self.generation = 0  # moves when an answer this process lacked (and guessed "no") arrives
        self.on_missing: Callable[[], None] | None = None  # told of each question missing outside settle()

    def decide(self, store: Storage, question: Question) -> bool:
        answer = self._answers.get(question)
        if answer is not None:
            return answer
        stored = store.word_decisions.word_decision(*question, VERSION)
        if stored is not None:
            self._remember(question, stored)
            return stored
        if _model_allowed:
            answer = morphology.decide(*question)
            with self._lock:
                self._pending[question] = answer
            self._remember(question, answer)
            return answer
        asked = getattr(_scope, "asked", None)
        if asked is not None:
            asked.add(question)
            return False
        self.note_missing([question])
        return False

    def note_missing(self, questions: Iterable[Question]) -> None:
        """Questions answered "no" for want of a decision: looked up again at each recheck, and
        told to `on_missing` (the background helper) when new."""
        with self._lock:
            new = set(questions) - self._missing
            self._missing |= new
            self._mark = None  # look them up again at the next recheck, whatever the mark says
        if new and self.on_missing is not None:
            self.on_missing()

    def _remember(self, question: Question, answer: bool) -> None:
        with self._lock:
            if len(self._answers) >= _ANSWERS_KEPT:
                self._answers.clear()
            self._answers[question] = answer

    def missing(self) -> set[Question]:
        with self._lock:
            return set(self._missing)

    def pending(self) -> int:
        return len(self._pending)

    def flush(self, store: Storage) -> int:
        """Store what this process decided; nothing while the caller's connection is inside a
        transaction (a write would nest): the next flush takes it."""
        if not self._pending or store.transactions.in_transaction():
            return 0
        with self._lock:
            taken = dict(self._pending)
        with store.write():
            store.word_decisions.add_word_decisions(((*q, a) for q, a in taken.items()), VERSION)
        with self._lock:
            for question in taken:
                self._pending.pop(question, None)
        return len(taken)

    def recheck(self, store: Storage) -> int:
        """Look the missing questions up again once anyone has stored decisions since; move
        `generation` when some are answered now. Returns the generation."""
        if not self._missing:
            return self.generation
        mark = store.word_decisions.word_decisions_mark()
        if mark == self._mark:
            return self.generation
        found = {}
        for question in self.missing():
            answer = store.word_decisions.word_decision(*question, VERSION)
            if answer is not None:
                found[question] = answer
        with self._lock:
            self._mark = mark
            for question, answer in found.items():
                self._missing.discard(question)
                self._answers[question] = answer
            if found:
                self.generation += 1
        return self.generation


_shared: OrderedDict[str, SharedDecisions] = OrderedDict()
_shared_lock = threading.Lock()


def shared_for(location: WorkspaceLocation) -> SharedDecisions:
    key = location.identity()
    with _shared_lock:
        shared = _shared.get(key)
        if shared is None:
            shared = _shared[key] = SharedDecisions()
            while len(_shared) > _FILES_KEPT:
                _shared.popitem(last=False)
        _shared.move_to_end(key)
        return shared


class StoredDecider:
    """The Decider a Workspace's glossary index asks: the shared answers, read through its Storage."""

    def __init__(self, shared: SharedDecisions, store: Storage) -> None:
        self._shared, self._store = shared, store

    def decide(self, kind: str, context: str, start: int, end: int) -> bool:
        return self._shared.decide(self._store, (kind, context, start, end))


# the use case: ws.glossary.morphology ------------------------------------------------------------


class WordDecisions:
    """Making and reading the decisions of one Workspace (owned by its Glossary)."""

    def __init__(self, store: Storage, glossary: Glossary, location: WorkspaceLocation) -> None:
        self._store = store
        self._glossary = glossary
        self._location = location  # where the helper finds the workspace
        self.shared = shared_for(location)
        self.decider = StoredDecider(self.shared, store)

    def generation(self) -> int:
        """Moves when answers this process had to guess arrive: findings made before are stale."""
        return self.shared.recheck(self._store)

    def flush(self) -> None:
        self.shared.flush(self._store)

    def settle(self, work: Callable[[], T]) -> T:
        """work(), with every morphology question it asks decided and stored: by the model here, or
        by the helper, then work() again (its answers may ask more) until nothing is missing."""
        if _model_allowed:
            result = work()
            self.flush()
            return result
        answered: set[Question] = set()
        for round_ in range(1, _ROUNDS + 1):
            with _collecting() as asked:
                result = work()
            if not asked:
                return result
            if round_ == _ROUNDS or not asked - answered or not ask_helper(self._location, asked):
                break
            answered |= asked
        # The helper could not answer (or more questions came of its answers than rounds allow): the
        # result stands on "no" for those, and the background helper, where there is one, tries again.
        self.shared.note_missing(asked)
        return result

    def decide_texts(self, texts: Iterable[str]) -> None:
        """Decide what the approved glossary asks of these Korean texts (an import's, before it is stored)."""
        texts = [t for t in texts if t]
        if texts:
            index = self._glossary.index()
            self.settle(lambda: [index.find_korean(text) for text in texts])

    def after_change(self, terms: Iterable[Term]) -> None:
        """After terms changed (each given as it was and as it is now): decide the Korean stored in
        the workspace that holds any of their forms, for the approved glossary and, for a few terms
        that are not approved, for their impact (their matches among the approved terms). A bulk
        import of unapproved terms leaves their impact's questions to be decided when first asked."""
        terms = list(terms)
        holds = FormFilter(form for term in terms for form in term.korean_forms)
        texts = list(dict.fromkeys(text for text in self._store.word_decisions.korean_texts() if holds(text)))
        if not texts:
            return
        indexes = [self._glossary.index()]
        changed = {t.id for t in terms if t.id is not None}
        unapproved = [t for t in self._glossary.terms() if t.id in changed and t.status is not TermStatus.APPROVED]
        if len(unapproved) <= _IMPACTS:
            indexes += [self._glossary.impact_index(term) for term in unapproved]
        self.settle(lambda: [index.find_korean(text) for index in indexes for text in texts])

    def complete(self) -> bool:
        """Whether every Korean text here has its decisions (see is_complete)."""
        return is_complete(self._store)

    def answer(self, questions: Iterable[Question]) -> int:
        """Decide the questions with the model here and store them (the helper's work); how many."""
        decided = [(kind, context, start, end, morphology.decide(kind, context, start, end))
                   for kind, context, start, end in questions]
        with self._store.write():
            self._store.word_decisions.add_word_decisions(decided, VERSION)
        return len(decided)

    def sweep(self, progress: Callable[[int], None] | None = None) -> int:
        """Decide every Korean text of the workspace for the approved glossary, then mark it swept.
        Needs the model (the helper runs this); returns the decisions stored."""
        index: GlossaryIndex = self._glossary.index()
        stored = 0
        for count, text in enumerate(self._store.word_decisions.korean_texts(), start=1):
            index.find_korean(text)
            if count % _FLUSH_EVERY == 0:
                stored += self.shared.flush(self._store)
                if progress is not None:
                    progress(count)
        stored += self.shared.flush(self._store)
        with self._store.write():
            self._store.word_decisions.mark_word_decisions_swept(VERSION, now())
        return stored


# the helper process -------------------------------------------------------------------------------


# Where `workflow` is importable from, whatever the session's working directory (a checkout run
# without being installed): the helper runs there, given the workspace's absolute path or its URL
# (whose password, if any, comes from libpq's files or the environment the helper inherits).
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def helper_command(location: Location, *options: str) -> list[str]:
    return [sys.executable, "-m", "workflow.word_decisions", WorkspaceLocation.of(location).argument, *options]


def ask_helper(location: Location, questions: Iterable[Question]) -> bool:
    """Have a helper process decide and store these questions; True when it did."""
    payload = json.dumps(sorted(questions), ensure_ascii=False)
    try:
        done = subprocess.run(helper_command(location, "--questions"), input=payload, text=True, encoding="utf-8",
                              capture_output=True, check=False, cwd=_PACKAGE_ROOT)
    except OSError:
        return False
    return done.returncode == 0


def is_complete(store: Storage) -> bool:
    """Whether a sweep under this version covered the workspace, or it holds no Korean yet (which
    is then marked swept, so imports and glossary changes keep it complete from there)."""
    if store.word_decisions.word_decisions_swept(VERSION):
        return True
    if store.word_decisions.holds_korean():
        return False
    with store.write():
        if not store.word_decisions.holds_korean():
            store.word_decisions.mark_word_decisions_swept(VERSION, now())
    return store.word_decisions.word_decisions_swept(VERSION)


class Background:
    """For an interactive process that keeps the model out: a thread that runs the helper, one run
    at a time, first to sweep a workspace not swept under this version, then for the questions this
    process found missing while reading. Each question goes to the helper once."""

    def __init__(self, location: Location) -> None:
        self.location = WorkspaceLocation.of(location)
        self.shared = shared_for(self.location)
        self._wake = threading.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen | None = None
        self._asked: set[Question] = set()
        self.runs: list[str] = []  # what each helper run was for ("sweep", "questions"), in order
        self.idle = threading.Event()  # set while nothing is running or waiting

    def start(self) -> None:
        self.shared.on_missing = self._wake.set
        self._thread = threading.Thread(target=self._run, name="tandem-word-decisions", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._wake.set()
        if self.shared.on_missing == self._wake.set:
            self.shared.on_missing = None
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()

    def _run(self) -> None:
        try:
            store = Storage.open(self.location.target)
        except Exception:  # noqa: BLE001 - the app says what is wrong with the file in its own words
            return
        try:
            if not is_complete(store):
                self._helper("sweep", helper_command(self.location), None)
                self.shared.recheck(store)
            while not self._stopped.is_set():
                self.idle.set()
                self._wake.wait()
                self._wake.clear()
                if self._stopped.is_set():
                    break
                self.idle.clear()
                self.shared.recheck(store)
                questions = self.shared.missing() - self._asked
                if questions:
                    self._asked |= questions
                    self._helper("questions", helper_command(self.location, "--questions"),
                                 json.dumps(sorted(questions), ensure_ascii=False))
                    self.shared.recheck(store)
        except Exception:  # noqa: BLE001 - guesses stay guesses; nothing is lost
            pass
        finally:
            self.idle.set()
            store.close()

    def _helper(self, what: str, command: list[str], payload: str | None) -> None:
        if self._stopped.is_set():
            return
        self.idle.clear()
        self.runs.append(what)
        try:
            self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
                                             cwd=_PACKAGE_ROOT)
        except OSError:
            return
        try:
            self._process.communicate(payload)
        finally:
            self._process = None


def main(argv: list[str] | None = None) -> int:
    """`python -m workflow.word_decisions DB`: sweep the workspace. With `--questions`: decide the
    questions given on stdin as a JSON list of [kind, context, start, end] and store them."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m workflow.word_decisions WORKSPACE [--questions]", file=sys.stderr)
        return 2
    allow_model()  # the helper is where the model is loaded
    from workflow.workspace import Workspace

    location = WorkspaceLocation.of(args[0])
    with Workspace.open(location, create=False) as ws:
        if "--questions" in args[1:]:
            questions = [(str(k), str(c), int(s), int(e)) for k, c, s, e in json.loads(sys.stdin.read() or "[]")]
            ws.glossary.morphology.answer(questions)
            return 0
        stored = ws.glossary.morphology.sweep()
    print(_("{path}: every Korean text decided; {count} decisions stored").format(
        path=location.display, count=format_number(stored)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
