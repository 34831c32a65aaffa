import { countBySeverity, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import type { LoadedPlan } from './load/index.ts';
import { listPlanIds } from './load/files.ts';
import { derivePlan, readPlan, type DerivedPlan, type ReadPlan } from './derive/index.ts';
import { auditPlan } from './audit/index.ts';
import { fingerprintOf } from './print/fingerprint.ts';

export interface PreparedPlan {
  id: string;
  loaded: LoadedPlan;
  /** Absent when validation failed: nothing can be derived from data of the wrong shape. */
  derived?: DerivedPlan;
  diagnostics: Diagnostic[];
  files: number;
  /** The plan's fingerprint (src/print/fingerprint.ts), with `derived`. */
  fingerprint?: string;
}

export interface PrepareOptions {
  /** Audit warnings become errors. */
  strict?: boolean;
  /**
   * Plans read earlier in the same run, by id, shared between calls: a plan named by another's `previous:`
   * is then read once, not twice. Only for one run over files that do not change meanwhile.
   */
  read?: Map<string, ReadPlan>;
}

/** load → validate → derive → audit for one plan. Never throws for problems in the plan's files. */
export function preparePlan(root: string, id: string, options: PrepareOptions = {}): PreparedPlan {
  const cache = options.read;
  const read = (planId: string): ReadPlan => {
    const known = cache?.get(planId);
    if (known) return known;
    const fresh = readPlan(root, planId);
    cache?.set(planId, fresh);
    return fresh;
  };
  const { loaded, diagnostics: found } = read(id);
  const files = loaded.files.size + loaded.markdown.length + loaded.diagnostics.length;
  const diagnostics = [...found];
  if (!loaded.files.has('plan') || countBySeverity(diagnostics).errors > 0) {
    return { id, loaded, diagnostics: sortDiagnostics(diagnostics), files };
  }
  const derived = derivePlan(loaded, { readPlan: read });
  diagnostics.push(...auditPlan(loaded, derived));
  // Copies, so a plan read once for the whole run keeps its own severities.
  const judged = options.strict ? diagnostics.map((d) => ({ ...d, severity: 'error' as const })) : diagnostics;
  const fingerprint = fingerprintOf(loaded, (planId) => read(planId).loaded);
  return { id, loaded, derived, diagnostics: sortDiagnostics(judged), files, fingerprint };
}

export function planIds(root: string, only?: string[]): string[] {
  return only && only.length ? only : listPlanIds(root);
}
