import { createHash, type Hash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Diagnostic } from './diagnostics.ts';
import type { PlanContext } from './blocks/plan/types.ts';
import { packageRoot } from './render/nunjucks.ts';
import { browserIdentity } from './print/browser.ts';

/**
 * Incremental builds: a plan whose inputs have not changed since the last build into the same folder keeps
 * its folder of pages, downloads and PDF from that build (moved into the new site as it is published), and
 * is neither checked, rendered nor printed again. Only the home page, which lists every plan, and the
 * shared assets are always rebuilt.
 *
 * A plan's key covers everything its part of the site (`<out>/<plan>/`) is made from: every file under
 * `data/<plan>/` and `content/<plan>/` and those of the plan its `previous:` names, yjplan's own code,
 * templates and dependencies, the browser that printed it, whether PDFs are printed, `--strict`, and the
 * date (the audit judges deadlines against today). The record lives in `.yjplan-cache/site/`, and a plan
 * is reused only while its published pages are the very files that build wrote.
 */

const VERSION = 1;

export interface PlanRecord {
  key: string;
  /** Other plans whose files this plan's pages are made from: the one its `previous:` names. */
  uses: string[];
  /** What the home page shows of it; its `previous` is left out. */
  context: Omit<PlanContext, 'previous'>;
  fingerprint: string;
  /** Its warnings (a plan with errors is never recorded), reported again by every build that reuses it. */
  diagnostics: Diagnostic[];
  /** Input files checked, and files of the plan in the site. */
  files: number;
  outputs: number;
  pdf?: { file: string; pages: number };
  /** Identity of its published `index.html`: a rebuild by anything else, or a hand edit, shows here. */
  stamp: string;
}

interface Manifest {
  version: number;
  /** The key of everything shared by all plans (code, browser, options, date). */
  shared: string;
  plans: Record<string, PlanRecord>;
  /** Each plan's files as last read: their names, sizes and times, and the digest of their bytes. */
  inputs: Record<string, PlanInputs>;
}

interface PlanInputs {
  signature: string;
  digest: string;
}

export interface IncrementalOptions {
  root: string;
  outDir: string;
  pdf: boolean;
  strict: boolean;
  /** The browser that prints, when PDFs are printed: a new browser prints every PDF again. */
  browser?: string;
  /** Ignore the last build: check, render and print everything. */
  fresh?: boolean;
}

export class SiteManifest {
  private readonly file: string;
  private readonly shared: string;
  private readonly last: Manifest | undefined;
  private readonly inputs = new Map<string, PlanInputs>();

  constructor(private readonly options: IncrementalOptions) {
    const outDir = existsSync(options.outDir) ? realpathSync(options.outDir) : options.outDir;
    this.file = join(options.root, '.yjplan-cache', 'site', `${createHash('sha256').update(outDir).digest('hex').slice(0, 16)}.json`);
    this.shared = sharedKey(options);
    this.last = options.fresh ? undefined : readManifest(this.file, this.shared);
  }

  /** The last build's record of a plan, when its inputs and its published pages are unchanged since. */
  reusable(id: string): PlanRecord | undefined {
    const record = this.last?.plans[id];
    if (!record || record.key !== this.keyOf(id, record.uses)) return undefined;
    return stampOf(join(this.options.outDir, id)) === record.stamp ? record : undefined;
  }

  /** Reads the plans' files now, before they are checked: an edit made during the build counts as a change next time. */
  snapshot(ids: string[]): void {
    for (const id of ids) this.inputsOf(id);
  }

  /** The key of a plan's inputs: its own files, those of the plans it uses, and everything shared. */
  keyOf(id: string, uses: string[]): string {
    const hash = createHash('sha256').update(this.shared);
    for (const planId of [id, ...uses]) hash.update(`${planId}\0${this.inputsOf(planId).digest}\0`);
    return hash.digest('hex');
  }

  /** Records the plans of a build just published (their pages now in the output folder). */
  write(records: Record<string, Omit<PlanRecord, 'stamp'>>): void {
    const plans: Record<string, PlanRecord> = {};
    for (const [id, record] of Object.entries(records)) {
      const stamp = stampOf(join(this.options.outDir, id));
      if (stamp) plans[id] = { ...record, stamp };
    }
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      writeFileSync(`${this.file}.tmp`, JSON.stringify({ version: VERSION, shared: this.shared, plans, inputs: Object.fromEntries(this.inputs) } satisfies Manifest));
      renameSync(`${this.file}.tmp`, this.file);
    } catch {
      // A read-only project: the next build checks and renders everything, as without a record.
    }
  }

  /**
   * The digest of a plan's files. Files whose names, sizes, inodes and modification times are all as when
   * last read are not read again (as git and make judge them): reading a big site's every file would cost
   * more than the rest of a build that changes one plan.
   */
  private inputsOf(id: string): PlanInputs {
    let inputs = this.inputs.get(id);
    if (!inputs) {
      const folders = ['data', 'content'].map((folder) => join(this.options.root, folder, id));
      const signature = createHash('sha256');
      for (const folder of folders) for (const path of filesIn(folder)) signature.update(`${relative(folder, path)}\0${statKey(path)}\0`);
      const known = this.last?.inputs[id];
      const signed = signature.digest('hex');
      if (known?.signature === signed) inputs = known;
      else {
        const hash = createHash('sha256');
        for (const folder of folders) hashTree(hash, folder);
        inputs = { signature: signed, digest: hash.digest('hex') };
      }
      this.inputs.set(id, inputs);
    }
    return inputs;
  }
}

function readManifest(file: string, shared: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return manifest.version === VERSION && manifest.shared === shared && manifest.inputs ? manifest : undefined;
  } catch {
    return undefined;
  }
}

let codeDigest: string | undefined;

function sharedKey(options: IncrementalOptions): string {
  // yjplan's code, templates, editions and the exact dependencies: any change renders every plan again.
  if (codeDigest === undefined) {
    const code = createHash('sha256');
    for (const folder of ['src', 'templates']) hashTree(code, join(packageRoot, folder));
    for (const file of ['package.json', 'package-lock.json']) if (existsSync(join(packageRoot, file))) code.update(readFileSync(join(packageRoot, file)));
    codeDigest = code.digest('hex');
  }
  const hash = createHash('sha256').update(`${VERSION}\0${codeDigest}\0pdf:${options.pdf}\0strict:${options.strict}\0${new Date().toISOString().slice(0, 10)}\0`);
  if (options.pdf && options.browser) hash.update(browserIdentity(options.browser));
  return hash.digest('hex');
}

/** Every file under `folder` (names and bytes, in a fixed order); nothing for a missing folder. */
export function hashTree(hash: Hash, folder: string): void {
  for (const path of filesIn(folder)) hash.update(`${relative(folder, path)}\0`).update(readFileSync(path)).update('\0');
}

function filesIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function statKey(path: string): string {
  const stats = statSync(path, { bigint: true });
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

/** Device, inode, size and times of a published plan's `index.html`; empty when it is missing. */
function stampOf(planOutput: string): string {
  try {
    return statKey(join(planOutput, 'index.html'));
  } catch {
    return '';
  }
}
