import type {ResourceInput} from '../src/inventory/model.js'
import {hex, pick, seededRandom} from '../src/util/random.js'

/**
 * A synthetic estate shaped like a real organisation's, for the scale benchmark: a few hundred
 * real types (the catalog's own, which come from the providers' type lists) drawn with a skewed
 * (Zipf) distribution, real id shapes (ARNs, ARM ids, Cloud Asset names), 3 to 8 tags, engine
 * attributes on databases, and dependencies mostly within one account. Seeded.
 */
export interface RealisticEstateOptions {
  /** Candidate types per provider, e.g. the catalog's entry types. */
  types: Record<string, string[]>
  /** How many types to use in all (spread over the providers by their share). */
  typeCount?: number
  seed?: number
}

const PROVIDER_SHARE: [provider: string, share: number][] = [
  ['aws', 0.5],
  ['azure', 0.25],
  ['gcp', 0.15],
  ['hetzner', 0.04],
  ['scaleway', 0.03],
  ['ovhcloud', 0.03],
]
const REGIONS: Record<string, string[]> = {
  aws: ['eu-central-1', 'eu-west-1', 'us-east-1', 'eu-north-1'],
  azure: ['westeurope', 'northeurope', 'germanywestcentral', 'eastus'],
  gcp: ['europe-west1', 'europe-west3', 'europe-west4', 'us-central1'],
  hetzner: ['fsn1', 'nbg1', 'hel1'],
  scaleway: ['fr-par', 'nl-ams', 'pl-waw'],
  ovhcloud: ['GRA', 'SBG', 'DE'],
}
const ENGINES = ['postgres', 'mysql', 'oracle-ee', 'sqlserver-se', 'aurora-postgresql', 'aurora-mysql', 'mariadb']
const TAG_KEYS = ['app', 'env', 'owner', 'cost-center', 'team', 'project', 'data-classification', 'backup']

/** Zipf-like weights 1/(rank+1): a few types hold most resources, as in real estates. */
function zipfPicker(count: number, random: () => number): () => number {
  const cumulative = new Float64Array(count)
  let total = 0
  for (let i = 0; i < count; i++) cumulative[i] = total += 1 / (i + 1)
  return () => {
    const x = random() * total
    let lo = 0
    let hi = count - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

const uuid = (random: () => number) =>
  `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`

function idOf(provider: string, type: string, account: string, region: string, n: number, random: () => number): string {
  const leaf = type.split(/[:/]/).pop()!.toLowerCase()
  switch (provider) {
    case 'aws': {
      const service = type.split('::')[1]?.toLowerCase() ?? 'service'
      return `arn:aws:${service}:${region}:${account}:${leaf}/${leaf.slice(0, 3)}-${hex(random, 17)}`
    }
    case 'azure': {
      const [namespace, ...rest] = type.split('/')
      return `/subscriptions/${account}/resourceGroups/rg-${n % 97}/providers/${namespace}/${rest.join('/')}/${leaf}-${n}`
    }
    case 'gcp': {
      const service = type.split('/')[0]
      return `//${service}/projects/${account}/locations/${region}/${leaf}s/${leaf}-${n}-${hex(random, 6)}`
    }
    default:
      return `${provider}:${region}:${leaf}:${n}-${hex(random, 8)}`
  }
}

export function* realisticResources(count: number, options: RealisticEstateOptions): Generator<ResourceInput> {
  const random = seededRandom(options.seed ?? 7)
  const typeCount = options.typeCount ?? 300
  // Each provider's share of the types and of the resources; its types in a fixed shuffled order.
  const pools = PROVIDER_SHARE.filter(([p]) => options.types[p]?.length).map(([provider, share]) => {
    const all = [...options.types[provider]!].sort()
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[all[i], all[j]] = [all[j]!, all[i]!]
    }
    const types = all.slice(0, Math.max(3, Math.round(typeCount * share)))
    const accounts = Array.from({length: Math.max(2, Math.round(200 * share))}, () =>
      provider === 'aws'
        ? String(Math.floor(1e11 + random() * 9e11))
        : provider === 'azure'
          ? uuid(random)
          : `${provider}-project-${hex(random, 6)}`,
    )
    return {provider, share, types, accounts, pickType: zipfPicker(types.length, random)}
  })
  const totalShare = pools.reduce((sum, p) => sum + p.share, 0)
  const pickAccount = zipfPicker(200, random)
  // The last ids seen per account, so dependencies stay mostly within an account.
  const recent = new Map<string, string[]>()
  const allIds: string[] = []
  for (let n = 0; n < count; n++) {
    const x = random() * totalShare
    let cumulative = 0
    const pool =
      pools.find((p) => {
        cumulative += p.share
        return x < cumulative
      }) ?? pools[0]!
    const type = pool.types[pool.pickType()]!
    const account = pool.accounts[pickAccount() % pool.accounts.length]!
    const region = pick(random, REGIONS[pool.provider] ?? ['eu'])
    const id = idOf(pool.provider, type, account, region, n, random)
    const tags: Record<string, string> = {}
    const tagCount = 3 + Math.floor(random() * 6)
    for (let t = 0; t < tagCount; t++) tags[TAG_KEYS[t]!] = `${TAG_KEYS[t]}-${Math.floor(random() * 40)}`
    if (random() < 0.1) tags['critical-function'] = pick(random, ['payments', 'settlement', 'customer-portal'])
    const database = /rds|sql|db|database|postgres|mysql/i.test(type)
    const stateful = database || /bucket|storage|volume|disk|table|queue/i.test(type)
    const key = `${pool.provider}\u0000${account}`
    const local = recent.get(key) ?? []
    const dependsOn: string[] = []
    const edges = Math.floor(random() * 4)
    for (let e = 0; e < edges; e++) {
      const sameAccount = local.length > 0 && random() < 0.85
      const target = sameAccount ? pick(random, local) : allIds.length ? pick(random, allIds) : undefined
      if (target && !dependsOn.includes(target)) dependsOn.push(target)
    }
    local.push(id)
    if (local.length > 64) local.shift()
    recent.set(key, local)
    if (n % 16 === 0) allIds.push(id)
    yield {
      id,
      provider: pool.provider,
      type,
      name: `${type.split(/[:/]/).pop()}-${n}`,
      account,
      region,
      tags,
      ...(database ? {attributes: {engine: pick(random, ENGINES), multiAz: random() < 0.5}} : {}),
      ...(stateful ? {sizeGiB: Math.round(random() * 4000)} : {}),
      dependsOn,
      source: 'bench',
    }
  }
}
