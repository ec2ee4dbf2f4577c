import Table from 'cli-table3'
import type {Assessment} from '../assessment/schema.js'
import {InputError} from '../errors.js'
import {type Finding, SEVERITIES, type Severity} from '../policy/types.js'
import {gib, num, pct} from '../report/format.js'
import {resolveHistoryRef} from './refs.js'
import type {HistoryEntry, HistoryStore} from './store.js'

/** What `history show --json` prints: the entry, its figures, and its findings. */
export interface HistoryShowResult {
  entry: HistoryEntry
  deductions: Assessment['summary']['deductions']
  providers: {provider: string; count: number; share: number; lockInIndex: number; statefulGiB: number}[]
  categories: {category: string; count: number; lockInIndex: number; hhi: number; critical: boolean}[]
  policies: {name: string; sha256?: string; failedRules: number; findings: Record<Severity, number>; waived: number}[]
  findings: Finding[]
}

export async function showAssessment(store: HistoryStore, ref: string): Promise<HistoryShowResult> {
  const id = await resolveHistoryRef(store, ref)
  const [entry, side] = await Promise.all([store.entry(id), store.load(id)])
  if (!entry || !side) throw new InputError(`Assessment #${id} was pruned while it was being read.`, 'Run the command again.')
  const hashes = new Map((side.assessment.provenance?.policies ?? []).map((p) => [p.name, p.sha256]))
  const findings = side.policies.flatMap((p) => p.rules.flatMap((r) => r.findings))
  return {
    entry,
    deductions: side.assessment.summary.deductions,
    providers: side.assessment.providers.map((p) => ({
      provider: p.provider,
      count: p.count,
      share: p.share,
      lockInIndex: p.lockInIndex,
      statefulGiB: p.statefulGiB,
    })),
    categories: side.assessment.categories.map((c) => ({
      category: c.category,
      count: c.count,
      lockInIndex: c.lockInIndex,
      hhi: c.concentration.hhi,
      critical: c.critical,
    })),
    policies: side.policies.map((p) => {
      const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
      let waived = 0
      for (const r of p.rules)
        for (const f of r.findings)
          if (f.waiver) waived++
          else bySeverity[f.severity]++
      return {
        name: p.name,
        ...(hashes.has(p.name) ? {sha256: hashes.get(p.name)!} : {}),
        failedRules: p.rules.filter((r) => r.status === 'fail').length,
        findings: bySeverity,
        waived,
      }
    }),
    findings,
  }
}

const table = (head: string[]) => new Table({head, style: {head: [], border: [], compact: true}})

export function renderList(entries: HistoryEntry[], location: string): string {
  if (entries.length === 0) return `No assessments in the history at ${location} yet.`
  const t = table(['Id', 'Date', 'Grade', 'Readiness', 'Lock-in', 'HHI', 'Non-EU exposure', 'Resources', 'Inputs'])
  for (const e of entries)
    t.push([
      `#${e.id}`,
      e.createdAt.slice(0, 16).replace('T', ' '),
      e.grade,
      num(e.readiness, 1),
      num(e.lockInIndex, 1),
      num(e.hhi),
      pct(e.jurisdictionExposure, 1),
      num(e.resourceCount),
      e.inputs.map((i) => i.path).join(', '),
    ])
  return t.toString()
}

export function renderShow(show: HistoryShowResult): string {
  const e = show.entry
  const lines = [
    `Assessment #${e.id} of ${e.createdAt} (recorded ${e.recordedAt}, exitready ${e.generatorVersion})`,
    `Grade ${e.grade}, readiness ${num(e.readiness, 1)}; lock-in ${num(e.lockInIndex, 1)}, HHI ${num(e.hhi)}, non-EU exposure ${pct(e.jurisdictionExposure, 1)}, unmapped ${pct(e.unmappedShare, 1)}; ${num(e.resourceCount)} resources, ${gib(e.dataGiB)} of data (${num(e.unknownSizeCount)} of unknown size).`,
    `Inputs: ${e.inputs.map((i) => (i.sha256 ? `${i.path} (sha256 ${i.sha256.slice(0, 12)})` : `${i.path} (not hashed)`)).join(', ') || 'none recorded'}`,
    `Catalog: ${e.catalogFingerprint ? e.catalogFingerprint.slice(0, 12) : 'fingerprint not recorded'}`,
    '',
  ]
  const providers = table(['Provider', 'Resources', 'Share', 'Lock-in', 'Stateful'])
  for (const p of show.providers)
    providers.push([p.provider, num(p.count), pct(p.share, 1), num(p.lockInIndex, 1), gib(p.statefulGiB)])
  lines.push(providers.toString(), '')
  const policies = table(['Policy', 'Failed rules', ...SEVERITIES, 'waived'])
  for (const p of show.policies) policies.push([p.name, p.failedRules, ...SEVERITIES.map((s) => p.findings[s]), p.waived])
  lines.push(policies.toString())
  return lines.join('\n')
}
