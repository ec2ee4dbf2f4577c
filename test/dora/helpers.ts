import {readFileSync} from 'node:fs'
import type {Assessment} from '../../src/assessment/schema.js'
import type {Catalog} from '../../src/catalog/catalog.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {parseArrangements} from '../../src/dora/arrangements.js'
import {DEMO_ARRANGEMENTS} from '../../src/dora/job.js'
import {joinArrangements} from '../../src/dora/join.js'
import {buildRegister} from '../../src/dora/register.js'
import {DEMO_SNAPSHOT, loadSnapshots} from '../../src/jobs/assess.js'
import {type EstateEvaluation, evaluateEstate} from '../../src/jobs/pipeline.js'

export const NOW = new Date('2026-01-15T10:30:00.123Z')
export const demoArrangementsText = () => readFileSync(DEMO_ARRANGEMENTS, 'utf8')

let estate: Promise<{evaluation: EstateEvaluation; catalog: Catalog}> | undefined
/** The demo estate through the same pipeline as assess, once per test file. */
export function demoEstate() {
  estate ??= (async () => {
    const [snapshot, catalog] = await Promise.all([loadSnapshots([DEMO_SNAPSHOT]), loadCatalog({})])
    return {evaluation: evaluateEstate(snapshot, catalog, [], {now: NOW}), catalog}
  })()
  return estate
}

/** Register of the demo estate for arrangements text (the demo's, or an edited copy). */
export async function registerFor(text = demoArrangementsText()) {
  const {evaluation, catalog} = await demoEstate()
  const file = parseArrangements('arrangements.yaml', text)
  const join = joinArrangements(file, evaluation.assessment.resources)
  const register = buildRegister(file, join, evaluation.assessment, catalog, {now: NOW})
  return {file, join, register, assessment: evaluation.assessment as Assessment, dependencies: evaluation.dependencies}
}

/** The values of a register table as plain records. */
export const values = (rows: readonly Record<string, {value: string} | undefined>[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).flatMap(([k, c]) => (c && !k.startsWith('_') ? [[k, c.value]] : []))))
