import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {ExitreadyError} from '../../src/errors.js'
import {readZone} from '../../src/importers/dns/zone.js'
import {fixture} from './helpers.js'

const MARKER = 'zq-secret-marker'
const seeded = `${readFileSync(fixture('real/dns/azure-cli-zone3.txt'), 'utf8')}\nsecret IN TXT "${MARKER}" ; ${MARKER}\n${readFileSync(fixture('real/dns/dnscontrol-simple.com.zone'), 'utf8')}`

async function check(text: string): Promise<void> {
  try {
    const zone = await readZone(text, 'zone.db', {readInclude: async () => undefined})
    expect(zone.count).toBeGreaterThanOrEqual(zone.records.length)
    expect(JSON.stringify(zone.warnings)).not.toContain(MARKER)
  } catch (error) {
    expect(error).toBeInstanceOf(ExitreadyError)
    expect((error as ExitreadyError).exitCode).toBe(2)
    const message = (error as Error).message
    expect(message).toMatch(/^zone\.db:\d+:\d+: /)
    expect(message).not.toContain(MARKER)
  }
}

describe('zone file parser under random and mutated input', () => {
  it('mutated real zones give records or exit 2 at file:line:column, never a crash or content', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({min: 0, max: seeded.length - 1}),
        fc.string({unit: fc.constantFrom(...'();"\\$@. \t\n0123456789INMXTAab-'.split('')), maxLength: 5}),
        fc.integer({min: 0, max: 6}),
        (at, insert, cut) => check(`${seeded.slice(0, at)}${insert}${seeded.slice(at + cut)}`),
      ),
      {numRuns: 600},
    )
  })

  it('random text gives records or exit 2 with a position', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({maxLength: 300}), (text) => check(text)),
      {numRuns: 500},
    )
  })

  it('long runs of parentheses, escapes, strings and comments end (each character is read once)', async () => {
    const size = 200_000
    for (const text of ['('.repeat(size), '\\'.repeat(size), `a IN TXT ${'"x" '.repeat(size / 4)}\n`, ';'.repeat(size)])
      await check(text)
    const long = await readZone(`a IN TXT ${'"x" '.repeat(size / 4)}\n`, 'zone.db')
    expect(long.records[0]!.data).toHaveLength(size / 4)
  })
})
