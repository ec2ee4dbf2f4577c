import {type Finding, type Severity, severityRank} from '../policy/types.js'
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

export interface JunitOptions {
  /** Findings listed in the whole file, as SARIF caps its results; the rest are counted. */
  maxListed?: number
}

/**
 * junit.xml: one testsuite per policy, one testcase per rule, so that the test widgets of GitLab and
 * Azure DevOps agree with the exit code:
 * - a rule with open findings at or above the fail-on severity (--fail-on, else the policy's failOn) is a `<failure>`;
 * - a rule whose open findings are all below it passes, with `<properties>` naming the findings and
 *   the findings in `<system-out>`;
 * - a rule whose findings are all waived is `<skipped>` with the waiver;
 * - the findings listed are capped for the whole file, with a line saying how many were left out.
 */
export function* renderJunit({policies, assessment, failOn}: ReportData, options: JunitOptions = {}): Generator<string> {
  let budget = options.maxListed ?? SARIF_MAX_RESULTS
  /** The findings as lines, within what is left of the budget, and a closing line for the rest. */
  const listing = (findings: Finding[]) => {
    const shown = findings.slice(0, Math.max(0, budget))
    budget -= shown.length
    const lines = shown.map(line)
    if (findings.length > shown.length)
      lines.push(
        `… and ${plural(findings.length - shown.length, 'more finding')} not listed (at most ${options.maxListed ?? SARIF_MAX_RESULTS} per file); every finding is in assessment.json.`,
      )
    return lines.join('\n')
  }
  let tests = 0
  let failures = 0
  let skipped = 0
  const suites: string[] = []
  for (const policy of policies) {
    const threshold: Severity = failOn ?? policy.failOn
    const rank = severityRank(threshold)
    let suiteFailures = 0
    let suiteSkipped = 0
    const cases = policy.rules.map((rule) => {
      const open = rule.findings.filter((f) => !f.waiver)
      const blocking = open.filter((f) => severityRank(f.severity) >= rank).length
      const head = `    <testcase classname="${xml(`exitready.${policy.name}`)}" name="${xml(`${rule.id}: ${rule.title}`)}" time="0">`
      if (blocking > 0) {
        suiteFailures++
        const message = `${plural(open.length, 'finding')} (${rule.severity}, at or above fail-on ${threshold})`
        return `${head}\n      <failure message="${xml(message)}" type="${xml(rule.severity)}">${xml(`${listing(open)}\n\nRemediation: ${rule.remediation}`)}</failure>\n    </testcase>`
      }
      if (open.length > 0) {
        const properties = [
          ['findings', open.length],
          ['severity', rule.severity],
          ['fail-on', threshold],
          ['verdict', `below fail-on ${threshold}: does not fail the run`],
        ]
          .map(([name, value]) => `        <property name="${xml(name)}" value="${xml(value)}"/>`)
          .join('\n')
        return `${head}\n      <properties>\n${properties}\n      </properties>\n      <system-out>${xml(listing(open))}</system-out>\n    </testcase>`
      }
      if (rule.status === 'waived') {
        suiteSkipped++
        const w = rule.findings[0]!.waiver!
        return `${head}\n      <skipped message="${xml(`waived until ${w.expires}: ${w.reason}`)}"/>\n    </testcase>`
      }
      return `${head}</testcase>`
    })
    tests += policy.rules.length
    failures += suiteFailures
    skipped += suiteSkipped
    suites.push(
      `  <testsuite name="${xml(policy.title)}" id="${xml(policy.name)}" tests="${policy.rules.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}" time="0" timestamp="${xml(assessment.createdAt.slice(0, 19))}">\n${cases.join('\n')}\n  </testsuite>`,
    )
  }
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="exitready" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">\n${suites.join('\n')}\n</testsuites>\n`
}
