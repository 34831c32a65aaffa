import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import schema from '../editions/schema.json' with { type: 'json' };
import { YamlSource } from './source.ts';
import { validateAgainstSchema } from '../validate/schema.ts';
import { PlanError } from '../diagnostics.ts';

export interface EditionSection {
  id: string;
  title: string;
  required: boolean;
  group?: string;
  appendix?: boolean;
  /** Shortcode calls, e.g. `indicator "fte"`. */
  blocks?: string[];
  prompt: string;
}

export interface Edition {
  id: string;
  title: string;
  source?: string;
  note?: string;
  sections: EditionSection[];
}

const editionsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'editions');
const cache = new Map<string, Edition>();

export function editionIds(): string[] {
  return readdirSync(editionsDir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.replace(/\.yaml$/, ''))
    .sort();
}

/** Editions ship with the tool and are validated like plan data, so a bad edition file fails loudly. */
export function loadEdition(id: string): Edition | undefined {
  if (cache.has(id)) return cache.get(id);
  if (!editionIds().includes(id)) return undefined;
  const file = join(editionsDir, `${id}.yaml`);
  const text = readFileSync(file, 'utf8');
  const data = load(text);
  const diagnostics = validateAgainstSchema(new YamlSource(`src/editions/${id}.yaml`, text), data, schema);
  if (diagnostics.length) throw new PlanError(diagnostics);
  const edition = data as Edition;
  cache.set(id, edition);
  return edition;
}
