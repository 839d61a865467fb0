import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalbox } from '../index.ts';
import { buildCli, killAllLocalboxes, rawApi, runCli, spawnLocalbox } from '../test-support/process.ts';

// One localbox per data folder: a live owner keeps everyone else out, a dead one keeps nobody out.

describe('the data folder lock', () => {
  let root: string;
  let count = 0;
  const freshDir = () => join(root, `data-${count++}`);

  beforeAll(async () => {
    await buildCli();
    root = mkdtempSync(join(tmpdir(), 'localbox-lock-'));
  });

  afterAll(async () => {
    await killAllLocalboxes();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a second live localbox with a message naming the owner, and the owner keeps serving', async () => {
    const dataDir = freshDir();
    const owner = await spawnLocalbox({ dataDir });
    try {
      const second = await runCli(['--data-dir', dataDir, '--port', '0']);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(
        `The localbox data folder ${dataDir} is in use by process ${owner.pid}.`,
      );
      expect(second.stdout).not.toContain('listening');

      await expect(startLocalbox({ dataDir, logLevel: 'silent' })).rejects.toThrow(
        `is in use by process ${owner.pid}`,
      );

      // The refused starts took nothing away from the owner: its lock, its database, its answers.
      expect(readFileSync(join(dataDir, 'localbox.lock'), 'utf8')).toBe(String(owner.pid));
      const api = rawApi(owner.url, owner.token);
      const upload = await api.upload('files/upload', { path: '/still-mine.txt' }, Buffer.from('mine'));
      expect(upload.status).toBe(200);
      expect(await (await api.download({ path: '/still-mine.txt' })).text()).toBe('mine');
    } finally {
      await owner.kill();
    }
  });

  it('lets a restart take over the locks a killed localbox left behind', async () => {
    const dataDir = freshDir();
    const first = await spawnLocalbox({ dataDir });
    const written = await rawApi(first.url, first.token).upload(
      'files/upload',
      { path: '/before-the-kill.txt' },
      Buffer.from('kept'),
    );
    expect(written.status).toBe(200);
    await first.kill('SIGKILL');
    expect(readFileSync(join(dataDir, 'localbox.lock'), 'utf8')).toBe(String(first.pid));
    // As left by a kill inside a database call.
    mkdirSync(join(dataDir, 'localbox.sqlite.lock'), { recursive: true });

    const second = await spawnLocalbox({ dataDir });
    try {
      expect(readFileSync(join(dataDir, 'localbox.lock'), 'utf8')).toBe(String(second.pid));
      const api = rawApi(second.url, first.token);
      expect(await (await api.download({ path: '/before-the-kill.txt' })).text()).toBe('kept');
    } finally {
      expect((await second.kill('SIGTERM')).code).toBe(0);
    }
    expect(existsSync(join(dataDir, 'localbox.lock'))).toBe(false);
  });

  it('takes over a lock that names this very pid but is not held (pid reuse after a container restart)', async () => {
    const dataDir = freshDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'localbox.lock'), String(process.pid));
    const box = await startLocalbox({ dataDir, logLevel: 'silent' });
    try {
      // Held now, so this same process cannot open the folder twice.
      await expect(startLocalbox({ dataDir, logLevel: 'silent' })).rejects.toThrow(
        `is in use by process ${process.pid}`,
      );
    } finally {
      await box.close();
    }
    expect(existsSync(join(dataDir, 'localbox.lock'))).toBe(false);
    const again = await startLocalbox({ dataDir, logLevel: 'silent' });
    await again.close();
  });

  it('takes over an empty or garbled lock file (a kill between creating and writing it)', async () => {
    for (const content of ['', 'not a pid', '-1']) {
      const dataDir = freshDir();
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(join(dataDir, 'localbox.lock'), content);
      const box = await startLocalbox({ dataDir, logLevel: 'silent' });
      expect(readFileSync(join(dataDir, 'localbox.lock'), 'utf8')).toBe(String(process.pid));
      await box.close();
    }
  });

  it("leaves the owner's files alone when it refuses, in-progress uploads included", async () => {
    const dataDir = freshDir();
    const owner = await spawnLocalbox({ dataDir });
    try {
      // What an upload still streaming to the owner looks like on disk; a start that got as far as
      // sweeping the temp folder would destroy it.
      const inProgress = join(dataDir, 'tmp', 'upload-in-progress');
      writeFileSync(inProgress, 'half a body');
      const refused = await runCli(['--data-dir', dataDir, '--port', '0']);
      expect(refused.code).toBe(1);
      expect(readFileSync(inProgress, 'utf8')).toBe('half a body');
      // The owner's database lock is still in place.
      expect(existsSync(join(dataDir, 'localbox.sqlite.lock'))).toBe(true);
      const api = rawApi(owner.url, owner.token);
      expect((await api.rpc('users/get_current_account')).status).toBe(200);
    } finally {
      await owner.kill();
    }
  });
});
