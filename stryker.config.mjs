// Mutation testing (issue 19) of the modules where a surviving mutant is a lost edit or a leak.
// `npm run mutation` (scripts/mutation.mjs) runs Stryker on each of them in turn, and
// `npm run mutation -- --mutate <file>` on one: only the tests listed for it below run, so one module
// finishes in minutes, not the suite's five.

/** Each heart module, with the tests that drive it (through real localbox over HTTP where a server is involved). */
export const HEART = {
  'electron/core/documents/save.ts': [
    'electron/core/journeys/save-*.test.ts',
    'electron/core/journeys/edits-and-saves-keep-to-their-version.test.ts',
    'electron/core/journeys/opening-and-saving-cost-one-request-each.test.ts',
    'electron/core/journeys/files-keep-their-bytes-through-open-and-save.test.ts',
    'electron/core/journeys/text-an-encoding-cannot-hold-is-never-stuck.test.ts',
    'electron/core/journeys/keep-mine-while-offline-lands-when-dropbox-returns.test.ts',
  ],
  'electron/core/documents/conflicts.ts': [
    'electron/core/journeys/save-after-a-remote-edit-shows-the-conflict.test.ts',
    'electron/core/journeys/a-dropbox-conflicted-copy-merges-into-its-original.test.ts',
    'electron/core/journeys/a-conflict-with-dropbox-s-version-gone-resolves-safely.test.ts',
    'electron/core/journeys/resolving-a-conflict-loses-no-text-and-overwrites-nothing.test.ts',
    'electron/core/journeys/keep-mine-while-offline-lands-when-dropbox-returns.test.ts',
  ],
  'electron/core/documents/merge.ts': ['electron/core/documents/merge*.test.ts'],
  'electron/core/documents/document-state.ts': [
    'electron/core/journeys/edits-and-saves-keep-to-their-version.test.ts',
    'electron/core/journeys/remote-changes-show-while-editing.test.ts',
    'electron/core/journeys/every-window-hears-where-a-document-stands.test.ts',
    'electron/core/journeys/unsaved-text-follows-its-file-across-a-crash.test.ts',
    'electron/core/journeys/unsaved-text-survives-a-crash.test.ts',
    'electron/core/journeys/typing-overtaken-by-a-silent-reload-still-conflicts.test.ts',
    'electron/core/journeys/keep-mine-while-offline-lands-when-dropbox-returns.test.ts',
    'electron/core/journeys/a-conflict-with-dropbox-s-version-gone-resolves-safely.test.ts',
  ],
  'electron/core/dropbox/commit-once.ts': [
    'electron/core/dropbox/dropbox-gateway.test.ts',
    'electron/core/dropbox/dropbox-gateway.retries.test.ts',
    'electron/core/dropbox/dropbox-gateway.upload-sessions.test.ts',
    'electron/core/dropbox/dropbox-gateway.lost-answers.test.ts',
  ],
  'electron/host/static-files.ts': ['electron/host/static-files.test.ts', 'electron/host/server*.test.ts'],
  // Two files of the conformance suite: with more, one run of paths.ts outgrows ten minutes here.
  'localbox/domain/paths.ts': [
    'localbox/journeys/bad-input-hostile-paths.test.ts',
    'localbox/journeys/conformance-organizing-files-and-folders.test.ts',
  ],
  'localbox/files/commit.ts': [
    'localbox/journeys/conformance-saving-with-write-modes.test.ts',
    'localbox/journeys/conformance-large-files-via-upload-sessions.test.ts',
    'localbox/journeys/durability-killed-mid-upload.test.ts',
    'localbox/journeys/bad-input-refused-uploads-and-the-quota.test.ts',
    'localbox/journeys/conformance-saving-by-id-and-namespace.test.ts',
  ],
  'electron/core/wiring/dispatch.ts': [
    'electron/core/wiring/dispatch.test.ts',
    'electron/host/journeys/every-command-is-served.test.ts',
  ],
  'electron/core/journal/journal-record.ts': ['electron/core/journal/*.test.ts'],
  'electron/core/journal/journal.ts': [
    'electron/core/journal/*.test.ts',
    'electron/core/journeys/unsaved-text-survives-a-crash.test.ts',
  ],
  'electron/core/watcher/watcher.ts': [
    'electron/core/watcher/watcher*.test.ts',
    'electron/core/journeys/remote-changes-show-while-editing.test.ts',
    'electron/core/journeys/offline-saves-wait-and-upload-when-dropbox-returns.test.ts',
  ],
  'electron/host/guards.ts': [
    'electron/host/guards.test.ts',
    'electron/host/server.test.ts',
    'electron/host/server.secret.test.ts',
    'electron/host/server.tickets.test.ts',
  ],
  // Neither lists oauth-standalone-command: the localbox it spawns runs unmutated code, and slowly.
  'localbox/auth/tokens.ts': [
    'localbox/journeys/oauth-sign-in.test.ts',
    'localbox/journeys/oauth-confidential-app.test.ts',
    'localbox/journeys/oauth-refresh-and-revoke.test.ts',
    'localbox/journeys/oauth-token-errors.test.ts',
    'localbox/journeys/oauth-tokens-keep-to-their-app-and-lifetime.test.ts',
    'localbox/journeys/conformance-account-and-expired-tokens.test.ts',
    'localbox/journeys/conformance-checking-credentials-and-accounts.test.ts',
    'localbox/journeys/conformance-scopes-granted-and-required.test.ts',
  ],
  'localbox/auth/oauth-flow.ts': [
    'localbox/journeys/oauth-authorize-errors.test.ts',
    'localbox/journeys/oauth-consent-forgery.test.ts',
    'localbox/journeys/oauth-consent-pages-opened-in-a-loop.test.ts',
    'localbox/journeys/oauth-sign-in.test.ts',
    'localbox/journeys/oauth-confidential-app.test.ts',
    'localbox/journeys/oauth-token-errors.test.ts',
    'localbox/journeys/oauth-refresh-and-revoke.test.ts',
    'localbox/journeys/conformance-scopes-granted-and-required.test.ts',
  ],
};

// `--mutate a.ts,b.ts` (or `-m`) on the command line: run only the tests listed for those modules.
const argv = process.argv;
const flag = argv.findIndex((arg) => arg === '--mutate' || arg === '-m');
const chosen =
  flag >= 0
    ? [...new Set((argv[flag + 1] ?? '').split(',').map((m) => m.replace(/:.*$/, '')))]
    : Object.keys(HEART);
// One module alone keeps its own cache and report, so runs of different modules never overwrite each
// other's results (scripts/mutation.mjs runs the modules one by one).
const slug = chosen.length === 1 ? `-${chosen[0].replace(/\.ts$/, '').replaceAll('/', '-')}` : '';
// A module not listed here is tested by the tests beside it (TESTING.md: `unit.ts` → `unit*.test.ts`).
const testsOf = (module) => HEART[module] ?? [module.replace(/\.ts$/, '*.test.ts')];
// Read by vitest.mutation.config.ts in Stryker's workers, which inherit this process's environment.
process.env.OPUS_MUTATION_TESTS = JSON.stringify([...new Set(chosen.flatMap(testsOf))]);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: Object.keys(HEART),
  coverageAnalysis: 'perTest',
  // No TypeScript checker: `typescript` here is 7.x (the native compiler), whose package has no
  // compiler API for @stryker-mutator/typescript-checker to load. Mutants that do not type-check
  // run anyway (Vitest strips types) and are killed or survive like any other.
  checkers: [],
  disableTypeChecks: '{electron,localbox}/**/*.ts',
  // Stryker rewrites this tsconfig's paths with the same missing API; ours point nowhere outside the
  // sandbox (.stryker-tmp inside the repo), so naming a file that is not there skips the rewrite.
  tsconfigFile: 'tsconfig.stryker-skips-this.json',
  // Git-ignored with the HTML report: a cache of results keyed on code and test names, which every
  // branch would rewrite and conflict on.
  // Not for a run on changed lines (scripts/mutation.mjs --changed): Stryker would fold the cached
  // results of the module's other mutants into the score, however stale they are.
  incremental: !process.env.OPUS_MUTATION_LINES_ONLY,
  incrementalFile: `reports/mutation/stryker-incremental${slug}.json`,
  reporters: ['html', 'clear-text', 'progress'],
  htmlReporter: { fileName: `reports/mutation/index${slug}.html` },
  ignorePatterns: ['out', 'dist', 'e2e', 'reports', 'test-results', 'playwright-report', '.localbox-data'],
  // Most heart tests wait on a real localbox and its timers more than on a core: three runners keep two
  // cores busy without starving the servers the tests talk to.
  concurrency: 3,
  timeoutMS: 20_000,
  // Under 90 % fails the run: the release's full run, and CI's run of the lines a change touched.
  thresholds: { high: 90, low: 80, break: 90 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

// biome-ignore lint/style/noDefaultExport: Stryker reads a config file's default export only
export default config;
