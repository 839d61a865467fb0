// Lets plain Node run the benchmark's TypeScript as it is (Node 20 cannot strip types itself): each
// .ts file is transformed by esbuild on load, so import.meta.url and relative paths stay the real ones.
import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !/\.(ts|tsx|mts)$/.test(new URL(url).pathname))
    return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const { code } = await transform(source, {
    loader: url.endsWith('x') ? 'tsx' : 'ts',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: new URL(url).pathname,
  });
  return { format: 'module', source: code, shortCircuit: true };
}
