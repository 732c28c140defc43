// Nothing on the storefront moves after it is drawn: the cumulative layout shift of every main
// page is exactly 0, at desktop width and at a 360 px phone width. Chromium reports each shift
// through a PerformanceObserver('layout-shift', buffered), so shifts from before the observer ran
// count too. The page is read once it has loaded, every image (lazy ones too: the page is scrolled
// to its end) is decoded and the web fonts are in, because a late image without reserved space or
// a font swap is exactly what shifts a page. Images and font files are held back for a moment
// (a slow network), so they always arrive after the first paint: a page that reserves no space
// for them fails every time, not only when the machine happens to be slow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserForFile, withPage } from './support/browser.ts';

const browser = startBrowserForFile();

// Plain script text: tsx would wrap a named function passed from here in a helper the page lacks.
const OBSERVE_LAYOUT_SHIFTS = `
  window.__layoutShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__layoutShifts.push({
        value: entry.value,
        nodes: (entry.sources || []).map((source) => {
          const node = source.node;
          if (!node || node.nodeType !== 1) return node ? node.nodeName : '?';
          return node.tagName.toLowerCase() + (node.className && typeof node.className === 'string' ? '.' + node.className.trim().split(/\\s+/).join('.') : '');
        }),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
`;

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
} as const;

const LATE_BY_MS = 250;

/** Images and font files answer LATE_BY_MS late; everything else as usual. */
async function holdBackImagesAndFonts(page: Page): Promise<void> {
  await page.route(/\.(svg|png|jpe?g|webp|avif|woff2?)(\?.*)?$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, LATE_BY_MS));
    await route.continue();
  });
}

/** The pages a shopper sees most; the event page is whichever event the list links first. */
const PAGES = ['/en', '/en/categories/headphones', '/en/products/aria-one-headphones', '/en/cart', '/en/events', 'event', '/en/login', '/en/signup'];

async function resolvePath(page: Page, path: string): Promise<string> {
  if (path !== 'event') return path;
  await page.goto('/en/events');
  const href = await page.locator('a[href^="/en/events/"]').first().getAttribute('href');
  assert.ok(href, 'the events list links an event');
  return href;
}

/** Loads the page, scrolls to its end and back, waits for every image and font, then sums the shifts. */
async function measureLayoutShift(page: Page, path: string) {
  const response = await page.goto(path, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, path);
  // Scroll in screen-high steps so lazy images load where they are shown, as a reader's would.
  await page.waitForTimeout(LATE_BY_MS + 100);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const step = page.viewportSize()?.height ?? 700;
  for (let y = 0; y <= height; y += step) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(LATE_BY_MS + 50);
  }
  await page.evaluate(() =>
    Promise.all([
      document.fonts.ready,
      ...Array.from(document.images).map((image) => (image.complete ? Promise.resolve() : image.decode().catch(() => undefined))),
    ]),
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  // Two frames: a shift caused by the last image is reported after it is painted.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(100);
  const undecoded = await page.evaluate(() => Array.from(document.images).filter((image) => !image.complete).length);
  assert.equal(undecoded, 0, `${path}: every image has loaded`);
  return page.evaluate(() => (window as unknown as { __layoutShifts: { value: number; nodes: string[] }[] }).__layoutShifts);
}

for (const [name, options] of Object.entries(VIEWPORTS)) {
  test(`layout shift is 0 on every main page at ${name} width`, async (t) => {
    await withPage(
      t,
      browser(),
      async (page) => {
        await page.addInitScript(OBSERVE_LAYOUT_SHIFTS);
        await holdBackImagesAndFonts(page);
        const results: string[] = [];
        for (const entry of PAGES) {
          const path = await resolvePath(page, entry);
          const shifts = await measureLayoutShift(page, path);
          const total = shifts.reduce((sum, shift) => sum + shift.value, 0);
          t.diagnostic(`${path}: CLS ${total.toFixed(4)}`);
          if (total !== 0) results.push(`${path}: ${total.toFixed(4)} (${shifts.map((shift) => `${shift.value.toFixed(4)} ${shift.nodes.join(' ')}`).join('; ')})`);
        }
        assert.deepEqual(results, [], 'pages with a layout shift');
      },
      options,
    );
  });
}

test('layout shift is 0 on a page in a language with web fonts (Thai)', async (t) => {
  await withPage(
    t,
    browser(),
    async (page) => {
      await page.addInitScript(OBSERVE_LAYOUT_SHIFTS);
      await holdBackImagesAndFonts(page);
      for (const path of ['/th', '/th/categories/headphones', '/th/products/aria-one-headphones']) {
        const shifts = await measureLayoutShift(page, path);
        const total = shifts.reduce((sum, shift) => sum + shift.value, 0);
        assert.equal(total, 0, `${path}: ${shifts.map((shift) => `${shift.value.toFixed(4)} ${shift.nodes.join(' ')}`).join('; ')}`);
      }
    },
    { ...VIEWPORTS.phone, locale: 'th-TH' },
  );
});
