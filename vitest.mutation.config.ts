import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// Stryker's own `testFiles` would turn every static mutant (a table evaluated when its module loads)
// into a runtime one, switched on after the module has loaded, so no test could ever see it. The
// tests of the modules under mutation are chosen here instead, from stryker.config.mjs, and Stryker
// runs "all tests" of this config for a static mutant, each file loading the mutated module afresh.
const chosen = process.env.OPUS_MUTATION_TESTS;
if (!chosen) throw new Error('vitest.mutation.config.ts is for `npm run mutation`, which names the tests');

// Replaced, not merged: Vite's mergeConfig would append these to the whole suite's patterns.
export default defineConfig({ ...base, test: { ...base.test, include: JSON.parse(chosen) as string[] } });
