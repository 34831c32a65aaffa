import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, publish, type BuildResult } from '../../src/build.ts';
import { createPlan } from '../../src/cli/new.ts';
import { PlanError } from '../../src/diagnostics.ts';

const repo = join(import.meta.dirname, '..', '..');
let scratch: string;
let root: string;
let out: string;

/** Every file of a folder with its bytes, by relative path. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[relative(dir, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name)).toString('base64');
  }
  return files;
}

const inode = (path: string) => statSync(path).ino;
const build = (options: { fresh?: boolean; pdf?: boolean; outDir?: string } = {}): Promise<BuildResult> => buildSite({ root, outDir: options.outDir ?? out, pdf: options.pdf ?? false, fresh: options.fresh });

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'yjplan-incremental-'));
  // Two years of one service: 2026-27 follows 2025-26 (its `previous:`), as `yjplan new --from` makes it.
  root = join(scratch, 'project');
  for (const folder of ['data', 'content']) cpSync(join(repo, folder, '2025-26'), join(root, folder, '2025-26'), { recursive: true });
  createPlan({ root, period: '2026-27', from: '2025-26' });
  out = join(scratch, 'site');
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a second build', () => {
  it('keeps every plan that has not changed, and publishes exactly what a fresh build does', async () => {
    const first = await build({ fresh: true });
    expect(first.reused).toEqual([]);
    expect(first.prepared.map((plan) => plan.id)).toEqual(['2025-26', '2026-27']);
    const fresh = tree(out);
    const page = inode(join(out, '2025-26', 'introduction', 'index.html'));

    const second = await build();
    expect(second.reused).toEqual(['2025-26', '2026-27']);
    expect(second.prepared).toEqual([]);
    expect(tree(out)).toEqual(fresh);
    expect(second.pages).toBe(Object.keys(fresh).length);
    // Kept, not written again: the very file of the first build.
    expect(inode(join(out, '2025-26', 'introduction', 'index.html'))).toBe(page);
    // The warnings of kept plans are still reported.
    expect(second.warnings).toEqual(first.warnings);
  });

  it('checks and renders again only the plan whose prose changed', async () => {
    const kept = inode(join(out, '2025-26', 'index.html'));
    // The section as written at last, in place of the prompt `yjplan new` left.
    writeFileSync(join(root, 'content', '2026-27', 'local-context.md'), 'The new youth hub in Kelbridge opens in the spring.\n');
    const result = await build();
    expect(result.prepared.map((plan) => plan.id)).toEqual(['2026-27']);
    expect(result.reused).toEqual(['2025-26']);
    expect(readFileSync(join(out, '2026-27', 'local-context', 'index.html'), 'utf8')).toContain('The new youth hub in Kelbridge opens in the spring.');
    expect(inode(join(out, '2025-26', 'index.html'))).toBe(kept);
    // The same as building everything again.
    const incremental = tree(out);
    await build({ fresh: true, outDir: join(scratch, 'fresh') });
    expect(incremental).toEqual(tree(join(scratch, 'fresh')));
  });

  it('keeps a plan whose files were saved again unchanged', async () => {
    await build();
    const file = join(root, 'content', '2026-27', 'local-context.md');
    writeFileSync(file, readFileSync(file));
    utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    expect((await build()).reused).toEqual(['2025-26', '2026-27']);
  });

  it('renders a plan again when the plan its previous: names changes', async () => {
    const data = join(root, 'data', '2025-26', 'plan.yaml');
    writeFileSync(data, readFileSync(data, 'utf8').replace(/^version: .*$/m, 'version: "0.10"'));
    const result = await build();
    expect(result.prepared.map((plan) => plan.id)).toEqual(['2025-26', '2026-27']);
  });

  it('renders a plan again when its published pages were changed by hand', async () => {
    await build();
    writeFileSync(join(out, '2025-26', 'index.html'), 'edited by hand');
    const result = await build();
    expect(result.prepared.map((plan) => plan.id)).toEqual(['2025-26']);
    expect(readFileSync(join(out, '2025-26', 'index.html'), 'utf8')).toContain('<html');
  });

  it('renders everything again with --fresh', async () => {
    const result = await build({ fresh: true });
    expect(result.reused).toEqual([]);
    expect(result.prepared).toHaveLength(2);
  });

  it('fails on an error in a changed plan and leaves the last site as it was, kept plans included', async () => {
    await build();
    const before = tree(out);
    const file = join(root, 'data', '2026-27', 'plan.yaml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace(/^edition: .*$/m, 'edition: yjb-1999'));
    await expect(build()).rejects.toBeInstanceOf(PlanError);
    expect(tree(out)).toEqual(before);
    writeFileSync(file, good);
    // The failed build recorded nothing: the next one keeps both plans again.
    expect((await build()).reused).toEqual(['2025-26', '2026-27']);
    expect(readdirSync(scratch).filter((name) => name.includes('.building-'))).toEqual([]);
  });

  it('prints again only the changed plan’s PDF, and keeps the other’s', async () => {
    await build({ pdf: true });
    const pdf = join(out, '2025-26', 'kelbridge-youth-justice-plan-2025-26.pdf');
    const kept = inode(pdf);
    appendFileSync(join(root, 'content', '2026-27', 'local-context.md'), '\nA second sentence, for the PDF.\n');
    const result = await build({ pdf: true });
    expect(result.prepared.map((plan) => plan.id)).toEqual(['2026-27']);
    expect(result.pdfs.map((p) => p.renders > 0)).toEqual([true, false]);
    // Printed or kept, each PDF is reported where it is published.
    for (const printed of result.pdfs) expect(statSync(printed.file).isFile(), printed.file).toBe(true);
    expect(inode(pdf)).toBe(kept);
  }, 120_000);
});

describe('publishing with plans kept from the last build', () => {
  it('moves the kept plans into the new site, and puts everything back if one cannot be moved', async () => {
    const site = join(scratch, 'publish', 'site');
    const write = (path: string, text: string) => {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
    };
    write(join(site, 'index.html'), 'old home');
    write(join(site, 'a', 'index.html'), 'plan a, kept');
    write(join(site, 'b', 'index.html'), 'plan b, old');
    const staging = join(scratch, 'publish', '.site.building-1');
    write(join(staging, 'index.html'), 'new home');
    write(join(staging, 'b', 'index.html'), 'plan b, new');
    const before = tree(site);

    await expect(publish(staging, site, ['a', 'missing'])).rejects.toThrow(/missing/);
    expect(tree(site)).toEqual(before);
    expect(tree(staging)).toEqual({ 'index.html': Buffer.from('new home').toString('base64'), [join('b', 'index.html')]: Buffer.from('plan b, new').toString('base64') });

    await publish(staging, site, ['a']);
    expect(Object.fromEntries(Object.entries(tree(site)).map(([name, bytes]) => [name, Buffer.from(bytes, 'base64').toString()]))).toEqual({ 'index.html': 'new home', [join('a', 'index.html')]: 'plan a, kept', [join('b', 'index.html')]: 'plan b, new' });
    expect(readdirSync(join(scratch, 'publish'))).toEqual(['site']);
  });
});
