// The page as the app serves it, in target/page: ui/main.js and everything it imports bundled by
// esbuild into one script (the help, the update check and each language's words but English in
// chunks of their own, loaded when asked), beside the page, its styles and its logo. WebKit then fetches and evaluates one script
// at start instead of 31 modules (BENCHMARKS.md: 13 ms sooner). The source stays as it is: the
// browser tests load ui/ module by module.
//
// Run by src-tauri/build.rs at every build of the app, and by the Tauri CLI before its builds
// (tauri.conf.json), which looks for the page before it runs cargo. Only files whose content
// changed are written, and files no longer made are removed: two builds (the two halves of a
// universal macOS build) never see the folder half written.

import { build } from 'esbuild';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ui = `${root}ui/`;
const out = `${root}target/page/`;

const bundled = await build({
  entryPoints: [`${ui}main.js`],
  bundle: true,
  format: 'esm',
  splitting: true,
  // WebKitGTK and WKWebView of the supported systems, and WebView2, all run ES2022.
  target: 'es2022',
  // Module scripts are read as UTF-8 always: Bulgarian and Arabic words as they are, not escaped
  // (half the size).
  charset: 'utf8',
  // White space and syntax only: names stay as written, so a stack trace in the log reads.
  minifyWhitespace: true,
  minifySyntax: true,
  outdir: out,
  write: false,
  metafile: true,
  logLevel: 'warning',
});
/** @type {Map<string, Uint8Array>} */
const files = new Map(bundled.outputFiles.map((f) => [basename(f.path), f.contents]));
for (const file of ['styles.css', 'logo.svg']) files.set(file, await readFile(`${ui}${file}`));

// The chunks main.js imports are asked for with the page, not once main.js has been read.
const [, main] = Object.entries(bundled.metafile.outputs).find(([path]) => basename(path) === 'main.js') ?? [];
if (!main) throw new Error('esbuild made no main.js');
const preloads = main.imports
  .filter((i) => i.kind === 'import-statement')
  .map((i) => `<link rel="modulepreload" href="${basename(i.path)}">`);
const page = await readFile(`${ui}index.html`, 'utf8');
const script = '<script type="module" src="main.js"></script>';
if (!page.includes(script)) throw new Error(`ui/index.html no longer loads the page with ${script}`);
files.set('index.html', Buffer.from(page.replace(script, [...preloads, script].join('\n  '))));

await mkdir(out, { recursive: true });
for (const [name, contents] of files) {
  const now = await readFile(`${out}${name}`).catch(() => null);
  if (!now || !Buffer.from(contents).equals(now)) await writeFile(`${out}${name}`, contents);
}
for (const name of await readdir(out)) if (!files.has(name)) await rm(`${out}${name}`, { recursive: true });
