"""Keys in the order they were typed, across a screen's bindings and the widget that has the focus.

The app hands each key to the focused widget's own queue, and a key the widget does not use bubbles
up to the app, which only then runs the bindings (the widget's own, its screen's). In a burst (keys
typed while the app was busy) the widget therefore takes the next keys before the binding of the
one before them has run: ctrl+g, 6, Enter typed the 6 into the English of the segment open before
the Go-to dialog, and ctrl+end a b c typed "abc" before the cursor moved. A widget that calls
`in_turn` first runs a key's binding at once, from its own queue, and passes on any key that
arrives after the focus has left it.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.screen import ModalScreen
from textual.widget import Widget

WAIT_FRAMES = 30  # a dialog focuses its field within a frame or two; past this the keys go anyway


async def in_turn(widget: Widget, event: events.Key) -> bool:
    """True when the key was dealt with: the caller must not act on it."""
    if widget.app.screen is not widget.screen or not widget.has_focus:
        # Typed after a key that opened a dialog or moved the focus: it follows the focus.
        event.stop()
        event.prevent_default()
        _pass_on(widget.app, events.Key(event.key, event.character))
        return True
    # The bindings this key would reach by bubbling (the widget's own, its screen's, the app's),
    # run now, from this widget's queue, as the app would run them once the key reached it.
    if await widget.app._check_bindings(event.key):
        event.stop()
        event.prevent_default()
        return True
    return False


def hold_for_focus(app: App, event: events.Event) -> bool:
    """For the app's own key handling: True when the key was held because the screen on top (a
    dialog just pushed) has no focused widget yet; it is handed on, in order, once it has one.
    Without this the app gives such a key to the screen itself, which drops it (the 6 of
    ctrl+g 6 Enter typed while the dialog was mounting)."""
    if not isinstance(event, events.Key) or event.is_forwarded or getattr(event, "passed_on", False):
        return False
    waiting = bool(getattr(app, "_keys_passed_on", None))  # keys held already: this one queues behind
    if not waiting and (app.focused is not None or not isinstance(app.screen, ModalScreen)):
        return False
    _pass_on(app, events.Key(event.key, event.character))
    return True


def _pass_on(app: App, key: events.Key) -> None:
    """Hand the key back to the app once the screen it now goes to has a focused widget (a dialog
    just pushed has none for a frame), keeping the order of every key passed on meanwhile."""
    held: list[events.Key] | None = getattr(app, "_keys_passed_on", None)
    if held is None:
        held = app._keys_passed_on = []  # type: ignore[attr-defined]
    held.append(key)
    if len(held) == 1:
        _release(app, WAIT_FRAMES)


def _release(app: App, frames: int) -> None:
    held: list[events.Key] = app._keys_passed_on  # type: ignore[attr-defined]
    if app.screen.focused is None and frames > 0:
        app.call_after_refresh(_release, app, frames - 1)
        return
    for key in held:
        key.passed_on = True  # type: ignore[attr-defined]  # handed on once: never held again
        app.post_message(key)
    held.clear()
