// The page: mounts the screens on the one store, then starts.
//
//   store.js    the state, changed only through update(), which re-renders what watches it
//   actions.js  what the user and the backend make happen (through backend.js, the commands)
//   screens/    shell (frame, language, busy), welcome, problem, list
//   components/ card, grid (windowed), detail
//   words.js    the words for errors, checks, badges; view.js filters and sorts (no DOM)

import { boot } from './actions.js';
import { mountList } from './screens/list.js';
import { mountProblem } from './screens/problem.js';
import { mountShell } from './screens/shell.js';
import { mountWelcome } from './screens/welcome.js';

// Rust is asked first: the screens mount while it answers (boot changes nothing before that).
void boot();
mountShell();
mountWelcome();
mountProblem();
mountList();
