import { accessSync, constants, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser } from 'puppeteer-core';
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

/** The browser's real file, size and time: a new or updated browser may print differently. */
export function browserIdentity(executable: string): string {
  const real = realpathSync(executable);
  const stats = statSync(real);
  return `${real}:${stats.size}:${stats.mtimeMs}`;
}

/** How long Chromium may take to start: YJPLAN_BROWSER_TIMEOUT seconds, 30 by default. */
export function launchTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.YJPLAN_BROWSER_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}

/** Launches headless Chromium offline, with a fresh profile; fails with an install hint when there is none. */
export async function launchBrowser(env: NodeJS.ProcessEnv = process.env): Promise<LaunchedBrowser> {
  const executablePath = findBrowser(env);
  if (!executablePath) {
    const explicit = env.YJPLAN_BROWSER || env.PUPPETEER_EXECUTABLE_PATH;
    throw new UserFacingError(explicit ? `the browser at ${explicit} (YJPLAN_BROWSER) does not exist or cannot run. ${INSTALL_HINT}` : `no Chromium or Chrome was found to print the PDF. ${INSTALL_HINT}`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'yjplan-chromium-'));
  const timeout = launchTimeout(env);
  let browser: Browser;
  try {
    // Loaded here, not at the top: an HTML-only build, and each worker thread of a big one, never need it.
    const { default: puppeteer } = await import('puppeteer-core');
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir: profile,
      timeout,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--font-render-hinting=none'],
    });
  } catch (error) {
    // Puppeteer stops a browser that failed to start only after a grace period, and a wrapper script's
    // children may outlive it: every process started with this profile is killed now, with its group.
    killProcessesUsing(profile);
    rmSync(profile, { recursive: true, force: true });
    const message = (error as Error).message;
    // Puppeteer's message ends with the browser's own stderr, whose first line usually says why.
    const stderr = /\nstderr:\n([^\n]+)/.exec(message)?.[1]?.trim();
    const reason = message.split('\n')[0]!.replace(/\s+/g, ' ').trim() + (stderr ? `: ${stderr}` : '');
    const what = (error as Error).name === 'TimeoutError' ? `did not start within ${timeout / 1000} s and was stopped` : `stopped as soon as it started (${reason})`;
    throw new UserFacingError(
      `the browser at ${executablePath} ${what}, so the PDF could not be printed. Check that it runs (${executablePath} --headless --dump-dom about:blank), ` +
        'or set YJPLAN_BROWSER to another Chromium or Chrome (YJPLAN_BROWSER_TIMEOUT=60 waits longer for a slow one).',
      { cause: error },
    );
  }
  let closed = false;
  return {
    browser,
    async close() {
      if (closed) return;
      closed = true;
      const child = browser.process();
      // The timer is cleared once the browser has closed: left running, it would hold Node open for 5 s.
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([browser.close(), new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
      } finally {
        clearTimeout(timer);
        // A browser that hangs on close is killed, with its helper processes, so no Chromium outlives a build.
        if (child?.pid && child.exitCode === null && child.signalCode === null) killGroup(child.pid);
        killProcessesUsing(profile);
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

/** Chromium is started in its own process group (puppeteer's `detached`), so the group goes with it. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Kills every process whose command line names `marker` (our profile folder), on systems with /proc. */
export function killProcessesUsing(marker: string): void {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      if (Number(pid) === process.pid || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      // Field 5 of /proc/<pid>/stat is the process group; the command name (field 2) may hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (group === Number(pid)) killGroup(group);
      else process.kill(Number(pid), 'SIGKILL');
    } catch {
      // The process ended meanwhile, or is not ours to kill.
    }
  }
}
