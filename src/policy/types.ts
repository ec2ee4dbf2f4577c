export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity)

export interface Finding {
  policy: string
  ruleId: string
  severity: Severity
  /** The failing resource (require rules); absent for aggregate limits. */
  resourceId?: string
  /** What an aggregate finding is about (a category or provider; the arrangement reference of an arrangements rule). */
  subject?: string
  /** The DORA arrangement reference (arrangements rules). */
  arrangement?: string
  message: string
  /** Measured value and bound (limit rules). */
  value?: number
  bound?: number
  waiver?: {reason: string; expires: string}
}

export interface RuleVerdict {
  id: string
  title: string
  severity: Severity
  kind: 'require' | 'limit' | 'arrangements'
  rationale: string
  remediation: string
  references: string[]
  /** The provisions this rule checks (the regulatory mapping's rows); absent in outcomes recorded before it existed. */
  provisions?: string[]
  /** The selector keys it selects by (an empty selection by `tags` or `id` means the estate is not labelled for it). */
  selectsBy?: string[]
  selected: number
  status: 'pass' | 'fail' | 'waived'
  findings: Finding[]
}

export interface PolicyOutcome {
  name: string
  title: string
  description?: string
  references: string[]
  source: string
  failOn: Severity
  rules: RuleVerdict[]
  /** Waivers past their expiry: they no longer waive, and are reported. */
  expiredWaivers: {rule: string; resources: string[]; reason: string; expires: string}[]
}
