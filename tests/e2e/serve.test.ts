/**
 * The authoring loop end to end: start 2026-27 from the example plan with `yjplan new`, preview it with
 * `yjplan serve`, edit a section and watch the browser show it; break a YAML file and see the error panel
 * while the server keeps running; fix it and see the panel go.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type LaunchedBrowser } from '../../src/print/browser.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'src', 'cli', 'bin.js');

let dir: string;
let port: number;
let server: ChildProcess;
let output = '';
let launched: LaunchedBrowser;
let page: Page;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls until `test` holds, through the page reloads live reload causes; returns how long it took. */
async function waitFor(test: () => Promise<boolean>, timeout = 15_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeout) {
    try {
      if (await test()) return Date.now() - started;
    } catch {
      // The page is between two documents while it reloads.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out after ${timeout} ms; server said:\n${output.slice(-3000)}`);
}

const bodyText = () => page.evaluate(() => document.querySelector('main')?.textContent ?? '');
const panelText = () => page.evaluate(() => document.querySelector('#yj-errors')?.textContent ?? null);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yjplan-serve-'));
  cpSync(join(root, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
  // A private TMPDIR: the preview folder is made there, so the test can see it removed at the end.
  mkdirSync(join(dir, 'tmp'));
  await run(process.execPath, [cli, 'new', '2026-27', '--from', '2025-26'], { cwd: dir });
  port = await freePort();
  server = spawn(process.execPath, [cli, 'serve', '2026-27', '--port', String(port)], { cwd: dir, env: { ...process.env, TMPDIR: join(dir, 'tmp') }, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(async () => output.includes('Previewing on'), 60_000);
  launched = await launchBrowser();
  page = await launched.browser.newPage();
  await page.goto(`http://localhost:${port}/2026-27/introduction/`, { waitUntil: 'load' });
});

afterAll(async () => {
  await launched?.close();
  if (server && server.exitCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('yjplan serve on a plan started with yjplan new', () => {
  it('shows the new plan\'s section as not written yet', async () => {
    expect(await bodyText()).toContain('Not written yet');
    expect(await panelText()).toBeNull();
  });

  it('shows an edit to a section in the browser, quickly', async () => {
    const file = join(dir, 'content', '2026-27', 'introduction.md');
    const words = 'This plan sets out how the Kelbridge partnership will keep children safe in 2026-27.';
    const started = Date.now();
    writeFileSync(file, `${words}\n`);
    await waitFor(async () => (await bodyText()).includes(words));
    const milliseconds = Date.now() - started;
    console.log(`live reload: the edit showed in the browser ${milliseconds} ms after the file was saved`);
    expect(await bodyText()).not.toContain('Not written yet');
    expect(milliseconds).toBeLessThan(3000);
  });

  it('shows a YAML error as a panel on the page and in the terminal, and keeps serving', async () => {
    const file = join(dir, 'data', '2026-27', 'board.yaml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, `${good}\nmembers: [unclosed\n`);
    await waitFor(async () => ((await panelText()) ?? '').includes('data/2026-27/board.yaml'));
    expect(await panelText()).toContain('The 2026-27 plan has errors');
    // The last good version of the page is still there under the panel.
    expect(await bodyText()).toContain('keep children safe in 2026-27');
    expect(output).toMatch(/data\/2026-27\/board\.yaml:\d+:\d+\s+error/);
    const home = await fetch(`http://localhost:${port}/`);
    expect(home.status).toBe(200);
    expect(server.exitCode).toBeNull();

    writeFileSync(file, good);
    await waitFor(async () => (await panelText()) === null);
    expect(await bodyText()).toContain('keep children safe in 2026-27');
  });

  it('stops cleanly: the server exits, the port is free and the preview folder is removed', async () => {
    await launched.close();
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`http://localhost:${port}/`)).rejects.toThrow();
    expect(readdirSync(join(dir, 'tmp')).filter((name) => name.startsWith('yjplan-preview-'))).toEqual([]);
    expect(existsSync(join(dir, '_site'))).toBe(false);
  });
});
