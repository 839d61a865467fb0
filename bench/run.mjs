// `npm run bench`: builds the app (the browser figures run the real renderer), then runs bench/main.ts.
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);
const { runBench } = await import('./main.ts');
const runs = Number(
  /^--runs=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith('--runs=')) ?? '')?.[1] ?? 5,
);
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
process.exitCode = await runBench({ runs, only });
