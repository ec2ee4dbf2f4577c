import {describe, expect, it} from 'vitest'
import {AssessmentSchema} from '../../src/assessment/schema.js'
import {parseArrangements} from '../../src/dora/arrangements.js'
import {summariseArrangements} from '../../src/dora/summary.js'
import {demoArrangementsText, demoEstate, NOW, registerFor} from './helpers.js'

async function summary(text = demoArrangementsText()) {
  const {file, join, assessment, dependencies} = await registerFor(text)
  return {block: summariseArrangements(file, 'arrangements.yaml', assessment, dependencies, NOW), join, assessment}
}

describe('the arrangements block of assess --arrangements', () => {
  it('counts covered and uncovered resources as the join does, grouped by provider, account and type', async () => {
    const {block, join, assessment} = await summary()
    expect(block.covered + block.uncovered.count).toBe(assessment.resources.length)
    expect(block.uncovered.count).toBe(join.uncovered.length)
    expect(block.uncovered.count).toBeGreaterThan(0)
    expect(block.uncovered.groups.reduce((sum, g) => sum + g.count, 0)).toBe(join.uncovered.length)
    expect(block.uncovered.ids).toEqual(join.uncovered.map((r) => r.id))
    for (const g of block.uncovered.groups)
      expect(
        join.uncovered.filter((r) => r.provider === g.provider && r.account === g.account && r.type === g.type),
      ).toHaveLength(g.count)
    expect(block.arrangements.map((a) => [a.reference, a.resources])).toEqual(
      [...join.byArrangement].map(([reference, resources]) => [reference, resources.length]),
    )
    expect(block.empty).toEqual([])
    expect(block.entity).toEqual({lei: 'NORDWINDVERSICH0DE49', name: 'Nordwind Versicherung AG'})
  })

  it('the block is valid against the assessment schema', async () => {
    const {block, assessment} = await summary()
    expect(AssessmentSchema.safeParse({...assessment, arrangements: block}).success).toBe(true)
  })

  it('names arrangements that cover nothing, with an unknown substitutability', async () => {
    const text = demoArrangementsText().replace(
      'select: [{provider: scaleway, tag: {app: document-archive}}]',
      'select: [{provider: scaleway, tag: {app: no-such-app}}]',
    )
    const {block} = await summary(text)
    expect(block.empty).toEqual([{reference: 'NW-ICT-2024-005'}])
    const scaleway = block.arrangements.find((a) => a.reference === 'NW-ICT-2024-005')!
    expect(scaleway).toMatchObject({resources: 0, substitutability: {source: 'unknown', basis: 'it covers no resource'}})
  })

  it('substitutability and alternatives: supplied where the file gives them, else proposed from the catalog', async () => {
    const {block} = await summary()
    const [aws, azure] = block.arrangements
    expect(aws!.substitutability).toMatchObject({value: 'highly-complex', source: 'proposed'})
    expect(aws!.substitutability.basis).toMatch(/^the hardest portability class among its \d+ resources: proprietary/)
    expect(aws!.alternatives.source).toBe('proposed')
    expect(aws!.alternatives.identified).toBeUndefined()
    // Providers, each once, those offering the most alternatives first.
    expect(new Set(aws!.alternatives.providers).size).toBe(aws!.alternatives.providers.length)
    expect(aws!.alternatives.providers).toContain('hetzner')
    expect(azure!.substitutability).toEqual({
      value: 'medium',
      source: 'supplied',
      basis: 'assessment.substitutability in the arrangements file',
    })
    expect(azure!.alternatives).toEqual({identified: 'yes', source: 'supplied', providers: ['IONOS Cloud', 'STACKIT']})
  })

  it('functions with their criticality, and the exit-plan facts; exit plans only for critical arrangements', async () => {
    const {block} = await summary()
    expect(block.arrangements.filter((a) => a.critical).map((a) => a.reference)).toEqual(['NW-ICT-2021-001', 'NW-ICT-2022-002'])
    expect(block.exitPlans.map((p) => p.reference)).toEqual(['NW-ICT-2021-001', 'NW-ICT-2022-002'])
    expect(block.arrangements[0]!.functions.map((f) => `${f.id}:${f.critical}`)).toEqual(['F1:yes', 'F2:yes', 'F5:no'])
    expect(block.arrangements[1]!.exitPlan).toEqual({
      link: 'https://wiki.nordwind.example/exit/broker-portal',
      owner: 'broker-channel@nordwind.example',
      lastTested: '2024-09-03',
      nextDue: '2025-09-03',
      overdue: true,
    })
    expect(block.arrangements[2]!.exitPlan).toEqual({overdue: true})
  })

  it('the same block whether joined here or by the caller', async () => {
    const {evaluation} = await demoEstate()
    const file = parseArrangements('a.yaml', demoArrangementsText())
    const a = summariseArrangements(file, 'a.yaml', evaluation.assessment, evaluation.dependencies, NOW)
    const {block} = await summary()
    expect({...a, file: 'arrangements.yaml'}).toEqual(block)
  })
})
