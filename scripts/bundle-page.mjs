// The page as the app serves it, in target/page: ui/main.js and everything it imports bundled by
// esbuild into one script (the help and the update check in chunks of their own, loaded when
// asked), beside the page, its styles and its logo. WebKit then fetches and evaluates one script
// at start instead of 31 modules (BENCHMARKS.md: 13 ms sooner). The source stays as it is: the
// browser tests load ui/ module by module.
//
// Run by src-tauri/build.rs at every build of the app, and by the Tauri CLI before its builds
// (tauri.conf.json), which looks for the page before it runs cargo.

import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ui = `${root}ui/`;
const out = `${root}target/page/`;

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: [`${ui}main.js`],
  bundle: true,
  format: 'esm',
  splitting: true,
  // WebKitGTK and WKWebView of the supported systems, and WebView2, all run ES2022.
  target: 'es2022',
  outdir: out,
  logLevel: 'warning',
});
for (const file of ['index.html', 'styles.css', 'logo.svg']) await copyFile(`${ui}${file}`, `${out}${file}`);
