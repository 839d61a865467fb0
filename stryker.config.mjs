// Mutation testing (issue 19) of the modules where a surviving mutant is a lost edit or a leak.
// `npm run mutation` mutates them all; `npm run mutation -- --mutate <file>` one of them, and then
// only the tests listed for it below run, so one module finishes in minutes, not the suite's five.

/** Each heart module, with the tests that drive it (through real localbox over HTTP where a server is involved). */
const HEART = {
  'electron/core/documents/save.ts': [
    'electron/core/journeys/save-*.test.ts',
    'electron/core/journeys/edits-and-saves-keep-to-their-version.test.ts',
    'electron/core/journeys/opening-and-saving-cost-one-request-each.test.ts',
  ],
  'electron/core/documents/conflicts.ts': [
    'electron/core/journeys/save-after-a-remote-edit-shows-the-conflict.test.ts',
    'electron/core/journeys/a-dropbox-conflicted-copy-merges-into-its-original.test.ts',
  ],
  'electron/core/documents/merge.ts': ['electron/core/documents/merge*.test.ts'],
  'electron/core/documents/document-state.ts': [
    'electron/core/journeys/edits-and-saves-keep-to-their-version.test.ts',
    'electron/core/journeys/remote-changes-show-while-editing.test.ts',
  ],
  'electron/core/dropbox/commit-once.ts': [
    'electron/core/dropbox/dropbox-gateway.test.ts',
    'electron/core/dropbox/dropbox-gateway.retries.test.ts',
    'electron/core/dropbox/dropbox-gateway.upload-sessions.test.ts',
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
  ],
  'electron/core/wiring/dispatch.ts': [
    'electron/core/wiring/dispatch.test.ts',
    'electron/host/journeys/every-command-is-served.test.ts',
  ],
  'electron/core/journal/journal-record.ts': ['electron/core/journal/*.test.ts'],
};

// `--mutate a.ts,b.ts` (or `-m`) on the command line: run only the tests listed for those modules.
const argv = process.argv;
const flag = argv.findIndex((arg) => arg === '--mutate' || arg === '-m');
const chosen =
  flag >= 0 ? (argv[flag + 1] ?? '').split(',').map((m) => m.replace(/:.*$/, '')) : Object.keys(HEART);
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
  // branch would rewrite and conflict on; CI can keep it between runs as a cache.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  ignorePatterns: ['out', 'dist', 'e2e', 'reports', 'test-results', 'playwright-report', '.localbox-data'],
  concurrency: 2,
  timeoutMS: 20_000,
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

// biome-ignore lint/style/noDefaultExport: Stryker reads a config file's default export only
export default config;
