// Open a dashboard file in Debian's Chromium through playwright-core, run axe-core, take a
// screenshot, and print what pytest asserts on as JSON. Never downloads a browser.
// usage: node check_dashboard.cjs CHROMIUM_PATH INDEX_HTML SCREENSHOT_PNG [WIDE_SCREENSHOT_PNG]
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

async function main() {
  const [executablePath, page, shot, wideShot] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath, args: ARGS, headless: true });
  const out = { consoleErrors: [], requests: [] };
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const tab = await context.newPage();
    tab.on('console', (msg) => { if (msg.type() === 'error') out.consoleErrors.push(msg.text()); });
    tab.on('pageerror', (err) => out.consoleErrors.push(String(err)));
    tab.on('request', (req) => { if (!req.url().startsWith('file:')) out.requests.push(req.url()); });
    await tab.goto('file://' + path.resolve(page), { waitUntil: 'load' });
    out.teams = await tab.$$eval('[data-team]', (els) => els.map((e) => e.getAttribute('data-team')));
    out.visibleTeams = await tab.$$eval('[data-team] h3', (els) => els.map((e) => e.innerText.trim()));
    await tab.fill('#team-filter', out.teams[0] || '');
    out.afterFilter = await tab.$$eval('[data-team]:not([hidden])', (els) => els.length);
    await tab.fill('#team-filter', '');
    await tab.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const result = await tab.evaluate(async () => await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }));
    out.violations = result.violations.map((v) => ({ id: v.id, impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    out.passes = result.passes.length;
    out.scrollWidth = await tab.evaluate(() => document.documentElement.scrollWidth);
    out.attention = await tab.$$eval('.attention li', (els) => els.map((e) => e.innerText.trim()));
    await tab.screenshot({ path: shot, fullPage: true });
    out.screenshot = shot;
    if (wideShot) {
      const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const desk = await wide.newPage();
      await desk.goto('file://' + path.resolve(page), { waitUntil: 'load' });
      out.wideScrollWidth = await desk.evaluate(() => document.documentElement.scrollWidth);
      out.chartWidths = await desk.$$eval('svg.chart', (els) => els
        .filter((e) => e.getBoundingClientRect().width > 0)
        .map((e) => Math.round(e.getBoundingClientRect().width)));
      await desk.screenshot({ path: wideShot, fullPage: true });
      out.wideScreenshot = wideShot;
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((err) => { process.stderr.write(String(err && err.stack || err) + '\n'); process.exit(1); });
