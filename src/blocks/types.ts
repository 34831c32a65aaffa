/**
 * The contract every block (budget, risks, actions, …) fulfils. A block lives in `src/blocks/<id>/`:
 * `schema.json` (what its YAML file may hold), `types.ts` (the same shape for TypeScript),
 * `derive.ts` (pure computations), `audit.ts` (stated vs computed), `*.njk` (how it renders),
 * `<id>.test.ts` (its unit tests). Adding a block means adding a folder and one line in `registry.ts`.
 */
import type { Severity } from '../diagnostics.ts';
import type { PlanContext } from './plan/types.ts';

/** A finding about one block file, located by JSON pointer; the validate stage turns it into file:line:col. */
export interface Finding {
  severity: Severity;
  /** JSON pointer into the block's YAML, e.g. `/partners/2/staffing`. */
  pointer: string;
  /** Point at the key rather than the value (unknown keys). */
  atKey?: boolean;
  code: string;
  message: string;
  hint?: string;
}

/** How a number is shown; rounding happens once, at display. */
export type FigureKind = 'count' | 'money' | 'percent' | 'pp' | 'rate' | 'ratio' | 'number' | 'text' | 'date';

export interface Figure {
  kind: FigureKind;
  value: number | string | null;
  /** Decimal places at display. */
  precision?: number;
  /** For rates: per 1,000 or per 100,000. */
  per?: number;
  /** Signed display (+1.2, −3.4) for changes. */
  signed?: boolean;
}

/** A cell: a number, text, blank (`null`: nothing), or `'N/A'` (not applicable, which is not 0). */
export type Cell = number | string | null;

export interface TableColumn {
  key: string;
  label: string;
  kind: FigureKind;
  precision?: number;
  per?: number;
  /** Show + on increases (change columns). */
  signed?: boolean;
}

/**
 * A table as data: rendered by one shared template, exported as CSV and JSON from the same object,
 * so a download can never disagree with the page.
 */
export interface TableModel {
  /** Unique in the plan; names the download files. */
  id: string;
  caption: string;
  columns: TableColumn[];
  rows: Record<string, Cell>[];
  /** Keys of columns whose cells head their row (`<th scope="row">`). */
  rowHeader?: string;
  totals?: Record<string, Cell>;
  footnotes?: { marker: string; text: string }[];
  /** Footnote markers per row index, shown beside the row header. */
  rowNotes?: Record<number, string[]>;
  /** Wide tables print on landscape pages. */
  wide?: boolean;
}

/** What a shortcode hands its template. */
export interface ShortcodeDefinition<Derived> {
  /** Template path relative to `src/blocks/`, e.g. `budget/budget-table.njk`. */
  template: string;
  /**
   * Builds the template's variables from the derived block and the shortcode's arguments. Throws an
   * `Error` with a plain message when the arguments name nothing (`{% actionPlan "P9" %}`): the message
   * becomes the author's error at the shortcode's line.
   */
  context: (derived: Derived, args: string[], plan: PlanContext) => Record<string, unknown>;
}

export interface BlockDefinition<Data = unknown, Derived = unknown> {
  /** File name without `.yaml` under `data/<plan>/`, and the key in the plan's data. */
  id: string;
  title: string;
  /** JSON Schema (draft-07) for the block's YAML file. */
  schema: object;
  derive: (data: Data, plan: PlanContext) => Derived;
  audit?: (data: Data, derived: Derived, plan: PlanContext) => Finding[];
  /** Figures citable in prose as `{% fig "key" %}`; keys are global, e.g. `budget.total`. */
  figures?: (derived: Derived, plan: PlanContext) => Record<string, Figure>;
  /** Tables offered as CSV/JSON downloads (and rendered by the shared table template). */
  tables?: (derived: Derived, plan: PlanContext) => TableModel[];
  shortcodes?: Record<string, ShortcodeDefinition<Derived>>;
}

/** Erases a block's own types so the registry can hold blocks of every kind. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of heterogeneous blocks; each block is typed where it is defined
export type AnyBlock = BlockDefinition<any, any>;
