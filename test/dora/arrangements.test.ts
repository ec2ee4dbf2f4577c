import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {z} from 'zod'
import {ArrangementsFileSchema, parseArrangements} from '../../src/dora/arrangements.js'
import {isValidLei, leiCheckDigits} from '../../src/dora/lei.js'
import {ROOT} from '../helpers/cli.js'

const DEMO = join(ROOT, 'fixtures/demo/arrangements.yaml')
const demoText = () => readFileSync(DEMO, 'utf8')

describe('LEI check digits (ISO 17442, MOD 97-10)', () => {
  it("accepts GLEIF's own LEI and rejects it with one character changed", () => {
    expect(isValidLei('506700GE1G29325QX363')).toBe(true)
    expect(isValidLei('506700GE1G29325QX364')).toBe(false)
    expect(isValidLei('506700GE1G29325QX336')).toBe(false) // swapped check digits
    expect(isValidLei('506700GE1G29325QY363')).toBe(false)
  })
  it('rejects the wrong form: lower case, wrong length, letters in the check digits', () => {
    expect(isValidLei('506700ge1g29325qx363')).toBe(false)
    expect(isValidLei('506700GE1G29325QX36')).toBe(false)
    expect(isValidLei('506700GE1G29325QX3AB')).toBe(false)
  })
  it("computes the check digits of the reference file's fictitious LEIs", () => {
    expect(leiCheckDigits('506700GE1G29325QX3')).toBe('63')
    for (const lei of ['EXAMPLEFINENTITY0023', 'EXAMPLEHYPERSCALER98', 'EXAMPLEPARENT0000081', 'EXAMPLEICTPROVIDER60'])
      expect(isValidLei(lei)).toBe(true)
  })
})

describe('arrangements file', () => {
  it('parses the demo arrangements with defaults applied', () => {
    const file = parseArrangements(DEMO, demoText())
    expect(file.entity.lei).toBe('NORDWINDVERSICH0DE49')
    expect(file.register.consolidation).toBe('CON')
    expect(file.arrangements.map((a) => a.reference)).toEqual([
      'NW-ICT-2021-001',
      'NW-ICT-2022-002',
      'NW-ICT-2023-003',
      'NW-ICT-2020-004',
      'NW-ICT-2024-005',
    ])
    expect(file.providers.aws!.codeType).toBe('lei')
  })

  it('rejects an LEI with a broken check digit at its file:line:column', () => {
    const text = demoText().replace('lei: NORDWINDVERSICH0DE49', 'lei: NORDWINDVERSICH0DE48')
    expect(() => parseArrangements('a.yaml', text)).toThrow(
      /^a\.yaml:\d+:\d+: entity\.lei: a 20-character LEI whose ISO 17442 check digits hold/,
    )
  })

  it('rejects a closed-list value with a did-you-mean, and an unknown key', () => {
    const text = demoText().replace('type: x309', 'type: x3099').replace('competentAuthority:', 'competentAuthorty:')
    expect(() => parseArrangements('a.yaml', text)).toThrow(/entity\.type/)
    expect(() => parseArrangements('a.yaml', text)).toThrow(/unknown key "competentAuthorty".*did you mean/)
  })

  it('rejects references to providers and functions that do not exist, with their position', () => {
    const text = demoText().replace('provider: gcp\n', 'provider: google\n').replace('functions: [F7]', 'functions: [F9]')
    const error = (() => {
      try {
        parseArrangements('a.yaml', text)
      } catch (e) {
        return (e as Error).message
      }
    })()
    expect(error).toMatch(/a\.yaml:\d+:\d+: provider "google" is not a key of providers/)
    expect(error).toMatch(/a\.yaml:\d+:\d+: function "F9" is not defined under functions/)
  })

  it('the published JSON schema is generated from the zod schema', () => {
    const published = JSON.parse(readFileSync(join(ROOT, 'schemas/arrangements.schema.json'), 'utf8'))
    const generated = z.toJSONSchema(ArrangementsFileSchema, {target: 'draft-2020-12', io: 'input', unrepresentable: 'any'})
    const {$id: _id, title: _title, ...rest} = published
    expect(rest).toEqual(JSON.parse(JSON.stringify(generated)))
  })
})
