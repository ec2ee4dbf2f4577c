import type {ReportData} from './types.js'

/**
 * assessment.json, streamed: the summary pretty-printed, then one resource per line, so a
 * million-resource estate never needs one giant string.
 */
export function* renderJson({assessment, policies}: ReportData): Generator<string> {
  const {resources, ...head} = assessment
  const text = JSON.stringify({...head, policies}, null, 2)
  yield `${text.slice(0, text.lastIndexOf('}')).trimEnd()},\n  "resources": [`
  for (let i = 0; i < resources.length; i++) yield `${i === 0 ? '\n' : ',\n'}    ${JSON.stringify(resources[i])}`
  yield resources.length > 0 ? '\n  ]\n}\n' : ']\n}\n'
}
