import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRoutes } from './index.ts';

const REPO = join(import.meta.dirname, '../..');
/** Dropbox's Stone spec (dropbox/dropbox-api-spec, MIT), vendored: what localbox conforms to, route by route. */
const SPEC = join(REPO, 'localbox/dropbox-api-spec');

/**
 * Every route of the spec with the scope its attrs give it (null for none), under the name localbox
 * serves it by: `namespace/name`, `_vN` for a version above 1.
 */
function specScopes(): Map<string, string | null> {
  const scopes = new Map<string, string | null>();
  for (const file of readdirSync(SPEC).filter((name) => name.endsWith('.stone'))) {
    const text = readFileSync(join(SPEC, file), 'utf8');
    const namespace = /^namespace (\w+)/m.exec(text)?.[1];
    for (const block of text.split(/^(?=route )/m).slice(1)) {
      const route = /^route ([\w/]+)(?::(\d+))?/.exec(block);
      if (!namespace || !route) continue;
      const version = route[2] && route[2] !== '1' ? `_v${route[2]}` : '';
      // The route's own lines: up to the next declaration at the start of a line.
      const own = block.split(/\n(?=\S)/)[0] ?? '';
      scopes.set(`${namespace}/${route[1]}${version}`, /^\s+scope = "([^"]+)"/m.exec(own)?.[1] ?? null);
    }
  }
  return scopes;
}

const served = [...buildRoutes().api.values()].map((route) => ({ name: route.name, scope: route.scope }));

describe('the route table', () => {
  it('declares for every route the scope the Stone spec gives it', () => {
    expect(existsSync(SPEC), `the Stone spec is expected at ${SPEC}`).toBe(true);
    const spec = specScopes();
    const declared = Object.fromEntries(
      served.map(({ name }) => [name, spec.has(name) ? spec.get(name) : 'not in the spec']),
    );
    expect(Object.fromEntries(served.map(({ name, scope }) => [name, scope]))).toEqual(declared);
  });

  it("is README's route table, with each route's scope", () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const rows = new Map(
      [...readme.matchAll(/^\| `\/2\/([\w/]+)` \| (?:`([\w.]+)`|none) \|/gm)].map((row) => [
        row[1],
        row[2] ?? null,
      ]),
    );
    expect(Object.fromEntries(rows)).toEqual(
      Object.fromEntries(served.map(({ name, scope }) => [name, scope])),
    );
  });
});
