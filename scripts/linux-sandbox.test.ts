import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { realSystem, SANDBOX_FILES, type SandboxSystem, sandboxProblem } from './linux-sandbox.mjs';

const ELECTRON = '/home/ada/opus/node_modules/electron/dist/electron';
const HELPER = '/home/ada/opus/node_modules/electron/dist/chrome-sandbox';
/** chrome-sandbox as npm unpacks it: the user's, 0755. */
const AS_UNPACKED = { uid: 1000, mode: 0o100755, isFile: true };
/** After `sudo chown root:root … && sudo chmod 4755 …`. */
const SETUID_ROOT = { uid: 0, mode: 0o104755, isFile: true };

/** A machine made of `files` (path → contents) and the helper's owner and mode. */
function machine(files: Record<string, string>, helper: ReturnType<SandboxSystem['stat']>): SandboxSystem {
  return {
    read: (path) => files[path] ?? null,
    stat: (path) =>
      path.endsWith('/chrome-sandbox')
        ? helper
        : path in files
          ? { uid: 0, mode: 0o100644, isFile: true }
          : null,
    list: (dir) => Object.keys(files).filter((path) => path.startsWith(`${dir}/`)),
  };
}

/** Ubuntu 24.04 as installed: AppArmor on, unprivileged user namespaces only for profiled programs. */
const UBUNTU_24_04 = {
  [SANDBOX_FILES.apparmorEnabled]: 'Y\n',
  [SANDBOX_FILES.restrictUserns]: '1\n',
  [SANDBOX_FILES.usernsClone]: '1\n',
};

describe('npm start on Linux, before it runs Electron', () => {
  test('Ubuntu 24.04 with the helper as npm unpacked it: says why and prints the fixes, with the real paths', () => {
    const found = sandboxProblem(ELECTRON, machine(UBUNTU_24_04, AS_UNPACKED));
    expect(found?.why).toBe(
      'its sandbox cannot start: AppArmor lets only programs with a profile use user namespaces ' +
        `(kernel.apparmor_restrict_unprivileged_userns = 1), and ${HELPER} is not setuid root`,
    );
    expect(found?.fixes).toEqual(
      expect.arrayContaining([
        `  sudo chown root:root '${HELPER}' && sudo chmod 4755 '${HELPER}'`,
        '  sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
        `  an AppArmor profile granting userns to ${ELECTRON} (README, "Linux: the Chromium sandbox")`,
      ]),
    );
    // The fix never is to run without the sandbox.
    expect(found?.fixes.join('\n')).not.toMatch(/no-sandbox|ELECTRON_DISABLE_SANDBOX/);
  });

  test('the same machine after chown root + chmod 4755 on the helper starts Electron', () => {
    expect(sandboxProblem(ELECTRON, machine(UBUNTU_24_04, SETUID_ROOT))).toBeNull();
  });

  test('a setuid helper still owned by the user does not count: Chromium refuses it too', () => {
    const ownSetuid = { uid: 1000, mode: 0o104755, isFile: true };
    expect(sandboxProblem(ELECTRON, machine(UBUNTU_24_04, ownSetuid))).not.toBeNull();
  });

  test('after the session sysctl (restriction 0) Electron starts with the helper untouched', () => {
    const relaxed = { ...UBUNTU_24_04, [SANDBOX_FILES.restrictUserns]: '0\n' };
    expect(sandboxProblem(ELECTRON, machine(relaxed, AS_UNPACKED))).toBeNull();
  });

  test('an AppArmor profile granting userns to this Electron is enough', () => {
    const profile = `abi <abi/4.0>,\ninclude <tunables/global>\nprofile opus-dev "${ELECTRON}" flags=(unconfined) {\n  userns,\n}\n`;
    const withProfile = { ...UBUNTU_24_04, [`${SANDBOX_FILES.profiles}/opus-dev`]: profile };
    expect(sandboxProblem(ELECTRON, machine(withProfile, AS_UNPACKED))).toBeNull();
    // A profile for another program (or one without userns) changes nothing.
    const other = {
      ...UBUNTU_24_04,
      [`${SANDBOX_FILES.profiles}/opus`]: profile.replace(ELECTRON, '/opt/Opus/opus'),
    };
    expect(sandboxProblem(ELECTRON, machine(other, AS_UNPACKED))).not.toBeNull();
  });

  test('kernels without the AppArmor restriction (Debian, Fedora) start Electron as it is', () => {
    expect(sandboxProblem(ELECTRON, machine({}, AS_UNPACKED))).toBeNull();
    const apparmorOff = { ...UBUNTU_24_04, [SANDBOX_FILES.apparmorEnabled]: 'N\n' };
    expect(sandboxProblem(ELECTRON, machine(apparmorOff, AS_UNPACKED))).toBeNull();
  });

  test('user namespaces turned off altogether: the setuid helper or the sysctl that turns them on', () => {
    const found = sandboxProblem(ELECTRON, machine({ [SANDBOX_FILES.usernsClone]: '0\n' }, AS_UNPACKED));
    expect(found?.why).toContain('(kernel.unprivileged_userns_clone = 0)');
    expect(found?.fixes).toContain('  sudo sysctl -w kernel.unprivileged_userns_clone=1');
  });

  test('a checkout path with a quote still pastes as one word', () => {
    const odd = "/home/ada/bob's opus/node_modules/electron/dist/electron";
    const found = sandboxProblem(odd, machine(UBUNTU_24_04, null));
    expect(found?.fixes[1]).toContain(`'/home/ada/bob'\\''s opus/node_modules/electron/dist/chrome-sandbox'`);
  });
});

test('the real filesystem answers the same questions: contents, owner and mode, a folder’s files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opus-sandbox-'));
  try {
    const helper = join(dir, 'chrome-sandbox');
    writeFileSync(helper, '', { mode: 0o755 });
    expect(realSystem.stat(helper)).toMatchObject({ uid: process.getuid?.(), isFile: true });
    expect((realSystem.stat(helper)?.mode ?? 0) & 0o7777).toBe(0o755);
    expect(realSystem.read(helper)).toBe('');
    expect(realSystem.list(dir)).toEqual([helper]);
    expect(realSystem.read(join(dir, 'absent'))).toBeNull();
    expect(realSystem.stat(join(dir, 'absent'))).toBeNull();
    expect(realSystem.list(join(dir, 'absent'))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
