/**
 * Every import parser under random and mutated input: a result, or exit 2 with a position or a
 * reason, never a crash, and never a value of the file in the message (a mistaken path may point
 * at a state full of secrets). The inputs are the real fixtures with a marker planted in a value.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {Catalog} from '../../src/catalog/catalog.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {ExitreadyError} from '../../src/errors.js'
import {evaluateString, Unknown} from '../../src/importers/arm/expressions.js'
import {parseCloudFormationYaml} from '../../src/importers/cloudformation/yaml.js'
import {importFilesDetailed} from '../../src/importers/index.js'
import {parseJsonText} from '../../src/importers/json-text.js'
import {tempDir} from '../helpers/cli.js'
import {fixture, real} from './helpers.js'

const MARKER = 'zq-secret-marker-7f3a'
const catalog: Catalog = await loadCatalog()
const dir = tempDir()

/** Structural characters of JSON and YAML: the mutations that break parsers rather than values. */
const noise = fc.string({unit: fc.constantFrom(...'{}[]:,"\'\\ \n\t-!&*|>#%@`?0.eE'.split('')), maxLength: 4})

/** A mutation: delete `cut` characters at `at` and insert `text` there. */
const mutation = (length: number) =>
  fc.tuple(fc.integer({min: 0, max: Math.max(0, length - 1)}), noise, fc.integer({min: 0, max: 3}))

function expectExitTwoWithoutContent(error: unknown, name: string): void {
  expect(error).toBeInstanceOf(ExitreadyError)
  expect((error as ExitreadyError).exitCode).toBe(2)
  const message = (error as Error).message
  expect(message.startsWith(name)).toBe(true)
  expect(message).not.toContain(MARKER)
  expect((error as ExitreadyError).suggestion ?? '').not.toContain(MARKER)
}

/** Each format's real file, with the marker planted in one of its values. */
const SEEDED: [name: string, text: string][] = [
  ['state.tfstate', readFileSync(fixture('terraform/prod.tfstate'), 'utf8').replace('"prod-orders"', `"${MARKER}"`)],
  ['plan.json', readFileSync(real('terraform/local-aws-modules.plan.json'), 'utf8').replace('10.0.1.0/24', MARKER)],
  ['wrapped.txt', readFileSync(real('terraform/local-aws-modules.setup-terraform.txt'), 'utf8').replace('10.0.1.0/24', MARKER)],
  [
    'template.yaml',
    readFileSync(real('cloudformation/log-setup-management.yaml'), 'utf8').replace('central-cloudformation-logs', MARKER),
  ],
  ['template.json', readFileSync(real('cloudformation/S3_LambdaTrigger.json'), 'utf8').replace('python3.9', MARKER)],
  [
    'stack.json',
    readFileSync(real('cloudformation/describe-stack-resources.json'), 'utf8').replace('my-stack-bucket-1vc62xmplgguf', MARKER),
  ],
  ['arm.json', readFileSync(real('azure/bicep-vm-copy-managed-disks.json'), 'utf8').replace('Standard_DS2_v2', MARKER)],
  ['graph.json', readFileSync(real('azure/graph-rest-table-basic.json'), 'utf8').replace('Value1', MARKER)],
  ['pulumi.json', readFileSync(real('pulumi/ec2-networking.stack.json'), 'utf8').replace('10.0.0.0/16', MARKER)],
  ['tags.json', readFileSync(fixture('exports/aws-tagging.json'), 'utf8').replace('"prod-orders"', `"${MARKER}"`)],
]

describe('import parsers under random and mutated input', () => {
  for (const [name, seeded] of SEEDED) {
    it(`${name}: a snapshot or exit 2, never a crash, never the planted value in a message`, async () => {
      expect(seeded).toContain(MARKER)
      const file = join(dir, name)
      await fc.assert(
        fc.asyncProperty(mutation(seeded.length), async ([at, insert, cut]) => {
          writeFileSync(file, `${seeded.slice(0, at)}${insert}${seeded.slice(at + cut)}`)
          try {
            const {snapshot} = await importFilesDetailed([file], {catalog})
            expect(Array.isArray(snapshot.resources)).toBe(true)
          } catch (error) {
            expectExitTwoWithoutContent(error, file)
          }
        }),
        {numRuns: 120},
      )
    })
  }

  it('random text: a snapshot or exit 2, whatever the file holds', async () => {
    const file = join(dir, 'random.json')
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({maxLength: 200}), fc.json({maxDepth: 4}), fc.string({unit: 'grapheme', maxLength: 80})),
        async (text) => {
          writeFileSync(file, `${text}${MARKER}`)
          try {
            await importFilesDetailed([file], {catalog})
          } catch (error) {
            expectExitTwoWithoutContent(error, file)
          }
        },
      ),
      {numRuns: 200},
    )
  })

  it('JSON: a truncated or broken file gets line and column in words, never a character of it', async () => {
    const text = readFileSync(real('cloudformation/S3_LambdaTrigger.json'), 'utf8').replace('python3.9', MARKER)
    await fc.assert(
      fc.asyncProperty(mutation(text.length), async ([at, insert, cut]) => {
        const mutated = `${text.slice(0, at)}${insert}${text.slice(at + cut)}`
        let valid = true
        try {
          JSON.parse(mutated)
        } catch {
          valid = false
        }
        try {
          await parseJsonText(mutated, 'x.json')
          expect(valid).toBe(true)
        } catch (error) {
          expect(valid).toBe(false)
          expect((error as Error).message).toMatch(
            /^x\.json: (not valid JSON at line \d+, column \d+: expected [^"]+|not valid JSON: the file ends early at line \d+, column \d+ \(truncated\?\)|the file is empty)\.$/,
          )
        }
      }),
      {numRuns: 300},
    )
  })

  it('CloudFormation YAML: any text gives a template or file:line:col and the kind of problem', () => {
    const text = readFileSync(real('cloudformation/log-setup-management.yaml'), 'utf8').replace(
      'central-cloudformation-logs',
      MARKER,
    )
    fc.assert(
      fc.property(mutation(text.length), ([at, insert, cut]) => {
        try {
          parseCloudFormationYaml(`${text.slice(0, at)}${insert}${text.slice(at + cut)}`, 't.yaml')
        } catch (error) {
          expect(error).toBeInstanceOf(ExitreadyError)
          expect((error as Error).message).toMatch(/^t\.yaml(:\d+:\d+)?: /)
          expect((error as Error).message).not.toContain(MARKER)
        }
      }),
      {numRuns: 150},
    )
  })

  it('ARM expressions: any string evaluates to a value or an unknown, never an exception', () => {
    const scope = {parameter: () => 'p', variable: () => new Unknown('v'), copyIndex: () => 0}
    fc.assert(
      fc.property(
        fc.string({unit: fc.constantFrom(...`[]()',.abcdefgrsintxopmuvl0123456789 '`.split('')), maxLength: 60}),
        (body) => {
          expect(() => evaluateString(`[${body}]`, scope)).not.toThrow()
        },
      ),
      {numRuns: 500},
    )
  })
})

describe('deep nesting', () => {
  it('a plan nested thousands of levels deep imports or is exit 2, never a stack overflow', async () => {
    const {mkdtemp, writeFile} = await import('node:fs/promises')
    const {tmpdir} = await import('node:os')
    const {join} = await import('node:path')
    const {importFiles} = await import('../../src/importers/index.js')
    const deep = `${'{"a":'.repeat(20_000)}{}${'}'.repeat(20_000)}`
    const plan = `{"format_version":"1.2","terraform_version":"1.6.0","planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.x","mode":"managed","type":"aws_s3_bucket","name":"x","provider_name":"registry.terraform.io/hashicorp/aws","values":{"bucket":"x"},"sensitive_values":${deep}}]}},"configuration":{"root_module":{}}}`
    const file = join(await mkdtemp(join(tmpdir(), 'exitready-deep-')), 'plan.json')
    await writeFile(file, plan)
    const result = await importFiles([file]).then(
      (value) => ({value}),
      (error: unknown) => ({error}),
    )
    if ('error' in result) {
      expect((result.error as {exitCode?: number}).exitCode).toBe(2)
      expect(String((result.error as Error).message)).toMatch(/nested too deeply/)
    } else expect(result.value.resources).toHaveLength(1)
  })
})
