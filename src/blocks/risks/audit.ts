import type { Finding } from '../types.ts';
import { levelValue } from './derive.ts';
import type { RiskLevel, RiskScale, RisksData, RisksDerived } from './types.ts';

const SCALE_WORDS: Record<RiskScale, string> = {
  numeric: 'the numeric scale (1 to 5)',
  words: 'the words scale (Low, Medium, High)',
};

/** Checks on risks.yaml: one scale throughout, unique ids, stated scores, residual no worse than inherent. */
export function auditRisks(data: RisksData, derived: RisksDerived): Finding[] {
  return [...wrongScale(data), ...duplicateRiskIds(data), ...statedScores(data, derived), ...residualWorse(data, derived)];
}

function levelsOf(data: RisksData): { pointer: string; field: string; level: RiskLevel }[] {
  return data.risks.flatMap((risk, index) => [
    { pointer: `/risks/${index}/likelihood`, field: 'likelihood', level: risk.likelihood },
    { pointer: `/risks/${index}/impact`, field: 'impact', level: risk.impact },
    ...(risk.residual
      ? [
          { pointer: `/risks/${index}/residual/likelihood`, field: 'residual likelihood', level: risk.residual.likelihood },
          { pointer: `/risks/${index}/residual/impact`, field: 'residual impact', level: risk.residual.impact },
        ]
      : []),
  ]);
}

/** A rating on the other scale cannot be scored; when every rating is, the `scale` line is the mistake. */
function wrongScale(data: RisksData): Finding[] {
  const levels = levelsOf(data);
  const wrong = levels.filter((entry) => levelValue(entry.level, data.scale) === null);
  if (wrong.length === 0) return [];
  const other: RiskScale = data.scale === 'numeric' ? 'words' : 'numeric';
  if (wrong.length === levels.length) {
    return [
      {
        severity: 'error',
        pointer: '/scale',
        code: 'audit.risk-scale',
        message: `the register says \`scale: ${data.scale}\`, but every rating is on ${SCALE_WORDS[other]}`,
        hint: `write \`scale: ${other}\``,
      },
    ];
  }
  return wrong.map((entry) => ({
    severity: 'error',
    pointer: entry.pointer,
    code: 'audit.risk-scale',
    message: `the ${entry.field} "${entry.level}" is on ${SCALE_WORDS[other]}, but this register uses ${SCALE_WORDS[data.scale]}`,
    hint: data.scale === 'numeric' ? 'rate it from 1 to 5, like the other risks' : 'rate it Low, Medium or High, like the other risks',
  }));
}

function duplicateRiskIds(data: RisksData): Finding[] {
  const ids = data.risks.map((risk) => risk.id);
  return ids.flatMap((id, index): Finding[] => {
    const first = ids.indexOf(id);
    if (first === index) return [];
    return [
      {
        severity: 'error',
        pointer: `/risks/${index}/id`,
        code: 'audit.duplicate-risk-id',
        message: `the risk id "${id}" is used more than once (risks ${first + 1} and ${index + 1})`,
        hint: 'give each risk its own id, e.g. continue the sequence after the last one',
      },
    ];
  });
}

function statedScores(data: RisksData, derived: RisksDerived): Finding[] {
  return data.risks.flatMap((risk, index): Finding[] => {
    const findings: Finding[] = [];
    const { inherent, residual } = derived.risks[index]!;
    if (risk.score !== undefined && inherent.score !== null && risk.score !== inherent.score) {
      findings.push({
        severity: 'warning',
        pointer: `/risks/${index}/score`,
        code: 'audit.risk-score',
        message: `risk "${risk.id}" has its score stated as ${risk.score} but likelihood ${inherent.likelihoodLabel} × impact ${inherent.impactLabel} makes ${inherent.score}`,
        hint: 'correct the score, the likelihood or the impact; or remove `score:` and let it be computed',
      });
    }
    if (risk.residual?.score !== undefined && residual?.score != null && risk.residual.score !== residual.score) {
      findings.push({
        severity: 'warning',
        pointer: `/risks/${index}/residual/score`,
        code: 'audit.risk-score',
        message: `risk "${risk.id}" has its residual score stated as ${risk.residual.score} but likelihood ${residual.likelihoodLabel} × impact ${residual.impactLabel} makes ${residual.score}`,
        hint: 'correct the residual score, likelihood or impact; or remove `score:` and let it be computed',
      });
    }
    return findings;
  });
}

/** Actions reduce a risk; a residual rating above the inherent one is usually the two swapped. */
function residualWorse(data: RisksData, derived: RisksDerived): Finding[] {
  return derived.risks.flatMap((risk, index): Finding[] => {
    const { inherent, residual } = risk;
    if (!residual || residual.score === null || inherent.score === null || residual.score <= inherent.score) return [];
    return [
      {
        severity: 'warning',
        pointer: `/risks/${index}/residual`,
        code: 'audit.residual-higher',
        message: `risk "${data.risks[index]!.id}" has a residual score of ${residual.score}, higher than its score of ${inherent.score} before the actions`,
        hint: 'the residual rating is the one expected after the actions; check the two have not been swapped',
      },
    ];
  });
}
