import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { eventually } from '../core/test-support/waiting.ts';
import { closeLaunchedShells, launchAndSignIn, launchShell } from './test-support/launched-shell.ts';

// Files the OS hands the app — the launch's command line, macOS's open-file, a second launch's command
// line — reach the core's inbox, in order, and the page takes them once it is signed in.

afterEach(closeLaunchedShells);

test('files from the command line, open-file and a second launch reach the page in order', async () => {
  const local = mkdtempSync(join(tmpdir(), 'opus-os-files-'));
  writeFileSync(join(local, 'first.txt'), 'from the command line\n');
  writeFileSync(join(local, 'second.md'), 'from open-file\n');
  mkdirSync(join(local, 'a folder'));

  const first = await launchAndSignIn();
  const shell = launchShell({
    root: first.root,
    store: first.store,
    argv: ['electron', 'out/electron/main.js', '--enable-logging', join(local, 'first.txt')],
  });
  await eventually(() => shell.electron.window()?.visible === true, 10_000, 'the window to show');
  const window = shell.electron.window() ?? expect.unreachable('no window');
  const { app } = shell.electron;
  const event = { preventDefault: () => shell.electron.journal.push('open-file prevented') };
  app.emit('open-file', event, join(local, 'second.md'));
  app.emit('second-instance', event, ['electron', 'out/electron/main.js', 'a folder'], local, {});

  const taken = await shell.call(window, 'takeFilesFromOs');
  expect(taken).toMatchObject({
    ok: true,
    value: [
      { kind: 'upload', name: 'first.txt' },
      { kind: 'upload', name: 'second.md' },
      { kind: 'refused', name: 'a folder', reason: 'not_a_file' },
    ],
  });
  // macOS treats a file whose open-file was not prevented as not opened.
  expect(shell.electron.journal).toContain('open-file prevented');
});
