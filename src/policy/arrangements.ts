import type {ArrangementsBlock} from '../assessment/schema.js'
import {exitProblems} from '../dora/exit-plan.js'
import type {ArrangementRule, Rule} from './schema.js'
import type {Finding} from './types.js'

/**
 * A per-arrangement rule (`arrangements:`) over the DORA arrangements joined by `assess
 * --arrangements`: one finding per arrangement in scope that lacks what the rule requires, naming
 * every gap. Without an arrangements file the rule cannot be checked, and says so in one finding
 * rather than passing: a DORA gate that saw no exit plan must not read as green.
 */
export function arrangementFindings(
  policy: string,
  rule: Rule & {arrangements: ArrangementRule},
  block: ArrangementsBlock | undefined,
  now: Date,
): {selected: number; findings: Finding[]} {
  const base = {policy, ruleId: rule.id, severity: rule.severity}
  if (!block)
    return {
      selected: 0,
      findings: [
        {
          ...base,
          subject: 'arrangements',
          message:
            'No arrangements file was given, so the exit plans per ICT arrangement cannot be checked: pass `--arrangements <file>` (kind: Arrangements; `exitready init --dora` writes a starter).',
        },
      ],
    }
  const inScope = block.arrangements.filter((a) => rule.arrangements.scope === 'all' || a.critical)
  const findings: Finding[] = []
  for (const a of inScope) {
    const problems = exitProblems(a, rule.arrangements.require, now)
    if (problems.length)
      findings.push({
        ...base,
        subject: a.reference,
        arrangement: a.reference,
        message: `${a.reference} (${a.providerName}): ${problems.map((p) => p.message).join('; ')}.`,
      })
  }
  return {selected: inScope.length, findings}
}
