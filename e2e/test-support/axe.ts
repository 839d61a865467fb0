import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** One serious or critical finding, in words a failing test can print. */
export interface A11yFinding {
  screen: string;
  scheme: 'light' | 'dark';
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core over the whole page, in the light and the dark scheme, keeping what blocks people: serious
 * and critical findings. Monaco's own editing surface is left out (its textarea and the view lines are
 * Monaco's, checked by its own project); everything Opus draws around it is in.
 */
export async function serious(page: Page, screen: string): Promise<A11yFinding[]> {
  const findings: A11yFinding[] = [];
  // A tab behind the consent page has its timers throttled, and axe runs in timer-sized chunks.
  await page.bringToFront();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const result = await new AxeBuilder({ page })
      .withTags(WCAG_AA)
      .exclude('.monaco-editor .view-lines')
      .exclude('.monaco-editor .margin')
      .exclude('.monaco-editor .minimap')
      .exclude('.monaco-editor .decorationsOverviewRuler')
      .analyze();
    for (const violation of result.violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      findings.push({
        screen,
        scheme,
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return findings;
}
