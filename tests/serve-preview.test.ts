import { describe, expect, it } from 'vitest';
import { rebuildReport } from '../src/cli/serve.ts';
import { previewPlans } from '../src/render/plugin.ts';
import type { PreparedPlan } from '../src/pipeline.ts';
import type { Diagnostic } from '../src/diagnostics.ts';

const error: Diagnostic = { severity: 'error', file: 'data/2026-27/board.yaml', line: 3, col: 5, code: 'yaml.syntax', message: 'the list is not closed', hint: 'add ]' };
const warning: Diagnostic = { severity: 'warning', file: 'content/2026-27/introduction.md', line: 0, col: 0, code: 'completeness.section-prompt', message: 'still the prompt' };
const plan = (id: string, diagnostics: Diagnostic[], derived = true, tag = ''): PreparedPlan => ({ id, loaded: { id, tag } as never, ...(derived ? { derived: { id } as never } : {}), diagnostics, files: 1 });

describe('the preview keeps the last good version of a plan with errors', () => {
  it('shows each plan as it is while it has no errors', () => {
    const lastGood = new Map<string, PreparedPlan>();
    const good = plan('2026-27', [warning]);
    expect(previewPlans([good], lastGood)).toEqual({ shown: [good], failures: [] });
    expect(lastGood.get('2026-27')).toBe(good);
  });

  it('shows the last good version under a panel of errors, then the fixed one', () => {
    const lastGood = new Map<string, PreparedPlan>();
    const good = plan('2026-27', [], true, 'good');
    previewPlans([good], lastGood);
    const broken = plan('2026-27', [error], false);
    const during = previewPlans([broken], lastGood);
    expect(during.shown).toEqual([good]);
    expect(during.failures).toEqual([{ id: '2026-27', diagnostics: [error] }]);
    const fixed = plan('2026-27', [], true, 'fixed');
    expect(previewPlans([fixed], lastGood)).toEqual({ shown: [fixed], failures: [] });
  });

  it('shows nothing of a plan that has never been without errors, but still lists its errors', () => {
    const result = previewPlans([plan('2026-27', [error], false)], new Map());
    expect(result.shown).toEqual([]);
    expect(result.failures).toHaveLength(1);
  });
});

describe('what the terminal says after each rebuild', () => {
  it('says how long the rebuild took, or lists the errors at file:line:col', () => {
    expect(rebuildReport([plan('2026-27', [warning])], 240)).toEqual(['✓ built in 240 ms: no errors, 1 warning(s) (run yjplan check to list them)']);
    const lines = rebuildReport([plan('2026-27', [error, warning], false)], 240);
    expect(lines[0]).toBe('data/2026-27/board.yaml:3:5  error  the list is not closed — add ]');
    expect(lines.at(-1)).toMatch(/^✗ 1 error\(s\): the pages show the last good version/);
  });
});
