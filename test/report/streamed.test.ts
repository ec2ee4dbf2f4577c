import {beforeAll, describe, expect, it} from 'vitest'
import {appOf, neutraliseCell, ownerOf, renderCsv, tagColumns} from '../../src/report/csv.js'
import {renderJson} from '../../src/report/json.js'
import {renderJunit} from '../../src/report/junit.js'
import {renderSarif} from '../../src/report/sarif.js'
import type {ReportData} from '../../src/report/types.js'
import {reportData} from './fixture.js'

// The machine outputs are streams of chunks built straight from the data. These tests hold them
// to what the previous whole-string implementations produced on the demo estate.

/** resources.csv as the previous implementation wrote it: an array of cells per row, each neutralised and quoted. */
function previousCsv({assessment, policies, dependencies}: ReportData): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)
  const line = (cells: unknown[]) => `${cells.map((c) => quote(neutraliseCell(c))).join(',')}\r\n`
  const findingsById = new Map<string, string[]>()
  for (const policy of policies)
    for (const rule of policy.rules)
      for (const f of rule.findings)
        if (f.resourceId) findingsById.set(f.resourceId, [...(findingsById.get(f.resourceId) ?? []), `${f.policy}/${f.ruleId}`])
  const services = new Map(assessment.services.map((s) => [`${s.provider}\u0000${s.type}\u0000${s.portability}`, s]))
  const waveOf = new Map<string, number>()
  for (const wave of dependencies?.waves ?? []) for (const member of wave.members) waveOf.set(member.id, wave.wave)
  const tagKeys = tagColumns(assessment.resources)
  const header =
    'id,name,provider,account,region,country,control,type,category,portability,score,base,gravity,coupling,stateful,size_gib,speaks,target,european_alternatives,findings,effort,wave,app,owner'
  let text = line([...header.split(','), ...tagKeys.map((key) => `tag:${key}`)])
  for (const r of assessment.resources) {
    const service = services.get(`${r.provider}\u0000${r.type}\u0000${r.portability}`)
    text += line([
      r.id,
      r.name,
      r.provider,
      r.account,
      r.region,
      r.country,
      r.control,
      r.type,
      r.category,
      r.portability,
      r.score,
      r.breakdown.base,
      r.breakdown.gravity,
      r.breakdown.coupling,
      r.stateful,
      r.sizeGiB,
      service?.speaks,
      service?.target,
      service?.european.map((e) => `${e.provider}: ${e.service}`).join('; '),
      findingsById.get(r.id)?.join('; '),
      r.effort,
      dependencies?.graph.index.has(r.id) ? waveOf.get(r.id) : undefined,
      appOf(r.tags),
      ownerOf(r.tags),
      ...tagKeys.map((key) => r.tags[key]),
    ])
  }
  return text
}

const all = (chunks: Iterable<string>) => [...chunks].join('')

let data: ReportData
beforeAll(async () => {
  data = await reportData()
})

describe('resources.csv, streamed with memoised cells', () => {
  it('is byte-identical to the previous implementation on the demo estate (with hostile values)', () => {
    expect(all(renderCsv(data))).toBe(previousCsv(data))
  })

  it('is identical when the graph lists the resources in another order, and without a graph', () => {
    const graph = data.dependencies!.graph
    const nodes = [...graph.nodes].reverse()
    const shuffled: ReportData = {
      ...data,
      // The wave plan belongs to the graph it was computed on; a reordered graph comes without it.
      dependencies: {
        ...data.dependencies!,
        plan: undefined,
        graph: {...graph, nodes, index: new Map(nodes.map((n, i) => [n.id, i]))},
      },
    }
    expect(all(renderCsv(shuffled))).toBe(previousCsv(data))
    const {dependencies: _dependencies, ...withoutGraph} = data
    expect(all(renderCsv(withoutGraph))).toBe(previousCsv(withoutGraph))
  })
})

describe('assessment.json, streamed', () => {
  it('is the same JSON value as the whole assessment with its policies, every top-level field in order', () => {
    const text = all(renderJson(data))
    const {resources, ...head} = data.assessment
    const expected = {...head, policies: data.policies, resources}
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(expected)))
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(expected))
  })

  it('puts each resource and each finding on a line of its own, and the rest as JSON.stringify pretty-prints it', () => {
    const text = all(renderJson(data))
    const lines = text.split('\n')
    for (const resource of data.assessment.resources)
      expect(lines).toContain(`    ${JSON.stringify(resource)}${resource === data.assessment.resources.at(-1) ? '' : ','}`)
    const findings = data.policies.flatMap((p) => p.rules.flatMap((r) => r.findings))
    expect(findings.length).toBeGreaterThan(100)
    const findingLines = new Set(lines.map((l) => l.trim().replace(/,$/, '')))
    for (const finding of findings) expect(findingLines).toContain(JSON.stringify(finding))
    // Apart from those lists, the text is JSON.stringify(…, null, 2) of the same value.
    const lists: unknown[][] = []
    const value = JSON.parse(text)
    const mark = (list: unknown[]) => `\u0000list:${lists.push(list) - 1}`
    for (const policy of value.policies) for (const rule of policy.rules) rule.findings = mark(rule.findings)
    value.resources = mark(value.resources)
    const expected = JSON.stringify(value, null, 2).replace(/^( *)(.*)"\\u0000list:(\d+)"/gm, (_m, indent, before, n) => {
      const list = lists[Number(n)]!
      if (list.length === 0) return `${indent}${before}[]`
      return `${indent}${before}[\n${list.map((item) => `${indent}  ${JSON.stringify(item)}`).join(',\n')}\n${indent}]`
    })
    expect(text).toBe(`${expected}\n`)
  })

  it('prints a field another stage adds to the assessment without a change to the writer', () => {
    const extended = {...data, assessment: {...data.assessment, concentration: {providers: [{id: 'aws', share: 0.8}]}}}
    const parsed = JSON.parse(all(renderJson(extended as ReportData)))
    expect(parsed.concentration).toEqual({providers: [{id: 'aws', share: 0.8}]})
  })

  it('is handed on in chunks, never as one string of the whole estate', () => {
    const chunks = [...renderJson(data)]
    const total = chunks.reduce((n, c) => n + c.length, 0)
    expect(total).toBeGreaterThan(500_000)
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(total / 3)
  })
})

describe('findings.sarif, streamed', () => {
  it('is byte-identical to JSON.stringify of the whole log, capped or not', () => {
    for (const maxResults of [undefined, 5, 0]) {
      const text = all(renderSarif(data, maxResults === undefined ? {} : {maxResults}))
      const log = JSON.parse(text)
      expect(text).toBe(`${JSON.stringify(log, null, 2)}\n`)
      if (maxResults !== undefined) {
        expect(log.runs[0].results).toHaveLength(maxResults)
        expect(log.runs[0].properties.truncated).toBe(true)
      }
    }
  })
})

describe('junit.xml, capped per rule', () => {
  it('lists at most maxPerRule findings of each rule, says how many more, and fails the same rules', () => {
    const capped = all(renderJunit({...data, failOn: 'info'}, {maxPerRule: 2}))
    const full = all(renderJunit({...data, failOn: 'info'}))
    const failures = (xml: string) => [...xml.matchAll(/<failure message="([^"]*)"/g)].map((m) => m[1])
    expect(failures(capped)).toEqual(failures(full))
    const rules = data.policies.flatMap((p) => p.rules)
    const open = (r: (typeof rules)[number]) => r.findings.filter((f) => !f.waiver).length
    const more = [...capped.matchAll(/… and (\d+) more findings? not listed \(at most 2 per rule\)/g)].map((m) => Number(m[1]))
    expect(more.sort((a, b) => a - b)).toEqual(
      rules
        .filter((r) => open(r) > 2)
        .map((r) => open(r) - 2)
        .sort((a, b) => a - b),
    )
    const listed = capped.split('\n').filter((l) => /^(\s*<failure[^>]*>)?\[(info|low|medium|high|critical)\] /.test(l))
    expect(listed).toHaveLength(rules.reduce((n, r) => n + Math.min(2, open(r)), 0))
  })
})
