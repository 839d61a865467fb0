import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchOptions, Figure } from '../figure.ts';
import { measureBanner } from './banner.ts';
import { serveBareMonaco } from './bare-page.ts';
import { OUT, startOpusHost } from './browser-kit.ts';
import { measureEditorReady } from './editor-ready.ts';
import { measureMemory } from './memory.ts';
import { measureTyping } from './typing.ts';

const SMOKE: BenchOptions = { runs: 1, smoke: true, log: () => {} };

function expectWellFormed(figures: Figure[]) {
  expect(figures.length).toBeGreaterThan(0);
  for (const figure of figures) {
    expect(figure.name).not.toBe('');
    expect(Number.isFinite(figure.value) && figure.value > 0, `${figure.name}: ${figure.value}`).toBe(true);
    if (figure.baseline === null) expect(figure.baselineValue).toBeNull();
    else {
      const baseline = figure.baselineValue ?? Number.NaN;
      expect(Number.isFinite(baseline) && baseline > 0, `${figure.name}: ${baseline}`).toBe(true);
    }
  }
}

// The browser figures cannot rot unnoticed: each runs once on tiny texts against the built app.
describe('the browser figures of npm run bench', () => {
  it('have the built app to run', () => {
    expect(
      existsSync(join(OUT, 'renderer', 'index.html')),
      `${OUT}/renderer/index.html is missing: the browser figures run the built app (npm run build)`,
    ).toBe(true);
  });

  it('serve the bare page with the host opener policy, which decides the process a load runs in', async () => {
    const opus = await startOpusHost({});
    const bare = await serveBareMonaco(['text']);
    try {
      const opusPage = await fetch(`${opus.origin}/`);
      const barePage = await fetch(`${bare.origin}/`);
      expect(opusPage.status).toBe(200);
      expect(barePage.status).toBe(200);
      const policy = opusPage.headers.get('cross-origin-opener-policy');
      expect(policy).toBe('same-origin');
      expect(barePage.headers.get('cross-origin-opener-policy')).toBe(policy);
    } finally {
      await bare.close();
      await opus.stop();
    }
  });

  it('measure editor ready against a bare Monaco page', { timeout: 60_000 }, async () => {
    expectWellFormed(await measureEditorReady(SMOKE));
  });

  it('measure the remote change banner', { timeout: 60_000 }, async () => {
    expectWellFormed(await measureBanner(SMOKE));
  });

  it('measure renderer memory against a bare Monaco page', { timeout: 60_000 }, async () => {
    expectWellFormed(await measureMemory(SMOKE));
  });

  it('measure typing against a bare Monaco page: paint, long tasks, bytes per key', {
    timeout: 90_000,
  }, async () => {
    const figures = await measureTyping(SMOKE);
    const named = (start: string) => figures.filter((figure) => figure.name.startsWith(start));
    // No task over 50 ms is a longest task of 0 on a small document, so that row may well be 0.
    expectWellFormed([...named('keystroke → paint'), ...named('bytes ')]);
    expect(named('bytes ')).toHaveLength(2);
    for (const figure of named('longest main-thread task')) {
      expect(figure.value >= 0 && (figure.baselineValue ?? -1) >= 0, figure.name).toBe(true);
    }
  });
});
