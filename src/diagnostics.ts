/**
 * A finding about the plan's source files, reported as `file:line:col  severity  message — hint`.
 * Every stage (load, validate, audit, render) reports through this one shape, so the CLI, the
 * dev-server panel and `--json` all print the same thing.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based; 0 when the problem concerns the whole file. */
  line: number;
  col: number;
  /** What is wrong, in the author's terms. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** A short machine-readable kind, e.g. `schema.required`, `audit.total`. */
  code: string;
  /** The source line, shown beneath the message. */
  excerpt?: string;
}

/** A build-stopping failure that carries diagnostics rather than a stack trace. */
export class PlanError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'PlanError';
  }
}

/** An operational failure (no browser, output locked, …) with a message written for the user. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file;
  const text = d.hint ? `${d.message} — ${d.hint}` : d.message;
  if (d.excerpt === undefined || d.line <= 0) return `${where}  ${d.severity}  ${text}`;
  // Prose paragraphs sit on one long line: show a window around the column, not the whole paragraph.
  const width = 100;
  const from = Math.max(0, Math.min(d.col - 1 - 40, d.excerpt.length - width));
  const shown = (from > 0 ? '…' : '') + d.excerpt.slice(from, from + width) + (from + width < d.excerpt.length ? '…' : '');
  const caret = d.col - 1 - from + (from > 0 ? 1 : 0);
  const gutter = ' '.repeat(String(d.line).length);
  return `${where}  ${d.severity}  ${text}\n    ${d.line} | ${shown}\n    ${gutter} | ${' '.repeat(Math.max(0, caret))}^`;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) d.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}
