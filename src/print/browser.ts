import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { UserFacingError } from '../diagnostics.ts';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const INSTALL_HINT =
  'Install a browser, then build again: on Debian or Ubuntu run `sudo apt-get install -y chromium fonts-liberation` ' +
  '(or `npm run setup`); elsewhere install Chromium or Google Chrome and set YJPLAN_BROWSER=/path/to/it.';

/** YJPLAN_BROWSER (or PUPPETEER_EXECUTABLE_PATH), then Chromium or Chrome on PATH. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.YJPLAN_BROWSER || env.PUPPETEER_EXECUTABLE_PATH;
  if (explicit) return isExecutable(explicit) ? explicit : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of CANDIDATES) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface LaunchedBrowser {
  browser: Browser;
  /** Closes the browser and removes its profile; safe to call twice. */
  close(): Promise<void>;
}

/** Launches headless Chromium offline, with a fresh profile; fails with an install hint when there is none. */
export async function launchBrowser(env: NodeJS.ProcessEnv = process.env): Promise<LaunchedBrowser> {
  const executablePath = findBrowser(env);
  if (!executablePath) {
    const explicit = env.YJPLAN_BROWSER || env.PUPPETEER_EXECUTABLE_PATH;
    throw new UserFacingError(explicit ? `the browser at ${explicit} (YJPLAN_BROWSER) does not exist or cannot run. ${INSTALL_HINT}` : `no Chromium or Chrome was found to print the PDF. ${INSTALL_HINT}`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'yjplan-chromium-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir: profile,
      timeout: 30_000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--font-render-hinting=none'],
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new UserFacingError(`the browser at ${executablePath} did not start: ${(error as Error).message.split('\n')[0]}. ${INSTALL_HINT}`);
  }
  let closed = false;
  return {
    browser,
    async close() {
      if (closed) return;
      closed = true;
      const process = browser.process();
      try {
        await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      } finally {
        // A browser that hangs on close is killed, so no Chromium outlives a build.
        if (process && process.exitCode === null && !process.killed) process.kill('SIGKILL');
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}
