import type { App, Event } from 'electron';
import { expect, expectTypeOf, test } from 'vitest';
import { type FilesFromOsApp, filesInArgv, listenForFilesFromOs } from './files-from-os.ts';

// Electron's own App must fit what the module asks for, so this fake follows electron.d.ts.
expectTypeOf<App>().toExtend<FilesFromOsApp>();

type Listener = (...args: never[]) => void;

/** Electron's app as far as files from the OS go: its two events, fired as Electron fires them. */
class FakeApp implements FilesFromOsApp {
  private readonly listeners = new Map<string, Listener[]>();
  constructor(readonly isPackaged: boolean) {}

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  /** macOS opened a file; whether the listener said it handled it. */
  openFile(path: string): boolean {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) } as unknown as Event;
    for (const listener of this.listeners.get('open-file') ?? [])
      (listener as FilesFromOsListener)(event, path);
    return prevented;
  }

  secondInstance(argv: string[], workingDirectory: string): void {
    const event = {} as Event;
    for (const listener of this.listeners.get('second-instance') ?? [])
      (listener as SecondInstanceListener)(event, argv, workingDirectory, {});
  }
}
type FilesFromOsListener = (event: Event, path: string) => void;
type SecondInstanceListener = (event: Event, argv: string[], cwd: string, data: unknown) => void;

/** The core's inbox as the shell sees it: what it was handed, in order. */
function inbox() {
  const received: { paths: readonly string[]; workingDirectory?: string | undefined }[] = [];
  return {
    received,
    receive: async (paths: readonly string[], workingDirectory?: string) => {
      received.push({ paths, workingDirectory });
    },
  };
}

test('the files in a launch’s argv: not the executable, the app folder (unpackaged) or any flag', () => {
  expect(filesInArgv(['C:\\Program Files\\Opus\\Opus.exe', 'C:\\notes\\todo.md'], true)).toEqual([
    'C:\\notes\\todo.md',
  ]);
  expect(filesInArgv(['/opt/Opus/opus', '--no-sandbox', '/home/ada/a.txt', 'b.md'], true)).toEqual([
    '/home/ada/a.txt',
    'b.md',
  ]);
  // `electron .` in development: the app's folder comes first, Chromium's flags anywhere.
  expect(
    filesInArgv(['electron', '--inspect=0', '.', '--allow-file-access-from-files', 'todo.md'], false),
  ).toEqual(['todo.md']);
  expect(filesInArgv(['/Applications/Opus.app/Contents/MacOS/Opus', '-psn_0_1234'], true)).toEqual([]);
  expect(filesInArgv(['opus', '--', '--odd-name.txt'], true)).toEqual(['--odd-name.txt']);
  expect(filesInArgv(['opus'], true)).toEqual([]);
});

test('files that arrive before the core runs wait, then go in order; later ones go at once', async () => {
  const app = new FakeApp(true);
  const listening = listenForFilesFromOs(app, ['/opt/Opus/opus', '/home/ada/first.txt'], () => {});
  expect(app.openFile('/Users/ada/Dropbox/second.md')).toBe(true);
  app.secondInstance(['/opt/Opus/opus', '--flag', 'third.txt'], '/home/ada/Documents');

  const core = inbox();
  listening.deliverTo(core);
  expect(core.received).toEqual([
    { paths: ['/home/ada/first.txt'], workingDirectory: process.cwd() },
    { paths: ['/Users/ada/Dropbox/second.md'], workingDirectory: undefined },
    { paths: ['third.txt'], workingDirectory: '/home/ada/Documents' },
  ]);

  app.secondInstance(['/opt/Opus/opus', 'fourth.txt', 'fifth.txt'], '/tmp');
  // A second launch with no file only focuses the window (main.ts): nothing reaches the core.
  app.secondInstance(['/opt/Opus/opus'], '/tmp');
  expect(core.received.slice(3)).toEqual([{ paths: ['fourth.txt', 'fifth.txt'], workingDirectory: '/tmp' }]);
});

test('a core that fails to take a file is logged, and the app goes on', async () => {
  const app = new FakeApp(true);
  const lines: string[] = [];
  listenForFilesFromOs(app, ['opus'], (line) => lines.push(line)).deliverTo({
    receive: () => Promise.reject(new Error('disk gone')),
  });
  app.openFile('/a.txt');
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(lines).toEqual(['opus: could not take files from the OS: disk gone']);
});
