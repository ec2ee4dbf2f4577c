import type {Finding, Severity} from '../policy/types.js'
import type {ReportData} from './types.js'

/** GitHub code scanning accepts at most 25,000 results per run. */
export const SARIF_MAX_RESULTS = 25_000

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
}
/** GitHub's security-severity scale (0–10) for the severity badges. */
const SECURITY_SEVERITY: Record<Severity, string> = {critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0'}

/**
 * findings.sarif (SARIF 2.1.0). Each finding names its resource as a logical location; the physical
 * location is the inventory file, because code scanning requires one. Waived findings carry a suppression.
 */
export function* renderSarif({assessment, policies}: ReportData, maxResults = SARIF_MAX_RESULTS): Generator<string> {
  const rules: object[] = []
  const findings: {finding: Finding; index: number}[] = []
  for (const policy of policies)
    for (const rule of policy.rules) {
      const id = `${policy.name}/${rule.id}`
      rules.push({
        id,
        name: rule.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
        shortDescription: {text: rule.title},
        fullDescription: {text: rule.rationale},
        help: {
          text: rule.remediation,
          markdown: `**${rule.title}**\n\n${rule.rationale}\n\n**Remediation:** ${rule.remediation}`,
        },
        defaultConfiguration: {level: LEVEL[rule.severity]},
        properties: {
          tags: ['exitready', policy.name, ...rule.references],
          'security-severity': SECURITY_SEVERITY[rule.severity],
          precision: 'high',
        },
      })
      for (const finding of rule.findings) findings.push({finding, index: rules.length - 1})
    }
  const artifact = assessment.inputs.find((input) => !input.includes(' ')) ?? 'inventory.json'
  const results = findings.slice(0, maxResults).map(({finding, index}) => ({
    ruleId: `${finding.policy}/${finding.ruleId}`,
    ruleIndex: index,
    level: LEVEL[finding.severity],
    message: {text: finding.message},
    locations: [
      {
        physicalLocation: {artifactLocation: {uri: artifact.replace(/\\/g, '/')}, region: {startLine: 1}},
        logicalLocations: [
          {
            fullyQualifiedName: finding.resourceId ?? finding.subject ?? 'estate',
            kind: finding.resourceId ? 'resource' : 'module',
          },
        ],
      },
    ],
    partialFingerprints: {exitreadyFinding: `${finding.policy}/${finding.ruleId}/${finding.resourceId ?? finding.subject ?? ''}`},
    ...(finding.waiver
      ? {
          suppressions: [
            {kind: 'external', status: 'accepted', justification: `${finding.waiver.reason} (until ${finding.waiver.expires})`},
          ],
        }
      : {}),
    ...(finding.value !== undefined ? {properties: {value: finding.value, bound: finding.bound}} : {}),
  }))
  const truncated = findings.length > maxResults
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {name: 'exitready', version: assessment.generator.version, informationUri: 'https://exitready.dev', rules},
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: truncated
              ? [
                  {
                    level: 'warning',
                    message: {
                      text: `${findings.length} findings exceed the limit of ${maxResults} results per run; the first ${maxResults} are included. The full list is in assessment.json.`,
                    },
                  },
                ]
              : [],
          },
        ],
        results,
        properties: {grade: assessment.summary.grade, totalFindings: findings.length, truncated},
      },
    ],
  }
  yield `${JSON.stringify(log, null, 2)}\n`
}
