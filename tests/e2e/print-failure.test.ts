import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/print/browser.ts';
import { printPlan } from '../../src/print/pdf.ts';

const site = mkdtempSync(join(tmpdir(), 'yjplan-print-failure-'));
afterAll(() => rmSync(site, { recursive: true, force: true }));

function printPage(planId: string, body: string): void {
  mkdirSync(join(site, planId, 'print'), { recursive: true });
  writeFileSync(join(site, planId, 'print', 'index.html'), `<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head><body><h1>Plan</h1>${body}</body></html>`);
}

let lastBrowserPid: number | undefined;

/** Whether the browser of the last print is still running (signal 0 only asks). */
function lastBrowserAlive(): boolean {
  try {
    process.kill(lastBrowserPid!, 0);
    return true;
  } catch {
    return false;
  }
}

const job = (planId: string) => ({ siteDir: site, planId, pdfFile: `${planId}/plan.pdf`, title: 't', author: 'a', subject: 's', keywords: [], fingerprint: '0'.repeat(64), sections: 1 });

async function failure(planId: string, body: string): Promise<string> {
  printPage(planId, body);
  const launched = await launchBrowser();
  lastBrowserPid = launched.browser.process()?.pid;
  try {
    await printPlan(launched.browser, job(planId));
    return 'printed';
  } catch (error) {
    return (error as Error).message;
  } finally {
    await launched.close();
  }
}

describe('a print that must fail', () => {
  it('fails on a script error, naming it, and leaves no Chromium behind', async () => {
    expect(await failure('script-error', '<script>throw new Error("chart data missing")</script>')).toMatch(/a script on the print page failed: .*chart data missing/);
    expect(lastBrowserPid).toBeGreaterThan(0);
    expect(lastBrowserAlive()).toBe(false);
  });

  it('fails on a missing image, naming the file', async () => {
    expect(await failure('missing-image', '<img src="../media/nowhere.png" alt="x">')).toMatch(/missing file: .*nowhere\.png/);
  });

  it('refuses requests to other hosts, naming the URL', async () => {
    expect(await failure('remote', '<img src="https://tracker.example.com/pixel.png" alt="x">')).toMatch(/asked for https:\/\/tracker\.example\.com\/pixel\.png/);
  });

  it('fails when a chart never signals that it was drawn', async () => {
    expect(await failure('chart-hang', '<canvas data-chart="x"></canvas>')).toMatch(/never signalled/);
    expect(lastBrowserPid).toBeGreaterThan(0);
    expect(lastBrowserAlive()).toBe(false);
  });
});
