import type {ReportData} from './types.js'

/**
 * assessment.json, streamed: the summary pretty-printed, then one resource per line, so a
 * million-resource estate never needs one giant string.
 */
export function* renderJson({assessment, policies}: ReportData): Generator<string> {
  const {resources, ...head} = assessment
  const text = JSON.stringify({...head, policies}, null, 2)
  yield `${text.slice(0, text.lastIndexOf('}')).trimEnd()},\n  "resources": [`
  // Batched: one yield per resource costs more than the stringify itself on large estates.
  let batch = ''
  for (let i = 0; i < resources.length; i++) {
    batch += `${i === 0 ? '\n' : ',\n'}    ${JSON.stringify(resources[i])}`
    if (batch.length > 1 << 16) {
      yield batch
      batch = ''
    }
  }
  yield batch
  yield resources.length > 0 ? '\n  ]\n}\n' : ']\n}\n'
}
