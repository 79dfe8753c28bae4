// The few W3C WebDriver calls the real-window tests need, over fetch, against tauri-driver.
// Six endpoints do not justify a client library and its transitive dependencies.

import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** A free loopback port (and the one after it, for the native driver). */
export async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
        server.close(() => resolve(port));
      });
    });
    if (port < 65000) return port;
  }
}

/** Polls `probe` until it returns a truthy value, or fails after `ms`. */
export async function until(probe, what, ms = 15000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

/**
 * Starts tauri-driver (which starts WebKitWebDriver) with the given environment for the app.
 * Stop it with SIGTERM: SIGKILL would orphan WebKitWebDriver.
 */
export async function startDriver(env, capture) {
  const port = await freePort();
  const { capture: _, ...cleanEnv } = env;
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], {
    env: cleanEnv,
    stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
  });
  // The app's own output reaches us through the drivers; tests that look for secrets read it.
  if (capture) {
    driver.stdout.on('data', (chunk) => capture.push(String(chunk)));
    driver.stderr.on('data', (chunk) => capture.push(String(chunk)));
  }
  const base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/status`)).ok, 'tauri-driver to listen');
  return {
    base,
    stop: () =>
      new Promise((resolve) => {
        if (driver.exitCode !== null || driver.signalCode !== null) return resolve(undefined);
        driver.once('exit', resolve);
        driver.kill('SIGTERM');
      }),
  };
}

/** The D-Bus name the running instance holds (tauri-plugin-single-instance). */
const INSTANCE_NAME = 'com.assistantroster.desktop.SingleInstance';

/**
 * Waits (up to 10 s, then ends them) until no process runs `application` and its single-instance
 * name is released (WebKit helpers can outlive the app for a moment).
 */
async function appGone(application) {
  const running = () => spawnSync('pgrep', ['-f', `^${application}`]).status === 0;
  const nameHeld = () =>
    spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner', `string:${INSTANCE_NAME}`], { encoding: 'utf8' }).stdout.includes('boolean true');
  const deadline = Date.now() + 10_000;
  while ((running() || nameHeld()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (running()) spawnSync('pkill', ['-f', `^${application}`]);
  if (nameHeld()) spawnSync('pkill', ['-f', 'webkit2gtk-4.1/WebKit']);
}

export class Session {
  /** @param {string} base @param {string} id */
  constructor(base, id) {
    this.url = `${base}/session/${id}`;
    /** @type {string} */
    this.application = '';
    /** When the launch was asked for (Date.now()), for the cold-start benchmark. */
    this.launchedAt = 0;
  }

  /** Opens the app binary in a new window. */
  static async open(driverBase, application) {
    await appGone(application);
    const launchedAt = Date.now();
    const body = await send('POST', `${driverBase}/session`, {
      capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application } } },
    });
    const session = new Session(driverBase, body.value.sessionId);
    session.application = application;
    session.launchedAt = launchedAt;
    return session;
  }

  /**
   * Ends the session and waits until the app process is gone: the app is single-instance, so a
   * next launch while this one lingers would hand over to it instead of starting.
   */
  async close() {
    try {
      await send('DELETE', this.url);
    } finally {
      await appGone(this.application);
    }
  }

  /** The element matching `css`, or null. */
  async find(css) {
    const elements = await this.findAll(css);
    return elements[0] ?? null;
  }

  async findAll(css) {
    const body = await send('POST', `${this.url}/elements`, { using: 'css selector', value: css });
    return body.value.map((/** @type {Record<string, string>} */ e) => e[ELEMENT]);
  }

  /** Waits until an element matching `css` is displayed and returns it. */
  async waitFor(css, ms) {
    return until(async () => {
      for (const id of await this.findAll(css)) {
        if ((await send('GET', `${this.url}/element/${id}/displayed`)).value) return id;
      }
      return null;
    }, `${css} to show`, ms);
  }

  async click(id) {
    await send('POST', `${this.url}/element/${id}/click`, {});
  }

  async type(id, text) {
    await send('POST', `${this.url}/element/${id}/value`, { text });
  }

  async text(id) {
    return (await send('GET', `${this.url}/element/${id}/text`)).value;
  }

  /** Runs a script in the page; `args` are passed as `arguments`. */
  async execute(script, args = []) {
    return (await send('POST', `${this.url}/execute/sync`, { script, args })).value;
  }

  async windowHandles() {
    return (await send('GET', `${this.url}/window/handles`)).value;
  }

  /**
   * A PNG of the window's content, once what is in the DOM has been painted: WebKit's snapshot is
   * of the last painted frame, which can be well behind the DOM just after a change.
   */
  async screenshot() {
    await this.execute(`return new Promise((done) => {
      requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
      setTimeout(() => done(false), 3000);
    })`);
    return Buffer.from((await send('GET', `${this.url}/screenshot`)).value, 'base64');
  }
}

async function send(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${url}: ${JSON.stringify(json.value ?? json)}`);
  return json;
}
