import Table from 'cli-table3'
import type {AssessmentDiff} from '../assessment/diff.js'
import {mdCell} from './markdown.js'

const signed = (n: number) => (n > 0 ? `+${n}` : String(n))

/** A diff as a terminal table or as Markdown (for a pull-request comment). */
export function renderDiff(diff: AssessmentDiff, format: 'table' | 'md'): string {
  const lines: string[] = []
  const gradeLine =
    diff.grade.old === diff.grade.new ? `Grade ${diff.grade.new} (unchanged)` : `Grade ${diff.grade.old} → ${diff.grade.new}`
  const indexRows = diff.indices.map((i) => [i.name, String(i.old), String(i.new), signed(i.delta)])
  const findingRows = (label: string, list: AssessmentDiff['newFindings']) =>
    list.map((f) => [label, f.severity, `${f.policy}/${f.ruleId}`, f.resourceId ?? f.subject ?? 'estate', f.message])
  const findings = [...findingRows('new', diff.newFindings), ...findingRows('resolved', diff.resolvedFindings)]
  const counts = `${diff.added.length} added, ${diff.removed.length} removed, ${diff.scoreChanges.length} score changes`
  if (format === 'md') {
    const table = (head: string[], rows: string[][]) =>
      [
        `| ${head.join(' | ')} |`,
        `|${head.map(() => ' --- ').join('|')}|`,
        ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
      ].join('\n')
    lines.push(
      `### exitready: ${gradeLine}`,
      '',
      table(['Index', 'Before', 'After', 'Change'], indexRows),
      '',
      `Resources: ${counts}.`,
      '',
    )
    if (findings.length) lines.push(table(['', 'Severity', 'Rule', 'Resource', 'Finding'], findings))
    else lines.push('No new or resolved findings.')
    return lines.join('\n')
  }
  const t = new Table({head: ['Index', 'Before', 'After', 'Change'], style: {head: [], border: [], compact: true}})
  t.push(...indexRows)
  lines.push(gradeLine, t.toString(), `Resources: ${counts}.`)
  if (findings.length) {
    const f = new Table({
      head: ['', 'Severity', 'Rule', 'Resource', 'Finding'],
      style: {head: [], border: [], compact: true},
      wordWrap: true,
      colWidths: [10, 10, 36, 40, 60],
    })
    f.push(...findings.slice(0, 50))
    lines.push(f.toString())
    if (findings.length > 50) lines.push(`… and ${findings.length - 50} more (use --json for all).`)
  } else lines.push('No new or resolved findings.')
  return lines.join('\n')
}
