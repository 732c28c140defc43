// Accessibility checks with axe-core, run inside the page. The page's CSP would refuse an
// injected <script>, so axe's source is evaluated through the DevTools protocol instead.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Fails with axe's own words for every WCAG 2.x A/AA violation (and label-in-name) on the page as it is now. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      // Experimental rules are off unless named: this one checks that a control's visible
      // words start its accessible name (WCAG 2.5.3, label in name), which voice users rely on.
      rules: { 'label-content-name-mismatch': { enabled: true } },
      // Only failures are reported, so axe need not collect every passing node (much faster).
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => ({ target: node.target })) }));
  });
  const report = violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  assert.deepEqual(report, [], `axe on ${what} (${page.url()})`);
}
