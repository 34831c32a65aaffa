import schema from './schema.json' with { type: 'json' };
import type { BlockDefinition, Figure, TableModel } from '../types.ts';
import { auditGlossary } from './audit.ts';
import { deriveGlossary } from './derive.ts';
import type { DerivedGlossary, GlossaryData } from './types.ts';

export { acronymsIn, findAcronyms, lookupTerm, undefinedAcronyms, variantUses } from './derive.ts';

export function glossaryFigures(glossary: DerivedGlossary): Record<string, Figure> {
  return { 'glossary.count': { kind: 'count', value: glossary.count } };
}

export function glossaryTables(glossary: DerivedGlossary): TableModel[] {
  return [
    {
      id: 'glossary',
      caption: 'Common youth justice terms',
      rowHeader: 'term',
      columns: [
        { key: 'term', label: 'Term', kind: 'text' },
        { key: 'expansion', label: 'Stands for', kind: 'text' },
        { key: 'definition', label: 'Meaning', kind: 'text' },
        { key: 'variants', label: 'Also written', kind: 'text' },
      ],
      rows: glossary.entries.map((entry) => ({
        term: entry.term,
        expansion: entry.expansion ?? null,
        definition: entry.definition,
        variants: entry.variants?.length ? entry.variants.join(', ') : null,
      })),
    },
  ];
}

export const glossaryBlock: BlockDefinition<GlossaryData, DerivedGlossary> = {
  id: 'glossary',
  title: 'Glossary',
  schema,
  derive: (data) => deriveGlossary(data),
  audit: (data) => auditGlossary(data),
  figures: glossaryFigures,
  tables: glossaryTables,
  shortcodes: {
    glossary: { template: 'glossary/glossary.njk', context: (glossary) => ({ glossary }) },
  },
};
