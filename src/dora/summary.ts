import type {ArrangementSummary, ArrangementsBlock, AssessedResource, Assessment} from '../assessment/schema.js'
import type {GraphFindings} from '../report/types.js'
import type {Arrangement, ArrangementsFile} from './arrangements.js'
import {addMonths, buildExitPlans, TEST_INTERVAL_MONTHS} from './exit-plan.js'
import {type JoinResult, joinArrangements} from './join.js'
import {catalogAlternatives, europeanProviders, proposedSubstitutability} from './register.js'

/** How many uncovered resource ids and groups assessment.json lists (the count is always complete). */
export const UNCOVERED_IDS_SHOWN = 100
export const UNCOVERED_GROUPS_SHOWN = 200

const splitNames = (text: string) =>
  text
    .split(/[,;]/)
    .map((name) => name.trim())
    .filter(Boolean)

function summarise(
  a: Arrangement,
  file: ArrangementsFile,
  join: JoinResult,
  assessment: Assessment,
  today: string,
): ArrangementSummary {
  const resources = join.byArrangement.get(a.reference) ?? []
  const functions = a.functions.map((id) => {
    const f = file.functions.find((fn) => fn.id === id)
    return {id, name: f?.name ?? id, critical: f?.critical ?? 'not-assessed'}
  })
  const given = a.assessment ?? {}
  const proposal = proposedSubstitutability(resources)
  const substitutability: ArrangementSummary['substitutability'] = given.substitutability
    ? {value: given.substitutability, source: 'supplied', basis: 'assessment.substitutability in the arrangements file'}
    : proposal.value
      ? {
          value: proposal.value,
          source: 'proposed',
          basis: `the hardest portability class among its ${resources.length} resources: ${proposal.worstClass}${proposal.unmapped ? `, ${proposal.unmapped} unmapped not counted` : ''}`,
        }
      : {source: 'unknown', basis: resources.length ? 'none of its resources is mapped' : 'it covers no resource'}
  const catalog = catalogAlternatives(resources, assessment)
  const alternatives: ArrangementSummary['alternatives'] = given.alternatives
    ? {
        identified: given.alternatives,
        source: 'supplied',
        providers: given.alternativeProviders ? splitNames(given.alternativeProviders) : [],
      }
    : catalog.length
      ? {source: 'proposed', providers: europeanProviders(catalog)}
      : {source: 'unknown', providers: []}
  const lastTested = a.exitPlan?.lastTested
  const nextDue = lastTested ? addMonths(lastTested, TEST_INTERVAL_MONTHS) : undefined
  return {
    reference: a.reference,
    provider: a.provider,
    providerName: file.providers[a.provider]?.legalName ?? a.provider,
    functions,
    critical: functions.some((f) => f.critical === 'yes'),
    resources: resources.length,
    services: join.services
      .filter((s) => s.arrangement === a)
      .map((s) => ({
        index: s.index,
        ...(a.services[s.index]?.type ? {type: a.services[s.index]!.type} : {}),
        resources: s.resources.length,
      })),
    substitutability,
    alternatives,
    exitPlan: {
      ...(a.exitPlan?.link ? {link: a.exitPlan.link} : {}),
      ...(a.exitPlan?.owner ? {owner: a.exitPlan.owner} : {}),
      ...(lastTested ? {lastTested} : {}),
      ...(nextDue ? {nextDue} : {}),
      overdue: nextDue === undefined || nextDue < today,
    },
  }
}

function uncoveredGroups(resources: readonly AssessedResource[]): ArrangementsBlock['uncovered']['groups'] {
  const groups = new Map<string, {provider: string; account?: string; type: string; count: number}>()
  for (const r of resources) {
    const key = `${r.provider}\u0000${r.account ?? ''}\u0000${r.type}`
    const group = groups.get(key)
    if (group) group.count++
    else groups.set(key, {provider: r.provider, ...(r.account ? {account: r.account} : {}), type: r.type, count: 1})
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        b.count - a.count ||
        a.provider.localeCompare(b.provider) ||
        (a.account ?? '').localeCompare(b.account ?? '') ||
        a.type.localeCompare(b.type),
    )
    .slice(0, UNCOVERED_GROUPS_SHOWN)
}

/**
 * The arrangements joined to the assessed resources: what each covers, what no arrangement covers,
 * which cover nothing, the per-arrangement facts the exit rules check, and an exit plan for each
 * arrangement that supports a critical or important function.
 */
export function summariseArrangements(
  file: ArrangementsFile,
  path: string,
  assessment: Assessment,
  dependencies: GraphFindings | undefined,
  now: Date,
  join: JoinResult = joinArrangements(file, assessment.resources),
): ArrangementsBlock {
  const today = now.toISOString().slice(0, 10)
  return {
    file: path,
    entity: {lei: file.entity.lei, name: file.entity.name},
    covered: assessment.resources.length - join.uncovered.length,
    uncovered: {
      count: join.uncovered.length,
      groups: uncoveredGroups(join.uncovered),
      ids: join.uncovered.slice(0, UNCOVERED_IDS_SHOWN).map((r) => r.id),
    },
    empty: join.empty,
    arrangements: file.arrangements.map((a) => summarise(a, file, join, assessment, today)),
    exitPlans: buildExitPlans(file, join, assessment, dependencies, now),
  }
}
