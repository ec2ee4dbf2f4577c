import {type Finding, type RuleVerdict, type Severity, severityRank} from '../policy/types.js'
import {SARIF_MAX_RESULTS} from './sarif.js'
import type {ReportData} from './types.js'

const xml = (value: unknown): string =>
  String(value ?? '')
    // Characters XML 1.0 cannot carry at all.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    // A lone surrogate is not a character either.
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const line = (f: Finding) => `[${f.severity}] ${f.resourceId ?? f.subject ?? 'estate'}: ${f.message}`

/** Findings listed per rule: a CI widget shows a failure's text whole, and a rule with a million findings would bury the rest. */
export const JUNIT_MAX_PER_RULE = 1000

export interface JunitOptions {
  /** Findings listed in the whole file, as SARIF caps its results; the rest are counted. */
  maxListed?: number
  /** Findings listed per rule; the rest are counted. */
  maxPerRule?: number
}

/** How a rule shows in JUnit, from its open findings and the fail-on threshold. */
type Verdict = {kind: 'failure' | 'findings'; open: Finding[]} | {kind: 'skipped' | 'pass'}

function verdictOf(rule: RuleVerdict, rank: number): Verdict {
  const open = rule.findings.filter((f) => !f.waiver)
  if (open.some((f) => severityRank(f.severity) >= rank)) return {kind: 'failure', open}
  if (open.length > 0) return {kind: 'findings', open}
  return {kind: rule.status === 'waived' ? 'skipped' : 'pass'}
}

/**
 * junit.xml: one testsuite per policy, one testcase per rule, so that the test widgets of GitLab and
 * Azure DevOps agree with the exit code:
 * - a rule with open findings at or above the fail-on severity (--fail-on, else the policy's failOn) is a `<failure>`;
 * - a rule whose open findings are all below it passes, with `<properties>` naming the findings and
 *   the findings in `<system-out>`;
 * - a rule whose findings are all waived is `<skipped>` with the waiver;
 * - the findings listed are capped per rule and for the whole file, with a line saying how many were left out.
 * Streamed: the counts first, then one chunk per test case.
 */
export function* renderJunit({policies, assessment, failOn}: ReportData, options: JunitOptions = {}): Generator<string> {
  const maxListed = options.maxListed ?? SARIF_MAX_RESULTS
  const maxPerRule = options.maxPerRule ?? JUNIT_MAX_PER_RULE
  let budget = maxListed
  /** The findings as lines, within the rule's cap and what is left of the budget, and a closing line for the rest. */
  const listing = (findings: Finding[]) => {
    const perFile = Math.max(0, budget)
    const count = Math.min(findings.length, maxPerRule, perFile)
    budget -= count
    const lines: string[] = []
    for (let i = 0; i < count; i++) lines.push(line(findings[i]!))
    if (findings.length > count) {
      const cap = perFile < maxPerRule ? `${maxListed} per file` : `${maxPerRule} per rule`
      lines.push(
        `… and ${plural(findings.length - count, 'more finding')} not listed (at most ${cap}); every finding is in assessment.json.`,
      )
    }
    return lines.join('\n')
  }
  const suites = policies.map((policy) => {
    const threshold: Severity = failOn ?? policy.failOn
    const verdicts = policy.rules.map((rule) => verdictOf(rule, severityRank(threshold)))
    return {
      policy,
      threshold,
      verdicts,
      failures: verdicts.filter((v) => v.kind === 'failure').length,
      skipped: verdicts.filter((v) => v.kind === 'skipped').length,
    }
  })
  const sum = (pick: (suite: (typeof suites)[number]) => number) => suites.reduce((n, suite) => n + pick(suite), 0)
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="exitready" tests="${sum((s) => s.policy.rules.length)}" failures="${sum((s) => s.failures)}" errors="0" skipped="${sum((s) => s.skipped)}" time="0">\n`
  for (const [index, {policy, threshold, verdicts, failures, skipped}] of suites.entries()) {
    yield `${index === 0 ? '' : '\n'}  <testsuite name="${xml(policy.title)}" id="${xml(policy.name)}" tests="${policy.rules.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0" timestamp="${xml(assessment.createdAt.slice(0, 19))}">`
    for (const [i, rule] of policy.rules.entries()) {
      const verdict = verdicts[i]!
      const head = `\n    <testcase classname="${xml(`exitready.${policy.name}`)}" name="${xml(`${rule.id}: ${rule.title}`)}" time="0">`
      if (verdict.kind === 'failure') {
        const message = `${plural(verdict.open.length, 'finding')} (${rule.severity}, at or above fail-on ${threshold})`
        yield `${head}\n      <failure message="${xml(message)}" type="${xml(rule.severity)}">${xml(`${listing(verdict.open)}\n\nRemediation: ${rule.remediation}`)}</failure>\n    </testcase>`
      } else if (verdict.kind === 'findings') {
        const properties = [
          ['findings', verdict.open.length],
          ['severity', rule.severity],
          ['fail-on', threshold],
          ['verdict', `below fail-on ${threshold}: does not fail the run`],
        ]
          .map(([name, value]) => `        <property name="${xml(name)}" value="${xml(value)}"/>`)
          .join('\n')
        yield `${head}\n      <properties>\n${properties}\n      </properties>\n      <system-out>${xml(listing(verdict.open))}</system-out>\n    </testcase>`
      } else if (verdict.kind === 'skipped') {
        const w = rule.findings[0]!.waiver!
        yield `${head}\n      <skipped message="${xml(`waived until ${w.expires}: ${w.reason}`)}"/>\n    </testcase>`
      } else yield `${head}</testcase>`
    }
    // An empty suite keeps the blank line it always had.
    yield policy.rules.length === 0 ? '\n\n  </testsuite>' : '\n  </testsuite>'
  }
  yield '\n</testsuites>\n'
}
