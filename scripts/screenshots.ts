/**
 * Screenshots of the built site for people to look at: the home page, a section with charts and the
 * budget page, at desktop and mobile widths, plus PNGs of chosen PDF pages. Run after `npm run build`:
 *   node --import tsx scripts/screenshots.ts [plan] [--out screenshots]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../src/print/browser.ts';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outDir = resolve(outIndex >= 0 ? args[outIndex + 1]! : 'screenshots');
const plan = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--out') ?? '2025-26';
const site = resolve('_site');
if (!existsSync(join(site, plan, 'index.html'))) {
  console.error(`No built plan at ${join(site, plan)}: run \`npm run build\` first.`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });

const pages = [
  ['home', `${plan}/index.html`],
  ['performance', `${plan}/performance/index.html`],
  ['budget', `${plan}/resources/index.html`],
  ['actions', `${plan}/priorities/index.html`],
  ['risks', `${plan}/challenges-risks/index.html`],
] as const;
const widths = [
  ['desktop', 1280, 900],
  ['mobile', 375, 740],
] as const;

const launched = await launchBrowser();
try {
  const page = await launched.browser.newPage();
  for (const [name, path] of pages) {
    for (const [label, width, height] of widths) {
      await page.setViewport({ width, height, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(join(site, path)).href, { waitUntil: 'load' });
      await page.waitForFunction(() => !document.querySelector('canvas[data-chart]') || document.documentElement.dataset.chartsReady === 'true', { timeout: 15_000 }).catch(() => undefined);
      const file = join(outDir, `${name}-${label}.png`);
      await page.screenshot({ path: file as `${string}.png`, fullPage: true });
      console.log(`  ${file}`);
    }
  }
} finally {
  await launched.close();
}

const pdf = readdirSync(join(site, plan)).find((name) => name.endsWith('.pdf'));
if (pdf) {
  execFileSync('pdftoppm', ['-png', '-r', '60', join(site, plan, pdf), join(outDir, 'pdf-page')]);
  console.log(`  ${outDir}/pdf-page-*.png (every page of ${pdf} at 60 dpi)`);
}
