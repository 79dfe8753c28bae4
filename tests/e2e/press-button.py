#!/usr/bin/python3
"""Presses a button of a dialog of the desktop through the accessibility bus (AT-SPI), as a
screen reader user would: the system's own dialogs are not in the web page, so WebDriver cannot
reach them. Usage: press-button.py <part of the dialog's words> <the button's name> [shot.png]
Waits up to 20 s for them; with a third argument, the screen is saved first (ImageMagick)."""

import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402


def find(node, wanted, depth=0):
    """The first node under `node` (itself included) for which `wanted` holds."""
    if node is None or depth > 15:
        return None
    try:
        if wanted(node):
            return node
        for index in range(node.get_child_count()):
            found = find(node.get_child_at_index(index), wanted, depth + 1)
            if found is not None:
                return found
    except gi.repository.GLib.Error:
        return None
    return None


def main():
    title, label = sys.argv[1], sys.argv[2]
    shot = sys.argv[3] if len(sys.argv) > 3 else None
    deadline = time.time() + 20
    while time.time() < deadline:
        desktop = Atspi.get_desktop(0)
        for index in range(desktop.get_child_count()):
            # A dialog is named by its kind ("Warning"); its title is its first label.
            window = find(
                desktop.get_child_at_index(index),
                lambda n: n.get_role() in (Atspi.Role.DIALOG, Atspi.Role.ALERT)
                and (
                    title in (n.get_name() or "")
                    or find(n, lambda m: title in (m.get_name() or "")) is not None
                ),
            )
            button = window and find(
                window,
                lambda n: n.get_role() == Atspi.Role.PUSH_BUTTON and n.get_name() == label,
            )
            if button:
                if shot:
                    subprocess.run(["import", "-window", "root", shot], check=False)
                button.get_action_iface().do_action(0)
                return 0
        time.sleep(0.2)
    print(f"no window titled like {title!r} with a button {label!r}; the desktop:", file=sys.stderr)
    outline(Atspi.get_desktop(0))
    return 1


def outline(node, depth=0):
    """The accessible tree, a few levels deep, on stderr: what there was instead."""
    if node is None or depth > 6:
        return
    try:
        print("  " * depth + f"{node.get_role_name()} {node.get_name()!r}", file=sys.stderr)
        for index in range(min(node.get_child_count(), 12)):
            outline(node.get_child_at_index(index), depth + 1)
    except gi.repository.GLib.Error:
        return


if __name__ == "__main__":
    sys.exit(main())
