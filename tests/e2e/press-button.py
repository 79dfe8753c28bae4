#!/usr/bin/python3
"""Presses a button of a dialog of the desktop through the accessibility bus (AT-SPI), as a
screen reader user would: the system's own dialogs are not in the web page, so WebDriver cannot
reach them. Usage: press-button.py <part of the dialog's words> <the button's name> [shot.png]
Waits up to 30 s for them; with a third argument, the screen is saved first (ImageMagick)."""

import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

DIALOG_ROLES = (Atspi.Role.DIALOG, Atspi.Role.ALERT)


def children(node):
    """The children of `node`; none when it went away meanwhile."""
    try:
        return [node.get_child_at_index(i) for i in range(node.get_child_count())]
    except gi.repository.GLib.Error:
        return []


def find(node, wanted, depth=0):
    """The first node under `node` (itself included) for which `wanted` holds."""
    if node is None or depth > 12:
        return None
    try:
        if wanted(node):
            return node
    except gi.repository.GLib.Error:
        return None
    for child in children(node):
        found = find(child, wanted, depth + 1)
        if found is not None:
            return found
    return None


def toplevels():
    """Every application's top-level windows, as (application, window). A system dialog is one
    of them: looking only there never walks the web page's own (large, slow to ask) tree."""
    desktop = Atspi.get_desktop(0)
    for app in children(desktop):
        for window in children(app):
            if window is not None:
                yield app, window


def name_of(node):
    try:
        return f"{node.get_role_name()} {node.get_name()!r}"
    except gi.repository.GLib.Error:
        return "(gone)"


def main():
    title, label = sys.argv[1], sys.argv[2]
    shot = sys.argv[3] if len(sys.argv) > 3 else None
    deadline = time.time() + 30
    while time.time() < deadline:
        for _, window in toplevels():
            try:
                if window.get_role() not in DIALOG_ROLES:
                    continue
            except gi.repository.GLib.Error:
                continue
            # A dialog is named by its kind ("Warning"); its title is its first label.
            if title not in (window.get_name() or "") and find(
                window, lambda n: title in (n.get_name() or "")
            ) is None:
                continue
            button = find(
                window,
                lambda n: n.get_role() == Atspi.Role.PUSH_BUTTON and n.get_name() == label,
            )
            if button:
                if shot:
                    subprocess.run(["import", "-window", "root", shot], check=False)
                button.get_action_iface().do_action(0)
                return 0
        time.sleep(0.2)
    # One line first (the part a shortened log keeps), then each dialog's words.
    windows = [f"{name_of(app)} > {name_of(window)}" for app, window in toplevels()]
    print(
        f"no dialog with {title!r} and a button {label!r} in 30 s; top-level windows: {windows}",
        file=sys.stderr,
    )
    for _, window in toplevels():
        if window.get_role() in DIALOG_ROLES:
            print(f"{name_of(window)}:", file=sys.stderr)
            outline(window, 1)
    # The X server's own list: a dialog shown but not on the accessibility bus is there.
    try:
        listed = subprocess.run(
            ["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=False
        ).stdout
    except FileNotFoundError:
        listed = "(xwininfo is not installed)"
    named = [line.strip() for line in listed.splitlines() if '"' in line and "has no name" not in line]
    print("X windows with a name:", *named, sep="\n  ", file=sys.stderr)
    return 1


def outline(node, depth=0):
    """The accessible tree, a few levels deep, on stderr: what there was instead."""
    if node is None or depth > 6:
        return
    print("  " * depth + name_of(node), file=sys.stderr)
    for child in children(node)[:12]:
        outline(child, depth + 1)


if __name__ == "__main__":
    sys.exit(main())
