// Whether Chromium's sandbox can start for an Electron binary on this Linux machine, and what to type
// when it cannot. Electron never runs without it here: on Ubuntu ≥ 23.10 it aborts with "The SUID
// sandbox helper binary was found, but is not configured correctly" (electron/electron#42510), so
// `npm start` says why and how to fix it instead (README, "Linux: the Chromium sandbox").
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The files the answer depends on: the test feeds fake contents and modes through the same names. */
export const SANDBOX_FILES = {
  restrictUserns: '/proc/sys/kernel/apparmor_restrict_unprivileged_userns',
  usernsClone: '/proc/sys/kernel/unprivileged_userns_clone',
  apparmorEnabled: '/sys/module/apparmor/parameters/enabled',
  profiles: '/etc/apparmor.d',
};

/** The machine as the check reads it; every read returns null (or nothing) where the file is absent. */
export const realSystem = {
  read: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
  stat: (path) => {
    const found = statSync(path, { throwIfNoEntry: false });
    return found ? { uid: found.uid, mode: found.mode, isFile: found.isFile() } : null;
  },
  list: (dir) => {
    try {
      return readdirSync(dir).map((name) => join(dir, name));
    } catch {
      return [];
    }
  },
};

const S_ISUID = 0o4000;
const S_IXOTH = 0o001;

/** Single quotes for a shell, so a checkout path with spaces or quotes still pastes as one word. */
const quoted = (path) => `'${path.replaceAll("'", `'\\''`)}'`;

/** Chromium's own test of its helper: owned by root, setuid, executable by others. */
function setuidRoot(stat) {
  return !!stat && stat.uid === 0 && (stat.mode & S_ISUID) !== 0 && (stat.mode & S_IXOTH) !== 0;
}

/** An AppArmor profile naming this binary and granting `userns`, as the deb installs for /opt/Opus. */
function profiled(binary, system) {
  return system.list(SANDBOX_FILES.profiles).some((file) => {
    if (!system.stat(file)?.isFile) return false;
    const text = system.read(file) ?? '';
    return text.includes(binary) && /^\s*userns\s*,/m.test(text);
  });
}

/** Why the sandbox cannot start (`setting`), and the fixes: the setuid helper, the sysctl, `more`. */
function problem(setting, helper, sysctl, more = []) {
  const setuid = `sudo chown root:root ${quoted(helper)} && sudo chmod 4755 ${quoted(helper)}`;
  return {
    why: `its sandbox cannot start: ${setting}, and ${helper} is not setuid root`,
    fixes: [
      'To run Opus in Electron, with its sandbox, do one of these and run npm start again:',
      `  ${setuid}`,
      '      (this checkout, until node_modules/electron is installed again)',
      `  sudo sysctl -w ${sysctl}`,
      '      (every program, until the next reboot)',
      ...more,
      'If the sandbox already works here (a profile this check cannot see): OPUS_SKIP_SANDBOX_CHECK=1 npm start',
    ],
  };
}

/**
 * Null when Chromium's sandbox can start for `binary`; otherwise `why` (a clause: "Electron is not
 * available here: <why>.") and `fixes`, the lines that say what to run. Chromium uses user namespaces
 * where it may and falls back to the setuid helper beside the binary (chrome-sandbox) where it may not.
 */
export function sandboxProblem(binary, system = realSystem) {
  const helper = join(dirname(binary), 'chrome-sandbox');
  if (setuidRoot(system.stat(helper))) return null;
  const value = (path) => system.read(path)?.trim() ?? null;
  const apparmor = value(SANDBOX_FILES.apparmorEnabled) === 'Y';
  if (apparmor && value(SANDBOX_FILES.restrictUserns) === '1' && !profiled(binary, system)) {
    return problem(
      'AppArmor lets only programs with a profile use user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1)',
      helper,
      'kernel.apparmor_restrict_unprivileged_userns=0',
      [`  an AppArmor profile granting userns to ${binary} (README, "Linux: the Chromium sandbox")`],
    );
  }
  if (value(SANDBOX_FILES.usernsClone) === '0') {
    return problem(
      'user namespaces are turned off (kernel.unprivileged_userns_clone = 0)',
      helper,
      'kernel.unprivileged_userns_clone=1',
    );
  }
  return null;
}
