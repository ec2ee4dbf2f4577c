import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {type Browser, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runAssess} from '../../src/jobs/assess.js'
import {blockingFindings} from '../../src/policy/evaluate.js'
import {type PolicyOutcome, type Severity, severityRank} from '../../src/policy/types.js'
import {renderJunit} from '../../src/report/junit.js'
import type {ReportData} from '../../src/report/types.js'
import {tempDir} from '../helpers/cli.js'
import {REPORT_NOW, reportData} from './fixture.js'

const CHROMIUM = '/usr/bin/chromium'

interface ParsedCase {
  classname: string
  name: string
  children: string[]
  failure?: {message: string; text: string}
  skipped?: string
  properties: Record<string, string>
  out?: string
}
interface ParsedSuite {
  id: string
  tests: number
  failures: number
  skipped: number
  cases: ParsedCase[]
}
interface Parsed {
  error?: string
  root: {tests: number; failures: number; skipped: number; errors: number}
  suites: ParsedSuite[]
}

let browser: Browser
let page: Page
let data: ReportData

/** Parses the XML with the browser's own XML parser: a well-formedness error comes back as `error`. */
async function parse(xml: string): Promise<Parsed> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml')
    const error = doc.getElementsByTagName('parsererror')[0]
    const num = (e: Element, name: string) => Number(e.getAttribute(name))
    const root = doc.documentElement
    return {
      error: error?.textContent ?? undefined,
      root: {
        tests: num(root, 'tests'),
        failures: num(root, 'failures'),
        skipped: num(root, 'skipped'),
        errors: num(root, 'errors'),
      },
      suites: [...root.getElementsByTagName('testsuite')].map((suite) => ({
        id: suite.getAttribute('id') ?? '',
        tests: num(suite, 'tests'),
        failures: num(suite, 'failures'),
        skipped: num(suite, 'skipped'),
        cases: [...suite.getElementsByTagName('testcase')].map((tc) => {
          const failure = tc.getElementsByTagName('failure')[0]
          const skipped = tc.getElementsByTagName('skipped')[0]
          const out = tc.getElementsByTagName('system-out')[0]
          return {
            classname: tc.getAttribute('classname') ?? '',
            name: tc.getAttribute('name') ?? '',
            children: [...tc.children].map((c) => c.tagName),
            ...(failure ? {failure: {message: failure.getAttribute('message') ?? '', text: failure.textContent ?? ''}} : {}),
            ...(skipped ? {skipped: skipped.getAttribute('message') ?? ''} : {}),
            properties: Object.fromEntries(
              [...tc.getElementsByTagName('property')].map((p) => [p.getAttribute('name') ?? '', p.getAttribute('value') ?? '']),
            ),
            ...(out ? {out: out.textContent ?? ''} : {}),
          }
        }),
      })),
    }
  }, xml)
}

const render = (d: ReportData, maxListed?: number) => [...renderJunit(d, maxListed === undefined ? {} : {maxListed})].join('')
const ruleOf = (policies: PolicyOutcome[], suite: string, testcase: ParsedCase) =>
  policies.find((p) => p.name === suite)!.rules.find((r) => testcase.name.startsWith(`${r.id}: `))!

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`)
  browser = await chromium.launch({executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run']})
  page = await browser.newPage()
  data = await reportData()
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

describe('junit.xml', () => {
  for (const failOn of [undefined, 'critical', 'medium', 'info'] as (Severity | undefined)[])
    it(`is well-formed, and fails exactly the rules at or above ${failOn ? `--fail-on ${failOn}` : "each policy's failOn"}, as the exit code does`, async () => {
      const parsed = await parse(render({...data, ...(failOn ? {failOn} : {})}))
      expect(parsed.error).toBeUndefined()
      let failures = 0
      let passedWithFindings = 0
      for (const suite of parsed.suites) {
        const policy = data.policies.find((p) => p.name === suite.id)!
        const threshold = severityRank(failOn ?? policy.failOn)
        expect(suite.cases).toHaveLength(policy.rules.length)
        for (const testcase of suite.cases) {
          const rule = ruleOf(data.policies, suite.id, testcase)
          const open = rule.findings.filter((f) => !f.waiver)
          const blocks = open.some((f) => severityRank(f.severity) >= threshold)
          expect(testcase.failure !== undefined, testcase.name).toBe(blocks)
          if (blocks) failures++
          if (!blocks && open.length > 0) {
            // A finding below the threshold is reported, not failed.
            passedWithFindings++
            expect(testcase.children).not.toContain('failure')
            expect(testcase.properties).toMatchObject({findings: String(open.length), 'fail-on': failOn ?? policy.failOn})
            expect(testcase.out).toContain(open[0]!.message.slice(0, 20))
          }
        }
        expect(suite.failures).toBe(suite.cases.filter((c) => c.failure).length)
      }
      expect(parsed.root.failures).toBe(failures)
      expect(parsed.root.tests).toBe(data.policies.reduce((n, p) => n + p.rules.length, 0))
      // The widgets agree with the exit code: a failure exactly when a finding blocks.
      expect(failures > 0).toBe(blockingFindings(data.policies, failOn).length > 0)
      if (failOn === 'critical') expect(passedWithFindings).toBeGreaterThan(0)
    })

  it('a rule whose findings are all waived is skipped with the waiver', async () => {
    const policies = structuredClone(data.policies)
    const rule = policies[0]!.rules.find((r) => r.findings.length > 0)!
    rule.status = 'waived'
    for (const f of rule.findings) f.waiver = {reason: 'accepted by the board', expires: '2027-06-30'}
    const parsed = await parse(render({...data, policies}))
    const testcase = parsed.suites[0]!.cases.find((c) => c.name.startsWith(`${rule.id}: `))!
    expect(testcase.skipped).toBe('waived until 2027-06-30: accepted by the board')
    expect(testcase.failure).toBeUndefined()
    expect(parsed.suites[0]!.skipped).toBe(1)
  })

  it('caps the findings listed in the file, with a line saying how many more', async () => {
    const parsed = await parse(render({...data, failOn: 'info'}, 10))
    const texts = parsed.suites.flatMap((s) => s.cases.flatMap((c) => [c.failure?.text ?? '', c.out ?? '']))
    const listed = texts.flatMap((t) => t.split('\n')).filter((l) => /^\[(info|low|medium|high|critical)\] /.test(l))
    expect(listed).toHaveLength(10)
    const total = data.policies.reduce(
      (n, p) => n + p.rules.reduce((m, r) => m + r.findings.filter((f) => !f.waiver).length, 0),
      0,
    )
    const more = texts.flatMap((t) => t.split('\n')).filter((l) => l.startsWith('… and '))
    const counted = more.reduce((n, l) => n + Number(/and (\d+) more/.exec(l)![1]), 0)
    expect(counted).toBe(total - 10)
    expect(more[0]).toMatch(/\(at most 10 per file\); every finding is in assessment\.json\.$/)
  })

  it('stays well-formed with control characters, lone surrogates and markup in values', async () => {
    const policies = structuredClone(data.policies)
    const finding = policies.flatMap((p) => p.rules).find((r) => r.findings.length)!.findings[0]!
    finding.message = 'bad \u0000\u0001\u001b[31m \ud800 lone <script>&amp;"\' ]]> end'
    policies[0]!.title = 'Title <with> "quotes" & \u0007bell'
    const parsed = await parse(render({...data, policies, failOn: 'info'}))
    expect(parsed.error).toBeUndefined()
    const all = parsed.suites.flatMap((s) => s.cases).map((c) => c.failure?.text ?? '')
    expect(all.some((t) => t.includes('lone <script>&amp;"\' ]]> end'))).toBe(true)
  })

  it('assess --demo --fail-on passes its threshold and the demo file to the reports: JUnit fails what the exit code fails', async () => {
    for (const failOn of ['critical', 'info'] as const) {
      const outDir = tempDir()
      const result = await runAssess({
        snapshots: [],
        demo: true,
        outDir,
        formats: ['junit', 'sarif'],
        policies: ['baseline', 'sovereign-first'],
        failOn,
        now: REPORT_NOW,
        version: '0.0.0-test',
      })
      const parsed = await parse(readFileSync(join(outDir, 'junit.xml'), 'utf8'))
      expect(parsed.root.failures > 0).toBe(result.exitCode === 1)
      const failing = parsed.suites.flatMap((suite) =>
        suite.cases.filter((c) => c.failure).map((c) => ruleOf(result.policies, suite.id, c)),
      )
      expect(failing.every((r) => severityRank(r.severity) >= severityRank(failOn))).toBe(true)
      if (failOn === 'critical') expect(failing.map((r) => r.id)).toEqual(['identity-kms-eu-control'])
      const sarif = JSON.parse(readFileSync(join(outDir, 'findings.sarif'), 'utf8'))
      expect(sarif.runs[0].artifacts[0].location.uri).toBe('fixtures/demo/inventory.json')
    }
  })
})
