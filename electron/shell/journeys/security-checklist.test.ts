// The shell against Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
// item by item, in plain Node: everything here is data or takes its Electron objects as arguments.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow, WebPreferences } from 'electron';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RENDERER_CSP } from '../../common/renderer-csp.ts';
import { APP_SCHEME_PRIVILEGES, rendererRequestHandler } from '../renderer-files.ts';
import { allowOnlyWhatThePageNeeds, lockNavigation } from '../security.ts';
import { FakeSession, type Permission } from '../test-support/fake-electron.ts';
import { APP_ORIGIN, isAllowedExternalUrl, isAppUrl, windowOptions } from '../window-options.ts';

const PRELOAD = join(tmpdir(), 'opus', 'electron', 'preload.cjs');
const prefs = (): WebPreferences => windowOptions(PRELOAD).webPreferences ?? {};

describe('window options', () => {
  // 2. Do not enable Node.js integration for remote content (nor in workers or sub-frames).
  test('the renderer gets no Node, in the page, its workers or its frames', () => {
    expect(prefs().nodeIntegration).toBe(false);
    expect(prefs().nodeIntegrationInWorker).toBe(false);
    expect(prefs().nodeIntegrationInSubFrames).toBe(false);
  });
  // 3. Enable context isolation.
  test('the preload runs in an isolated context', () => expect(prefs().contextIsolation).toBe(true));
  // 4. Enable process sandboxing.
  test('the renderer is sandboxed', () => expect(prefs().sandbox).toBe(true));
  // 6. Do not disable webSecurity.
  test('web security stays on', () => expect(prefs().webSecurity).not.toBe(false));
  // 8. Do not enable allowRunningInsecureContent.
  test('no insecure content', () => expect(prefs().allowRunningInsecureContent).toBe(false));
  // 9. Do not enable experimental features.
  test('no experimental features', () => expect(prefs().experimentalFeatures).toBe(false));
  // 10. Do not use enableBlinkFeatures.
  test('no Blink features turned on', () => expect(prefs()).not.toHaveProperty('enableBlinkFeatures'));
  // 12. <webview>: we use none, so the tag is off.
  test('no webview tag', () => expect(prefs().webviewTag).toBe(false));
  // Not on the checklist: the spellchecker sends no text anywhere (it downloads dictionaries), and it
  // helps in the dialogs' text fields. It is set on purpose, not left to a default.
  test('spellcheck is a deliberate choice', () => expect(prefs().spellcheck).toBe(true));
  // 20. Do not expose Electron APIs to untrusted web content: the preload is ours, from an absolute path.
  test('the preload path is absolute; a relative one is refused', () => {
    expect(isAbsolute(String(prefs().preload))).toBe(true);
    expect(prefs().preload).toBe(PRELOAD);
    expect(() => windowOptions('out/electron/preload.cjs')).toThrow(/absolute/);
  });
  // Dropping a file on the window must not navigate to it (13. Disable or limit navigation).
  test('drag and drop does not navigate', () => expect(prefs().navigateOnDragDrop).toBe(false));
});

// 7. Define a Content Security Policy.
describe('content security policy', () => {
  const directives = new Map<string, string[]>();
  for (const part of RENDERER_CSP.split(';').map((text) => text.trim())) {
    if (!part) continue;
    const [name = '', ...sources] = part.split(/\s+/);
    expect(directives.has(name.toLowerCase()), `duplicate directive ${name}`).toBe(false);
    directives.set(name.toLowerCase(), sources);
  }
  const sources = (name: string) => directives.get(name) ?? directives.get('default-src') ?? [];

  test("default-src is 'self' or stricter", () => {
    expect(["'self'", "'none'"]).toEqual(
      expect.arrayContaining(directives.get('default-src') ?? ['missing']),
    );
  });
  test('scripts come only from the app: no eval, no inline, no data/blob/remote', () => {
    expect(RENDERER_CSP).not.toContain('unsafe-eval');
    expect(sources('script-src')).toEqual(["'self'"]);
  });
  test("object-src, base-uri and frame-ancestors are 'none'", () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });
  test('the page talks only to main (connect-src self): Dropbox is reached from main', () => {
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
  test("Monaco's workers load only from the app, or from blobs it makes", () => {
    for (const source of sources('worker-src')) expect(["'self'", 'blob:']).toContain(source);
  });
  test('no directive allows any host or plain http; images alone may come over https', () => {
    for (const [name, list] of directives) {
      for (const source of list) {
        // A web image a Markdown document shows once its user allowed them for it (as VS Code's
        // preview does); never a script, a style, a frame or a connection.
        if (name === 'img-src' && source === 'https:') continue;
        expect(source, name).not.toMatch(/^\*|^https?:|^http:$/);
      }
    }
  });
});

// 15. Do not use shell.openExternal with untrusted content.
describe('URLs main may open in the system browser', () => {
  const localbox = 'http://127.0.0.1:53682';
  test.each([
    'https://www.dropbox.com/oauth2/authorize?client_id=x',
    'https://dropbox.com/home',
    'https://www.dropbox.com/home/Notes%20and%20drafts?preview=magnum-opus.txt',
    'https://www.dropbox.com/home?preview=a.txt',
    `${localbox}/oauth2/authorize?client_id=x`,
    `${localbox}/home/Notes?preview=magnum-opus.txt`,
  ])('opens %s', (url) => expect(isAllowedExternalUrl(url, localbox)).toBe(true));
  test.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://www.dropbox.com/',
    'http://www.dropbox.com/home/Notes?preview=a.txt',
    'https://www.dropbox.com.evil.example/',
    'https://www.dropbox.com@evil.example/',
    'https://user:pw@www.dropbox.com/',
    'https://evil.example/#https://www.dropbox.com/',
    'https://www.dropbox.com:8443/',
    'https://www.dropbox.com./',
    'https://www.dropbox.com/',
    'https://www.dropbox.com/s/abc/magnum-opus.txt',
    'https://www.dropbox.com/homepage',
    'https://www.dropbox.com/logout',
    `${localbox}/homes`,
    `${localbox}/s/abc/magnum-opus.txt`,
    `${localbox}/2/files/download`,
    `${localbox.replace('53682', '53683')}/oauth2/authorize`,
    `http://user@127.0.0.1:53682/oauth2/authorize`,
    'not a url',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url, localbox)).toBe(false));
  test('no localbox running: its origin is refused', () => {
    expect(isAllowedExternalUrl(`${localbox}/oauth2/authorize`, undefined)).toBe(false);
  });
});

interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}
const fakeEvent = (): FakeEvent => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

/** A window whose webContents records the handlers lockNavigation installs. */
function lockedWindow() {
  const listeners = new Map<string, (event: FakeEvent, url: string) => void>();
  let windowOpen: ((details: { url: string }) => { action: string }) | undefined;
  const webContents = {
    on(name: string, listener: (event: FakeEvent, url: string) => void) {
      listeners.set(name, listener);
      return webContents;
    },
    setWindowOpenHandler(handler: typeof windowOpen) {
      windowOpen = handler;
    },
  };
  lockNavigation({ webContents } as unknown as BrowserWindow);
  const prevented = (name: string, url: string) => {
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no ${name} listener`);
    const event = fakeEvent();
    listener(event, url);
    return event.defaultPrevented;
  };
  return { prevented, windowOpen: (url: string) => windowOpen?.({ url }) };
}

describe('navigation, new windows and webviews', () => {
  const outside = [
    'https://www.dropbox.com/',
    'https://evil.example/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://opus.evil.example/index.html',
    'app://user@opus/index.html',
    'javascript:alert(1)',
    'not a url',
  ];
  // 13. Disable or limit navigation.
  test.each(outside)('navigating or redirecting to %s is prevented', (url) => {
    const window = lockedWindow();
    expect(window.prevented('will-navigate', url)).toBe(true);
    expect(window.prevented('will-redirect', url)).toBe(true);
  });
  test('the app may move within its own origin', () => {
    const window = lockedWindow();
    expect(window.prevented('will-navigate', `${APP_ORIGIN}/index.html#x`)).toBe(false);
    expect(window.prevented('will-redirect', `${APP_ORIGIN}/index.html`)).toBe(false);
  });
  // 14. Disable or limit creation of new windows. Even an allowed URL gets no window: links the app
  // means to open go through the core's openExternal (guarded by isAllowedExternalUrl), never window.open.
  test.each([...outside, `${APP_ORIGIN}/index.html`])('window.open(%s) is denied', (url) => {
    expect(lockedWindow().windowOpen(url)).toEqual({ action: 'deny' });
  });
  // 12. <webview>: verify options and params: here, none may attach at all.
  test('a webview is refused', () => {
    expect(lockedWindow().prevented('will-attach-webview', 'https://www.dropbox.com/')).toBe(true);
  });
});

// 5. Handle session permission requests from remote content. Monaco's context menu (Cut, Copy, Paste)
// needs the clipboard, which a sandboxed page is granted only through these handlers.
describe('permissions', () => {
  const PAGE = `${APP_ORIGIN}/index.html`;
  // The origin Chromium reports for each page (Node's URL knows nothing of app:'s registration).
  const ORIGIN: Record<string, string> = {
    [PAGE]: APP_ORIGIN,
    'https://evil.example/': 'https://evil.example',
    'file:///etc/passwd': 'file://',
    'https://www.dropbox.com/': 'https://www.dropbox.com',
  };
  const permitted = async (permission: Permission, url: string, isMainFrame: boolean) => {
    const session = new FakeSession();
    allowOnlyWhatThePageNeeds(session);
    const origin = ORIGIN[url] ?? expect.unreachable(url);
    return {
      request: await session.request(permission, { requestingUrl: url, isMainFrame }),
      check: session.check(permission, origin, { requestingUrl: url, isMainFrame }),
    };
  };

  test.each(['clipboard-read', 'clipboard-sanitized-write'] as const)(
    "the app's own page may use %s",
    async (permission) => {
      expect(await permitted(permission, PAGE, true)).toEqual({ request: true, check: true });
    },
  );

  test.each(['clipboard-read', 'clipboard-sanitized-write'] as const)(
    '%s is refused to a frame inside the page, and to any other origin',
    async (permission) => {
      expect(await permitted(permission, PAGE, false)).toEqual({ request: false, check: false });
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'https://www.dropbox.com/'])
        expect(await permitted(permission, url, true), url).toEqual({ request: false, check: false });
    },
  );

  test.each([
    'media',
    'geolocation',
    'notifications',
    'openExternal',
    'deprecated-sync-clipboard-read',
  ] as const)('every other permission, %s say, is refused even to the app', async (permission) => {
    expect(await permitted(permission, PAGE, true)).toEqual({ request: false, check: false });
  });
});

// 17. Validate the sender of all IPC messages: ipc.ts accepts only a main frame whose URL is ours.
describe('whose frames are ours', () => {
  test('app://opus pages are; look-alikes and other schemes are not', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    for (const url of [
      'app://opus.evil/index.html',
      'app://evil/index.html',
      'app://user@opus/',
      'app://opus:8080/',
      'https://opus/',
      'file:///index.html',
      '',
    ])
      expect(isAppUrl(url), url).toBe(false);
  });
});

// 18. Avoid file://, prefer a custom protocol: the renderer is served from app://opus, and only from
// its own folder, with the CSP on every response.
describe('app:// serving', () => {
  let base: string;
  let root: string;
  const asked: string[] = [];
  let handle: (request: Request) => Promise<Response>;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'opus-protocol-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Opus</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    mkdirSync(join(base, 'renderer-secrets'));
    writeFileSync(join(base, 'renderer-secrets', 'token'), 'SECRET');
    writeFileSync(join(base, 'secret'), 'SECRET');
    // Like net.fetch: the file's bytes, or a rejection when there is no such file.
    handle = rendererRequestHandler(root, async (fileUrl) => {
      asked.push(fileUrl);
      return new Response(readFileSync(fileURLToPath(fileUrl)), { status: 200 });
    });
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  // The raw URL, as the protocol handler receives it (a Request would normalize dots itself).
  const get = (url: string) => handle({ url } as Request);

  test('serves index.html at the root and files under the renderer folder', async () => {
    const index = await get(`${APP_ORIGIN}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Opus</title>');
    expect((await get(`${APP_ORIGIN}/assets/app.js`)).status).toBe(200);
  });

  test.each([
    'app://opus/../../etc/passwd',
    'app://opus/%2e%2e/%2e%2e/secret',
    'app://opus/..%2f..%2fsecret',
    'app://opus/%2e%2e%2fsecret',
    'app://opus/..%2frenderer-secrets%2ftoken',
    'app://opus/..%5c..%5csecret',
    'app://opus/%2fetc%2fpasswd',
    'app://opus/assets/%00.js',
    'app://opus/%E0%A4%A',
    'app://evil/index.html',
    'app://opus.evil/index.html',
    'app://opus/missing.js',
  ])('%s is not found, and nothing outside the folder is read', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
  });

  test('every file it reads is inside the renderer folder', () => {
    expect(asked.length).toBeGreaterThan(0);
    for (const fileUrl of asked) expect(fileURLToPath(fileUrl).startsWith(root + sep), fileUrl).toBe(true);
  });

  test('every response carries the CSP and nosniff, a 404 too', async () => {
    for (const url of [
      `${APP_ORIGIN}/`,
      `${APP_ORIGIN}/assets/app.js`,
      'app://opus/..%2fsecret',
      'app://x/',
    ]) {
      const response = await get(url);
      expect(response.headers.get('Content-Security-Policy'), url).toBe(RENDERER_CSP);
      expect(response.headers.get('X-Content-Type-Options'), url).toBe('nosniff');
    }
  });

  test('the scheme never bypasses the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.secure).toBe(true);
  });
});
