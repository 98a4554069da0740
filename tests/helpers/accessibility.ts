import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe-core (WCAG 2.x A and AA rules) on the page as it is now and answers each serious or
 * critical violation as one readable line, so a test can `expect(await accessibilityProblems(page)).toEqual([])`
 * and its failure names the rule and the elements.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Every rule still runs on every element; only the rules that passed or did not apply are no longer
  // described element by element (a selector worked out for each of thousands of nodes), since only
  // violations are reported.
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).options({ resultTypes: ['violations'] });
  // axe's default run checks each frame on its own and finishes in a blank page it opens, injecting
  // axe-core twice: half the time of the accessibility sweep. On a page without frames (no Andon page
  // has one) the same rules run on the same document in place; a page with frames still gets them all.
  if (page.frames().length === 1) builder.setLegacyMode();
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map((violation) => `${new URL(page.url()).pathname}: ${violation.id} (${violation.impact ?? ''}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
