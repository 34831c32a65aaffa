import { countBySeverity, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { loadPlan, type LoadedPlan } from './load/index.ts';
import { listPlanIds } from './load/files.ts';
import { validatePlan } from './validate/index.ts';
import { derivePlan, type DerivedPlan } from './derive/index.ts';
import { auditPlan } from './audit/index.ts';

export interface PreparedPlan {
  id: string;
  loaded: LoadedPlan;
  /** Absent when validation failed: nothing can be derived from data of the wrong shape. */
  derived?: DerivedPlan;
  diagnostics: Diagnostic[];
  files: number;
}

export interface PrepareOptions {
  /** Audit warnings become errors. */
  strict?: boolean;
}

/** load → validate → derive → audit for one plan. Never throws for problems in the plan's files. */
export function preparePlan(root: string, id: string, options: PrepareOptions = {}): PreparedPlan {
  const loaded = loadPlan(root, id);
  const files = loaded.files.size + loaded.markdown.length + loaded.diagnostics.length;
  const diagnostics = [...loaded.diagnostics, ...validatePlan(loaded)];
  if (!loaded.files.has('plan') || countBySeverity(diagnostics).errors > 0) {
    return { id, loaded, diagnostics: sortDiagnostics(diagnostics), files };
  }
  const derived = derivePlan(loaded);
  diagnostics.push(...auditPlan(loaded, derived));
  if (options.strict) for (const d of diagnostics) d.severity = 'error';
  return { id, loaded, derived, diagnostics: sortDiagnostics(diagnostics), files };
}

export function planIds(root: string, only?: string[]): string[] {
  return only && only.length ? only : listPlanIds(root);
}
