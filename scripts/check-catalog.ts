// Loads and validates the whole catalog, then prints coverage. For catalog authors:
//   npx tsx scripts/check-catalog.ts
import {measureCoverage} from '../src/catalog/coverage.js'
import {loadCatalog} from '../src/catalog/load.js'

const catalog = await loadCatalog()
console.log(
  `catalog OK: ${catalog.entries.size} entries, ${catalog.services.size} service defaults, ${catalog.aliases.size} aliases`,
)
for (const c of await measureCoverage(catalog)) {
  const pct = (n: number) => `${((100 * n) / c.referenceTypes).toFixed(1)}%`
  console.log(
    `${c.provider}: type level ${c.typeLevel}/${c.referenceTypes} (${pct(c.typeLevel)}), service level ${c.serviceLevel} (${pct(c.serviceLevel)}), ` +
      `namespaces ${c.namespacesWithDefault}/${c.referenceNamespaces}, full-depth entries ${c.fullDepthEntries}`,
  )
  if (c.missingNamespaces.length)
    console.log(
      `  namespaces without a default: ${c.missingNamespaces.slice(0, 40).join(', ')}${c.missingNamespaces.length > 40 ? ' …' : ''}`,
    )
}
