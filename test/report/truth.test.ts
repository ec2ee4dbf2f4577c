import {createHash} from 'node:crypto'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {AssessmentSchema} from '../../src/assessment/schema.js'
import {DEMO_SNAPSHOT, runAssess} from '../../src/jobs/assess.js'
import {renderHtml} from '../../src/report/html.js'
import {renderMarkdown} from '../../src/report/markdown.js'
import {buildReportModel} from '../../src/report/model.js'
import {reportData} from './fixture.js'

const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, {recursive: true, force: true})
})

describe('the three biggest risks', () => {
  it('start with the largest deduction (jurisdiction exposure on the demo), each with its number and what to do', async () => {
    const data = await reportData()
    const {risks} = buildReportModel(data)
    const d = data.assessment.summary.deductions
    expect(Math.max(d.lockIn, d.concentration, d.jurisdiction, d.unmapped)).toBe(d.jurisdiction)
    expect(risks).toHaveLength(3)
    expect(risks[0]!.kind).toBe('deduction')
    expect(risks[0]!.title).toMatch(/^Jurisdiction exposure of \d+\.\d% .* costs \d+\.\d readiness points, the largest deduction/)
    expect(risks.map((r) => r.kind)).toContain('critical-findings')
    for (const r of risks) {
      expect(r.title).toMatch(/\d/)
      expect(r.action.length).toBeGreaterThan(10)
    }
  })
})

describe('one number per fact', () => {
  it('jurisdiction exposure reads the same in the summary, the regulatory mapping, the risks and the methodology', async () => {
    const data = await reportData()
    const md = [...renderMarkdown(data)].join('')
    const exposure = `${(data.assessment.summary.jurisdictionExposure * 100).toFixed(1)}%`
    const shown = [...md.matchAll(/[Jj]urisdiction exposure[^0-9]{0,40}(\d+(?:\.\d+)?%)/g)].map((m) => m[1])
    expect(shown.length).toBeGreaterThanOrEqual(3)
    expect(new Set(shown)).toEqual(new Set([exposure]))
  })

  it('the methodology states gravity with its real bound, as the appendix shows it', async () => {
    const data = await reportData()
    const c = data.assessment.constants
    const bound = c.statefulBonus + c.maxSizeBonus
    const maxGravity = Math.max(...data.assessment.resources.map((r) => r.breakdown.gravity))
    expect(maxGravity).toBeGreaterThan(c.maxSizeBonus)
    expect(maxGravity).toBeLessThanOrEqual(bound)
    for (const text of [[...renderMarkdown(data)].join(''), [...renderHtml(data)].join('')])
      expect(text).toContain(`so gravity is at most ${bound}`)
  })

  it('shares in the provider and control tables name their base', async () => {
    const md = [...renderMarkdown(await reportData())].join('')
    expect(md).toContain('| Share (weighted by criticality) | Share (by count) |')
    expect(md).toContain('Share of critical-function resources (by count)')
    expect(md).not.toMatch(/\| Weighted share \|/)
  })
})

describe('audit trail', () => {
  it('assessment.json and the reports carry the inputs’ SHA-256, the catalog, the policies with hashes, the tool and the time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'exitready-audit-'))
    dirs.push(dir)
    const now = new Date('2026-11-28T12:00:00Z')
    await runAssess({
      snapshots: [],
      demo: true,
      outDir: dir,
      formats: ['json', 'md', 'html'],
      policies: ['dora-exit', 'one-hole'],
      now,
      version: '9.9.9-test',
    })
    const json = AssessmentSchema.parse(JSON.parse(await readFile(join(dir, 'assessment.json'), 'utf8')))
    const p = json.provenance!
    const bytes = await readFile(DEMO_SNAPSHOT)
    expect(p.inputs).toEqual([
      {
        file: 'demo estate (fixtures/demo/inventory.json)',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.length,
      },
    ])
    expect(p.catalog.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(p.catalog.version).toBe('9.9.9-test')
    expect(p.policies.map((x) => [x.name, x.source])).toEqual([
      ['dora-exit', 'builtin:dora-exit'],
      ['one-hole', 'builtin:one-hole'],
    ])
    for (const x of p.policies) expect(x.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(p.tool).toEqual({name: 'exitready', version: '9.9.9-test'})
    expect(p.createdAt).toBe(now.toISOString())
    for (const file of ['exit-report.md', 'exit-report.html']) {
      const text = await readFile(join(dir, file), 'utf8')
      expect(text).toContain('Audit trail')
      expect(text).toContain(p.inputs![0]!.sha256)
      expect(text).toContain(p.catalog.fingerprint)
      for (const x of p.policies) expect(text).toContain(x.sha256)
    }
  })
})
