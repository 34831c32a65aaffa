import { createHash } from 'node:crypto';
import type { LoadedPlan } from '../load/index.ts';

/**
 * SHA-256 over the plan's canonical data and content: each YAML file's parsed data serialised with sorted
 * keys (so comments and formatting do not count) and each markdown file's text with normalised line
 * endings. Printed on the PDF's sign-off page and in the site's footer; `yjplan verify` recomputes it.
 */
export function fingerprintOf(loaded: LoadedPlan): string {
  const hash = createHash('sha256');
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
