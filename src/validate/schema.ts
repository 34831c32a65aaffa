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

/** Collapses ajv's raw errors: a failed anyOf/oneOf says once what fits, not every branch's complaint. */
function explainErrors(errors: ErrorObject[], data: unknown, source: YamlSource): Diagnostic[] {
  const combinators = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  const diagnostics = new Map<string, Diagnostic>();
  for (const error of errors) {
    const insideCombinator = [...combinators].some(
      (path) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf' && error.instancePath === path && error.schemaPath.includes('Of/'),
    );
    if (insideCombinator) continue;
    const diagnostic = explainError(error, data, source);
    const key = `${diagnostic.line}:${diagnostic.col}:${diagnostic.message}`;
    if (!diagnostics.has(key)) diagnostics.set(key, diagnostic);
  }
  // A misspelt key also leaves its field missing: the "did you mean" error says all there is to say.
  const suggested = [...diagnostics.values()].flatMap((d) => (d.code === 'schema.additionalProperties' ? [/`([^`]+)`\?$/.exec(d.hint ?? '')?.[1]] : []));
  return [...diagnostics.values()].filter((d) => !(d.code === 'schema.required' && suggested.some((field) => field && d.message.endsWith(`\`${field}\``))));
}

const NUMBER_AS_TEXT = /^\s*[£$]?\s*-?[\d,]+(\.\d+)?\s*%?\s*$/;

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
      break;
    }
    case 'type': {
      const expected = String(params.type);
      if ((expected === 'number' || expected === 'integer') && typeof value === 'string' && NUMBER_AS_TEXT.test(value)) {
        const plain = value.replace(/[£$,%\s]/g, '');
        message = `${describePath(pointer)} is the text "${value}", not a number`;
        hint = value.includes('%')
          ? `write the percentage as a plain number without % (${plain}), or give the numerator and denominator`
          : `write it as a plain number without £, commas or spaces: ${plain}`;
      } else {
        message = `${describePath(pointer)} should be ${article(expected)} ${expected}, not ${describeValue(value)}`;
        if (typeof value === 'string' && /^n\/?a$/i.test(value)) hint = 'write N/A exactly, where the field allows it';
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
