/**
 * `exitready import` beside a DORA arrangements file: it is detected (YAML or JSON), validated with
 * file:line:column, reported, and kept out of the snapshot (contracts are not resources).
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {arrangementsTemplate} from '../../src/cli/init-templates.js'
import {parseArrangements} from '../../src/dora/arrangements.js'
import {ExitreadyError} from '../../src/errors.js'
import {detectJsonFormat, detectYamlFormat, looksLikeArrangementsYaml} from '../../src/importers/detect.js'
import {importFilesDetailed} from '../../src/importers/index.js'
import {ROOT, tempDir} from '../helpers/cli.js'
import {demoArrangementsText} from './helpers.js'

const SAAS = join(ROOT, 'fixtures/import/saas-inventory.yaml')
const MARKER = 'zq-secret-marker-7f3a'

describe('import with an arrangements file', () => {
  it('detects it in YAML and in JSON', () => {
    expect(detectYamlFormat(demoArrangementsText())).toBe('arrangements')
    expect(detectJsonFormat(parse(demoArrangementsText()))).toBe('arrangements')
    expect(looksLikeArrangementsYaml('kind: "Arrangements"  # DORA\n')).toBe(true)
    expect(looksLikeArrangementsYaml('  kind: Arrangements\n')).toBe(false)
    expect(detectYamlFormat('apiVersion: exitready.dev/v1\nkind: Inventory\nservices: []\n')).toBe('inventory-yaml')
  })

  it('validates it, reports it and keeps it out of the snapshot: no resources, no source status', async () => {
    const dir = tempDir()
    const file = join(dir, 'arrangements.yaml')
    writeFileSync(file, demoArrangementsText())
    const json = join(dir, 'arrangements.json')
    writeFileSync(json, JSON.stringify(parse(demoArrangementsText())))
    const alone = await importFilesDetailed([SAAS])
    const outcome = await importFilesDetailed([SAAS, file, json])
    expect(outcome.snapshot.resources).toEqual(alone.snapshot.resources)
    expect(outcome.snapshot.sources).toEqual(alone.snapshot.sources)
    const summary = outcome.files[1]!
    expect(summary).toMatchObject({format: 'arrangements', resources: 0, status: 'complete'})
    expect(summary.detail).toBe(
      'DORA arrangements, valid: 5 arrangements (2 supporting a critical or important function), 7 functions, 5 providers',
    )
    expect(summary.warnings[0]).toMatch(
      /^Arrangements are not part of the snapshot: pass the file to `exitready assess --arrangements /,
    )
    expect(outcome.files[2]!.format).toBe('arrangements')
  })

  it('an invalid arrangements file is exit 2 at its file:line:column, and nothing is imported', async () => {
    const dir = tempDir()
    const file = join(dir, 'arrangements.yaml')
    writeFileSync(file, demoArrangementsText().replace("critical: 'yes', reasons: Claims", 'critical: maybe, reasons: Claims'))
    const error = await importFilesDetailed([SAAS, file]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExitreadyError)
    expect((error as ExitreadyError).exitCode).toBe(2)
    expect((error as Error).message).toMatch(/arrangements\.yaml:\d+:\d+: functions\[0\]\.critical: Invalid option/)
  })

  it('arrangements alone are no inventory: exit 2 saying where they go', async () => {
    const dir = tempDir()
    const file = join(dir, 'arrangements.yaml')
    writeFileSync(file, demoArrangementsText())
    const error = await importFilesDetailed([file]).catch((e: unknown) => e)
    expect((error as ExitreadyError).exitCode).toBe(2)
    expect((error as Error).message).toMatch(/DORA arrangements only, and no inventory source to import/)
    expect((error as ExitreadyError).suggestion).toMatch(/exitready assess --arrangements/)
  })

  it('the starter of init --dora validates as written', () => {
    const file = parseArrangements('exitready-arrangements.yaml', arrangementsTemplate(undefined))
    expect(file.entity.lei).toMatch(/^REPLACEWITHYOURLEI\d\d$/)
    expect(file.arrangements.map((a) => a.reference)).toEqual(['CONTRACT-001'])
    expect(detectYamlFormat(arrangementsTemplate('https://exitready.dev/schemas/arrangements.schema.json'))).toBe('arrangements')
  })

  it('mutated arrangements never crash the parser: a result, or exit 2 with a position and no value of the file', () => {
    const seeded = demoArrangementsText().replace('Claims handling', MARKER)
    const noise = fc.string({unit: fc.constantFrom(...'{}[]:,"\'\\ \n\t-!&*|>#%@`?0.eE'.split('')), maxLength: 4})
    fc.assert(
      fc.property(fc.integer({min: 0, max: seeded.length - 1}), noise, fc.integer({min: 0, max: 3}), (at, text, cut) => {
        const mutated = seeded.slice(0, at) + text + seeded.slice(at + cut)
        try {
          parseArrangements('a.yaml', mutated)
        } catch (error) {
          expect(error).toBeInstanceOf(ExitreadyError)
          expect((error as ExitreadyError).exitCode).toBe(2)
          expect((error as Error).message).toMatch(/^(a\.yaml:\d+:\d+|\d+ problems:\na\.yaml:\d+:\d+|a\.yaml)/)
          expect((error as Error).message).not.toContain(MARKER)
          expect((error as ExitreadyError).suggestion ?? '').not.toContain(MARKER)
        }
      }),
      {numRuns: 300},
    )
  })
})
