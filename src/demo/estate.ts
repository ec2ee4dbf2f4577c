import type {ResourceInput, Snapshot, SourceStatus} from '../inventory/model.js'
import {createSnapshot} from '../inventory/snapshot.js'
import {seededRandom} from '../util/random.js'
import {addAws} from './aws.js'
import {addAzure} from './azure.js'
import type {App, DemoContext} from './context.js'
import {addEuropean} from './european.js'
import {addGcp} from './gcp.js'

/**
 * The demo estate: "Nordwind Versicherung AG", a mid-sized European insurer. Claims and policy
 * administration run on AWS (tagged as supporting critical functions under DORA), office IT and
 * customer analytics on Azure, machine learning on GCP, and a first move to European providers
 * (Hetzner, Scaleway) has begun. Everything is derived from the seed.
 */
export const DEMO_CREATED_AT = new Date('2026-11-02T09:30:00Z')

export function buildDemoEstate(seed = 20261128): Snapshot {
  const random = seededRandom(seed)
  const resources: ResourceInput[] = []
  const counts = new Map<string, number>()
  const size = (min: number, max: number) => Math.round(min + random() * (max - min))
  const tagsFor = (app: App, env = 'prod'): Record<string, string> => ({
    app: app.app,
    owner: app.owner,
    'cost-center': app.costCenter,
    environment: env,
    'data-classification': app.classification,
    ...(app.critical ? {'critical-function': 'true'} : {}),
    ...(app.critical && app.exitPlan ? {'exit-plan': `https://wiki.nordwind.example/exit/${app.app}`} : {}),
  })
  const push = (scope: string, r: Omit<ResourceInput, 'source'>): string => {
    counts.set(scope, (counts.get(scope) ?? 0) + 1)
    resources.push({...r, source: `demo:${scope}`})
    return r.id
  }
  const context: DemoContext = {random, push, tagsFor, size}
  // The order matters: every part draws from the same seeded random source.
  addAws(context)
  addAzure(context)
  addGcp(context)
  addEuropean(context)

  const sources: SourceStatus[] = [...counts.entries()].map(([scope, count]) => ({
    provider: scope.split('/')[0]!,
    scope: scope.slice(scope.indexOf('/') + 1),
    status: 'complete',
    count,
  }))
  return createSnapshot(resources, sources, DEMO_CREATED_AT)
}
