import type {PolicyOutcome, RuleVerdict} from '../policy/types.js'
import {linePerItem, prettyList, prettyObject} from '../util/pretty-json.js'
import type {ReportData} from './types.js'

const rule = (depth: number) => (value: RuleVerdict) =>
  prettyObject(value, depth, {findings: (findings) => linePerItem(findings, depth + 1)})
const policy = (depth: number) => (value: PolicyOutcome) =>
  prettyObject(value, depth, {rules: (rules) => prettyList(rules as RuleVerdict[], depth + 1, rule(depth + 2))})

/**
 * assessment.json, streamed: the same JSON value as the whole assessment with its policies
 * pretty-printed, but each resource and each finding on a line of its own, so a million-resource
 * estate never becomes one giant string. Every top-level field of the assessment is printed
 * generically, in its order, then `policies`, then `resources`.
 */
export function* renderJson({assessment, policies}: ReportData): Generator<string> {
  const {resources, ...head} = assessment
  yield* prettyObject({...head, policies, resources}, 0, {
    policies: (items) => prettyList(items as PolicyOutcome[], 1, policy(2)),
    resources: (items) => linePerItem(items, 1),
  })
  yield '\n'
}
