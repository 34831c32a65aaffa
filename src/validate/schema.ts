import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Diagnostic } from '../diagnostics.ts';
import type { YamlSource } from '../load/source.ts';
import { joinPointer, parsePointer } from '../load/source.ts';
import { closest } from './suggest.ts';

// verbose: errors carry their schema, whose descriptions and known properties become the hints.
const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false, verbose: true });
// ajv-formats is CommonJS: under NodeNext its function may arrive as the module or as its `.default`.
const applyFormats = ((addFormats as unknown as { default?: unknown }).default ?? addFormats) as (ajv: Ajv, formats: string[]) => Ajv;
applyFormats(ajv, ['date', 'email', 'uri']);

const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Checks one YAML file's data against its block schema; every error located at its line and column. */
export function validateAgainstSchema(source: YamlSource, data: unknown, schema: object): Diagnostic[] {
  const validate = validatorFor(schema);
  if (validate(data)) return [];
  return explainErrors(validate.errors ?? [], data, source);
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const segment of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** Beyond this many errors in one file the rest are summarised: a pasted spreadsheet must not stall the check. */
export const MAX_ERRORS_PER_FILE = 50;

/**
 * Collapses ajv's raw errors: a failed anyOf/oneOf says once what fits, not every branch's complaint, and
 * a misspelt key does not also report its field as missing (the "did you mean" says all there is to say).
 */
function explainErrors(errors: ErrorObject[], data: unknown, source: YamlSource): Diagnostic[] {
  const combinators = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  // Suggestions are only worked out where a field is also missing: a pasted file may hold 100,000 unknown keys.
  const missingAt = new Set(errors.filter((e) => e.keyword === 'required').map((e) => e.instancePath));
  const misspelt = new Set(
    errors.flatMap((e) => {
      if (e.keyword !== 'additionalProperties' || !missingAt.has(e.instancePath)) return [];
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const field = closest(String((e.params as { additionalProperty: string }).additionalProperty), known);
      return field ? [`${e.instancePath}|${field}`] : [];
    }),
  );
  const relevant = errors.filter((error) => {
    if (error.keyword === 'required' && misspelt.has(`${error.instancePath}|${String((error.params as { missingProperty: string }).missingProperty)}`)) return false;
    return !(error.keyword !== 'anyOf' && error.keyword !== 'oneOf' && combinators.has(error.instancePath) && error.schemaPath.includes('Of/'));
  });
  const diagnostics = new Map<string, Diagnostic>();
  let skipped = 0;
  for (const error of relevant) {
    if (diagnostics.size >= MAX_ERRORS_PER_FILE) {
      skipped++;
      continue;
    }
    const diagnostic = explainError(error, data, source);
    const key = `${diagnostic.line}:${diagnostic.col}:${diagnostic.message}`;
    if (!diagnostics.has(key)) diagnostics.set(key, diagnostic);
  }
  const result = [...diagnostics.values()];
  if (skipped) {
    result.push({ severity: 'error', file: source.file, line: 0, col: 0, code: 'schema.too-many', message: `and ${skipped} more error(s) in this file`, hint: 'fix the ones above first; they are often the cause of the rest' });
  }
  return result;
}

const NUMBER_AS_TEXT = /^\s*[£$€]?\s*-?\d[\d,\s\u00a0\u202f]*(\.\d+)?\s*(%|k|m|bn)?\s*$/i;

/** The plain number a number-as-text stands for, for the hint. */
function plainNumber(text: string): string {
  const scale = /bn\s*$/i.test(text) ? 1e9 : /m\s*$/i.test(text) ? 1e6 : /k\s*$/i.test(text) ? 1e3 : 1;
  const digits = text.replace(/[£$€,%\s\u00a0\u202f]|k$|m$|bn$/gi, '').replace(/(k|m|bn)$/i, '');
  return scale === 1 ? digits : String(Math.round(Number(digits) * scale));
}

function numberAsText(pointer: string, value: string): { message: string; hint: string } {
  const plain = plainNumber(value);
  return {
    message: `${describePath(pointer)} is the text "${value}", not a number`,
    hint: value.includes('%')
      ? `write the percentage as a plain number without % (${plain}), or give the numerator and denominator`
      : `write it as a plain number without £, commas, spaces or units: ${plain}`,
  };
}

/** Whether a schema (or one of its anyOf/oneOf branches) accepts a number. */
function acceptsNumber(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const s = schema as { type?: string | string[]; anyOf?: unknown[]; oneOf?: unknown[] };
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  return types.includes('number') || types.includes('integer') || [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some(acceptsNumber);
}

/** Invisible characters in a key (a zero-width space pasted from Word) make a right-looking key unknown. */
function invisibleIn(text: string): string | undefined {
  const match = /[\u00a0\u200b-\u200f\u2028-\u202f\u2060\ufeff]/.exec(text);
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

function describePath(pointer: string): string {
  const segments = parsePointer(pointer);
  return segments.length ? `\`${segments.join('.')}\`` : 'the file';
}

function explainError(error: ErrorObject, data: unknown, source: YamlSource): Diagnostic {
  let pointer = error.instancePath;
  let atKey = false;
  let message = `${describePath(pointer)} ${error.message ?? 'is not valid'}`;
  let hint: string | undefined;
  const value = valueAt(data, pointer);
  const params = error.params as Record<string, unknown>;
  const schema = error.parentSchema as { description?: string; properties?: Record<string, unknown> } | undefined;

  switch (error.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      message = `${describePath(pointer)} is missing the required field \`${field}\``;
      const fieldSchema = schema?.properties?.[field] as { description?: string } | undefined;
      hint = `add \`${field}:\`${fieldSchema?.description ? ` (${fieldSchema.description})` : ''}`;
      break;
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      pointer = pointer + joinPointer(key);
      atKey = true;
      const known = Object.keys(schema?.properties ?? {});
      const suggestion = closest(key, known);
      message = `unknown field \`${key}\``;
      hint = suggestion ? `did you mean \`${suggestion}\`?` : `known fields here: ${known.join(', ')}`;
      const invisible = invisibleIn(key);
      if (invisible) hint = `the key holds an invisible character (${invisible}), often pasted from Word: retype it. ${hint}`;
      break;
    }
    case 'type': {
      const expected = String(params.type);
      if (/number|integer/.test(expected) && typeof value === 'string' && NUMBER_AS_TEXT.test(value)) {
        ({ message, hint } = numberAsText(pointer, value));
      } else {
        const described = expected.split(',').map((t) => (t === 'null' ? 'empty' : t)).join(' or ');
        message = `${describePath(pointer)} should be ${article(described)} ${described}, not ${describeValue(value)}`;
        if (typeof value === 'string' && /^n\/?a$/i.test(value)) hint = 'write N/A exactly, where the field allows it';
        else if (value === null) hint = 'write the value after the colon, or remove the line';
        else if (expected === 'integer' && typeof value === 'number') hint = 'write a whole number';
        else if (pointer === '' && expected === 'object') hint = 'the file holds fields, one per line, like `authority: Kelbridge Borough Council`; compare with the example plan';
        else if (schema?.description) hint = schema.description;
      }
      break;
    }
    case 'format': {
      message = `${describePath(pointer)} "${String(value)}" is not a valid ${params.format}`;
      if (params.format === 'date') {
        hint = /^\d{4}-\d{2}-\d{2}$/.test(String(value))
          ? 'that day does not exist in that month; check the calendar'
          : 'write dates as YYYY-MM-DD, e.g. 2026-03-31';
      }
      break;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof value === 'string' ? closest(value, allowed) : undefined;
      message = `${describePath(pointer)} is "${String(value)}", which is not one of: ${allowed.join(', ')}`;
      if (suggestion) hint = `did you mean \`${suggestion}\`?`;
      break;
    }
    case 'pattern':
      message = `${describePath(pointer)} "${String(value)}" is not in the expected form`;
      if (schema?.description) hint = schema.description;
      break;
    case 'anyOf':
    case 'oneOf':
      if (typeof value === 'string' && NUMBER_AS_TEXT.test(value) && acceptsNumber(schema)) {
        ({ message, hint } = numberAsText(pointer, value));
        break;
      }
      message = `${describePath(pointer)} does not fit any of the allowed forms (${describeValue(value)})`;
      if (schema?.description) hint = schema.description;
      break;
    default:
      if (schema?.description) hint = schema.description;
  }

  const position = source.positionOf(pointer, { key: atKey });
  return {
    severity: 'error',
    file: source.file,
    line: position.line,
    col: position.col,
    code: `schema.${error.keyword}`,
    message,
    hint,
    excerpt: source.lineText(position.line),
  };
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') return `the text "${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return `${typeof value} ${String(value)}`;
}
