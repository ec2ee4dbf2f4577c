import {join} from 'node:path'

/**
 * Which operator runs an OpenStack cloud, recognised by the host of its auth URL against the
 * `authUrls` of catalog/providers.yaml (OVH Public Cloud → ovhcloud, Open Telekom Cloud → otc …).
 * Unknown clouds (Sovereign Cloud Stack, private clouds) stay `openstack`.
 */

export type AuthUrlTable = {provider: string; hosts: string[]}[]

export async function loadAuthUrlTable(catalogDir?: string): Promise<AuthUrlTable> {
  const [{BUILTIN_CATALOG_DIR}, {ProvidersFileSchema}, {loadYamlFile}] = await Promise.all([
    import('../../catalog/load.js'),
    import('../../catalog/schema.js'),
    import('../../util/yaml.js'),
  ])
  const file = await loadYamlFile(join(catalogDir ?? BUILTIN_CATALOG_DIR, 'providers.yaml'), ProvidersFileSchema)
  return Object.entries(file.providers)
    .filter(([, info]) => (info.authUrls?.length ?? 0) > 0)
    .map(([provider, info]) => ({provider, hosts: info.authUrls!.map((h) => h.toLowerCase())}))
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

/** The provider id whose auth URL host (or a parent domain of it) matches; `openstack` otherwise. */
export function recogniseProvider(authUrl: string, table: AuthUrlTable): string {
  const host = hostOf(authUrl)
  if (!host) return 'openstack'
  for (const {provider, hosts} of table)
    for (const known of hosts) {
      const knownHost = hostOf(known.includes('://') ? known : `https://${known}`) ?? known
      if (host === knownHost || host.endsWith(`.${knownHost}`)) return provider
    }
  return 'openstack'
}
