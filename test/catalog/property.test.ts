import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {CatalogFileSchema} from '../../src/catalog/schema.js'
import {ExitreadyError} from '../../src/errors.js'
import {parseYaml} from '../../src/util/yaml.js'

const CATALOG = join(import.meta.dirname, '../../catalog')

describe('catalog parser under random and mutated input', () => {
  it('gives a catalog file or exit 2 with a position, never a crash, never content', async () => {
    const text = (await readFile(join(CATALOG, 'hetzner.yaml'), 'utf8')).slice(0, 6000)
    const marker = 'zq-secret-marker'
    const seeded = text.replace(/^(\s*title:\s*).*$/m, `$1${marker}`)
    fc.assert(
      fc.property(
        fc.integer({min: 0, max: seeded.length - 1}),
        fc.string({unit: fc.constantFrom(...': -[]{}&*!|>\'"#\n\t%@`,?'.split('')), maxLength: 4}),
        fc.integer({min: 0, max: 3}),
        (at, insert, cut) => {
          const mutated = `${seeded.slice(0, at)}${insert}${seeded.slice(at + cut)}`
          try {
            parseYaml({file: 'mutated.yaml', text: mutated}, CatalogFileSchema)
          } catch (error) {
            expect(error).toBeInstanceOf(ExitreadyError)
            expect((error as ExitreadyError).exitCode).toBe(2)
            expect((error as Error).message).toMatch(/^mutated\.yaml(:\d+:\d+)?: /)
            expect((error as Error).message).not.toContain(marker)
          }
        },
      ),
      {numRuns: 300},
    )
  })
})
