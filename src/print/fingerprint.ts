import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlan, type LoadedPlan } from '../load/index.ts';

/**
 * SHA-256 over the plan's canonical data and content: each YAML file's parsed data serialised with sorted
 * keys (so comments and formatting do not count), each markdown file's text with normalised line endings,
 * the images beside the data, and the previous plan that the progress section and the joined charts draw
 * on. Printed on the PDF's sign-off page and in the site's footer; `yjplan verify` recomputes it.
 */
export function fingerprintOf(loaded: LoadedPlan, loadPrevious: (id: string) => LoadedPlan = (id) => loadPlan(loaded.root, id)): string {
  return fingerprintAt(loaded, loadPrevious, 0);
}

function fingerprintAt(loaded: LoadedPlan, loadPrevious: (id: string) => LoadedPlan, depth: number): string {
  const hash = createHash('sha256');
  const dataDir = join(loaded.root, 'data', loaded.id);
  for (const name of existsSync(dataDir) ? readdirSync(dataDir).filter((n) => /\.(svg|png|jpe?g|webp|gif)$/i.test(n)).sort() : []) {
    hash.update(`media/${name}\n${createHash('sha256').update(readFileSync(join(dataDir, name))).digest('hex')}\n`);
  }
  const previous = (loaded.files.get('plan')?.data as { previous?: unknown } | undefined)?.previous;
  if (depth === 0 && typeof previous === 'string' && existsSync(join(loaded.root, 'data', previous, 'plan.yaml'))) {
    hash.update(`previous/${previous}\n${fingerprintAt(loadPrevious(previous), loadPrevious, depth + 1)}\n`);
  }
  for (const name of [...loaded.files.keys()].sort()) {
    hash.update(`data/${name}\n${canonicalJson(loaded.files.get(name)!.data)}\n`);
  }
  for (const markdown of [...loaded.markdown].sort((a, b) => a.sectionId.localeCompare(b.sectionId))) {
    hash.update(`content/${markdown.sectionId}\n${markdown.text.replace(/\r\n?/g, '\n').trimEnd()}\n`);
  }
  return hash.digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The short form printed for people: groups of four, first 16 hex digits. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ');
}
