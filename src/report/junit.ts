import type {ReportData} from './types.js'

const xml = (value: unknown): string =>
  String(value ?? '')
    // Characters XML 1.0 cannot carry at all.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')

/**
 * junit.xml: one testsuite per policy, one testcase per rule. A failing rule has one failure listing
 * its findings; a rule whose findings are all waived is skipped. Counts are what CI systems expect.
 */
export function* renderJunit({policies, assessment}: ReportData): Generator<string> {
  let tests = 0
  let failures = 0
  let skipped = 0
  const suites: string[] = []
  for (const policy of policies) {
    const failed = policy.rules.filter((r) => r.status === 'fail').length
    const waived = policy.rules.filter((r) => r.status === 'waived').length
    tests += policy.rules.length
    failures += failed
    skipped += waived
    const cases = policy.rules.map((rule) => {
      const open = rule.findings.filter((f) => !f.waiver)
      const head = `    <testcase classname="${xml(`exitready.${policy.name}`)}" name="${xml(`${rule.id}: ${rule.title}`)}" time="0">`
      if (rule.status === 'fail') {
        const body = open.map((f) => `[${f.severity}] ${f.resourceId ?? f.subject ?? 'estate'}: ${f.message}`).join('\n')
        return `${head}\n      <failure message="${xml(`${open.length} finding${open.length > 1 ? 's' : ''} (${rule.severity})`)}" type="${xml(rule.severity)}">${xml(`${body}\n\nRemediation: ${rule.remediation}`)}</failure>\n    </testcase>`
      }
      if (rule.status === 'waived') {
        const w = rule.findings[0]!.waiver!
        return `${head}\n      <skipped message="${xml(`waived until ${w.expires}: ${w.reason}`)}"/>\n    </testcase>`
      }
      return `${head}</testcase>`
    })
    suites.push(
      `  <testsuite name="${xml(policy.title)}" id="${xml(policy.name)}" tests="${policy.rules.length}" failures="${failed}" errors="0" skipped="${waived}" time="0" timestamp="${xml(assessment.createdAt.slice(0, 19))}">\n${cases.join('\n')}\n  </testsuite>`,
    )
  }
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="exitready" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">\n${suites.join('\n')}\n</testsuites>\n`
}
