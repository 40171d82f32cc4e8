"""A separate process that saves segments through the Workspace, for the stress and crash tests.

    python tests/writer_process.py stress DB DOC USER SEED SAVES SEGMENTS
        Opens the workspace, prints {"kind": "ready"} and waits for a line on stdin, so that all
        writers start saving together however long each took to start. Then reads a segment, waits
        a moment, replaces one word (a fresh one) and saves based on the revision it read; now and
        then instead bases the save on what an earlier save of that segment started from (an editor
        left open in another window: stale for certain, whatever the scheduling), and now and then
        resolves a conflict it finds. Prints one JSON line per step.
    python tests/writer_process.py crash DB DOC USER
        Saves in a loop until killed; after each save returns prints "REVISION_ID TEXT" and flushes,
        so every line printed is a save the writer was told is done.

Errors are printed as a JSON line (stress) and never end the loop, so the test sees every one.
"""

from __future__ import annotations

import json
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflow.errors import TandemError  # noqa: E402
from workflow.workspace import Workspace  # noqa: E402


# The share of saves based on an earlier snapshot: enough that every run merges and conflicts even
# if the scheduler never lets two writers overlap, few enough that most staleness is real overlap.
HELD_SHARE = 0.1


def stress(db: str, document_id: int, user: str, seed: int, saves: int, segments: int) -> None:
    rng = random.Random(seed)
    held: dict[int, tuple[int, str]] = {}  # segment -> (revision, text) an earlier save started from
    with Workspace.open(db, create=False) as ws:
        ws.documents.segments(document_id)  # the first read pays for the schema check: before the start line
        _say(kind="ready")
        sys.stdin.readline()
        for n in range(saves):
            index = rng.randint(1, segments)
            try:
                segment = ws.documents.segments(document_id)[index - 1]
                if segment.conflict and rng.random() < 0.3:
                    try:
                        result = ws.editing.resolve_conflict(document_id, index, segment.target, by=user)
                    except TandemError as exc:  # someone resolved it first: a plain refusal
                        _say(kind="resolve_refused", n=n, index=index, error=str(exc))
                    else:
                        _say(kind="resolve", n=n, index=index, revision=result.revision_id,
                             conflict_after=result.segment.conflict)
                    continue
                old = index in held and rng.random() < HELD_SHARE
                base, base_text = held.pop(index) if old else (segment.revision_id, segment.target)
                words = base_text.split(" ")
                at = rng.randrange(len(words))
                words[at] = f"{user}n{n}"
                time.sleep(rng.uniform(0, 0.004))  # typing: others save meanwhile
                text = " ".join(words)
                result = ws.editing.save(document_id, index, text, by=user, based_on=base)
                if not old:
                    held[index] = (base, base_text)  # this save makes it outdated, whatever its outcome
                _say(kind="save", n=n, index=index, at=at, base=base, base_text=base_text, held=old,
                     text=text, revision=result.revision_id, merged=result.merged, conflict=result.conflict,
                     stale=result.stale, current=result.segment.revision_id, target=result.segment.target)
            except Exception as exc:  # the test counts these: there must be none
                _say(kind="error", n=n, error=f"{type(exc).__name__}: {exc}", trace=traceback.format_exc())
            time.sleep(rng.uniform(0, 0.002))


def crash(db: str, document_id: int, user: str) -> None:
    with Workspace.open(db, create=False) as ws:
        count = len(ws.documents.segments(document_id))
        print("READY", flush=True)
        n = 0
        while True:
            n += 1
            text = f"{user} save {n} at {time.time():.6f}"
            result = ws.editing.save(document_id, n % count + 1, text, by=user)
            print(f"{result.revision_id} {text}", flush=True)


def _say(**fields) -> None:
    print(json.dumps(fields, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    mode, db, doc, user, *rest = sys.argv[1:]
    if mode == "stress":
        stress(db, int(doc), user, int(rest[0]), int(rest[1]), int(rest[2]))
    else:
        crash(db, int(doc), user)
