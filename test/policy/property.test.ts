import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {ExitreadyError} from '../../src/errors.js'
import {parsePolicy} from '../../src/policy/load.js'

const POLICIES = join(import.meta.dirname, '../../policies')

describe('policy parser under random and mutated input', () => {
  it('gives a policy or exit 2 with a position, never a crash, never content', async () => {
    const text = await readFile(join(POLICIES, 'one-hole.yaml'), 'utf8')
    const marker = 'zq-secret-marker'
    const seeded = text.replace(/^(\s*title:\s*).*$/m, `$1${marker}`)
    await fc.assert(
      fc.asyncProperty(
        fc.integer({min: 0, max: seeded.length - 1}),
        fc.string({unit: fc.constantFrom(...': -[]{}&*!|>\'"#\n\t%@`,?'.split('')), maxLength: 4}),
        fc.integer({min: 0, max: 3}),
        async (at, insert, cut) => {
          const mutated = `${seeded.slice(0, at)}${insert}${seeded.slice(at + cut)}`
          try {
            parsePolicy(mutated, 'mutated.yaml')
          } catch (error) {
            expect(error).toBeInstanceOf(ExitreadyError)
            expect((error as ExitreadyError).exitCode).toBe(2)
            const message = (error as Error).message
            expect(message).toMatch(/^mutated\.yaml(:\d+:\d+)?: /)
            expect(message).not.toContain(marker)
          }
        },
      ),
      // A "|" inserted before the seeded title made the yaml library's "Not a YAML token: <text>" quote it (found by a CI run).
      {numRuns: 400, examples: [[131, '|', 0]]},
    )
  })

  it('a private key passed as a policy is refused without printing it', () => {
    const key =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n'
    let message = ''
    try {
      parsePolicy(key, '/home/me/.ssh/id_ed25519')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toBe('/home/me/.ssh/id_ed25519:1:1: expected object; found a string.')
  })
})

describe('a template left unrendered', () => {
  it('is refused at its position without its content reaching stderr', () => {
    const writes: string[] = []
    const original = process.emitWarning
    process.emitWarning = ((warning: string | Error) => {
      writes.push(String(warning))
    }) as typeof process.emitWarning
    let message = ''
    try {
      parsePolicy('apiVersion: exitready.dev/v1\nkind: Policy\nmetadata:\n  title: {{ hunter2-secret }}\n', 'p.yaml')
    } catch (error) {
      message = (error as Error).message
    } finally {
      process.emitWarning = original
    }
    expect(message).toBe('p.yaml:4:11: a map key that is itself a map or a list (an unrendered template?).')
    expect(writes.join('\n')).not.toMatch(/hunter2/)
  })
})
