#!/bin/sh
# The "system browser" of the real-window tests: records what the app asked it to open (the test
# then prints that page with headless Chromium). Registered for text/html in each test profile.
printf '%s\n' "$@" >>"$ROSTER_TEST_OPENED"
