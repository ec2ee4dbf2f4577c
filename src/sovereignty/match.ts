import {OFFERING_TAG} from '../catalog/sovereignty.js'
import type {OfferingMatch} from '../catalog/sovereignty-schema.js'
import {globMatcher} from '../util/glob.js'

/** What matching needs of a profile: the catalog's profiles and an assessment's profile list both have it. */
export interface MatchableProfile {
  id: string
  provider: string
  offering?: string
  match?: OfferingMatch
}

/** The fields of a resource matching reads. */
export interface MatchableResource {
  id: string
  provider: string
  region?: string
  tags: Record<string, string>
}

interface CompiledOffering {
  id: string
  test: (r: MatchableResource) => boolean
}

function compileOffering(profile: MatchableProfile): CompiledOffering {
  // An ARN starts arn:<partition>: — a prefix test, no slicing per resource.
  const partitions = (profile.match?.partitions ?? []).map((p) => `arn:${p}:`)
  const regions = profile.match?.regions?.length ? globMatcher(profile.match.regions, 'i') : undefined
  const endpoints = profile.match?.endpoints?.length ? globMatcher(profile.match.endpoints, 'i') : undefined
  return {
    id: profile.id,
    test: (r) => {
      for (const prefix of partitions) if (r.id.startsWith(prefix)) return true
      if (regions && r.region && regions(r.region)) return true
      return endpoints?.(r.id) ?? false
    },
  }
}

/**
 * The profile id of a resource: an offering named by its sovereign-offering tag (of the same
 * provider), else the first offering whose partition, region or endpoint matches, else the provider's
 * own profile; undefined when the provider has none. Constant time per resource for the built-in data.
 */
export function profileMatcher(profiles: readonly MatchableProfile[]): (r: MatchableResource) => string | undefined {
  const base = new Map<string, string>()
  const offerings = new Map<string, CompiledOffering[]>()
  const byId = new Map<string, MatchableProfile>()
  for (const p of profiles) {
    byId.set(p.id, p)
    if (p.offering === undefined) base.set(p.provider, p.id)
    else {
      const list = offerings.get(p.provider) ?? []
      offerings.set(p.provider, list)
      if (p.match) list.push(compileOffering(p))
    }
  }
  return (r) => {
    const tagged = r.tags[OFFERING_TAG]
    if (tagged) {
      const p = byId.get(tagged.trim().toLowerCase())
      if (p && p.provider === r.provider) return p.id
    }
    for (const o of offerings.get(r.provider) ?? []) if (o.test(r)) return o.id
    return base.get(r.provider)
  }
}
