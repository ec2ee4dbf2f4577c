import {Flags} from '@oclif/core'
import Table from 'cli-table3'
import {measureCoverage, measureTerraformCoverage} from '../../catalog/coverage.js'
import {loadCatalog} from '../../catalog/load.js'
import {BaseCommand} from '../../cli/base.js'
import {catalogListFlag} from '../../cli/flags.js'
import {readSnapshot} from '../../inventory/snapshot.js'

/** What `exitready catalog coverage --json` prints. */
export interface CatalogCoverageResult {
  coverage: Awaited<ReturnType<typeof measureCoverage>>
  terraform: Awaited<ReturnType<typeof measureTerraformCoverage>>
  unmapped?: {type: string; provider: string; count: number}[]
}

export default class CatalogCoverage extends BaseCommand {
  static override summary =
    'Measure how much of the real AWS, Azure and GCP type lists, and of every Terraform provider’s type list, the catalog covers.'
  static override description =
    'Compares the catalog with the reference lists of every CloudFormation type, ARM type and Cloud Asset type (catalog/reference/). Type level: the type has an entry of its own. Service level: an entry or the service default covers it. Full depth: entries with standard, equivalents, European providers, effort, exit path and aliases. Then the managed resource types each Terraform provider registers (catalog/terraform/reference/): resolved by the Terraform table to an entry, by an entry alias, by the table to a service default or child rule, or unmapped. With --snapshot, also lists the types in that inventory that nothing covers.'
  static override examples = [
    '<%= config.bin %> catalog coverage',
    '<%= config.bin %> catalog coverage --snapshot inventory.json',
  ]
  static override flags = {
    snapshot: Flags.string({description: 'Also list the unmapped types seen in this inventory snapshot.'}),
    catalog: catalogListFlag,
  }

  async run(): Promise<CatalogCoverageResult> {
    const {flags} = await this.parse(CatalogCoverage)
    const catalog = await loadCatalog({extraFiles: flags.catalog})
    const coverage = await measureCoverage(catalog)
    const terraform = await measureTerraformCoverage(catalog)
    let unmapped: {type: string; provider: string; count: number}[] | undefined
    if (flags.snapshot) {
      const counts = new Map<string, {type: string; provider: string; count: number}>()
      for (const r of (await readSnapshot(flags.snapshot)).resources) {
        if (catalog.lookup(r.type).matchedBy !== 'unmapped') continue
        const key = `${r.provider}\u0000${r.type}`
        const entry = counts.get(key) ?? {type: r.type, provider: r.provider, count: 0}
        entry.count++
        counts.set(key, entry)
      }
      unmapped = [...counts.values()].sort((a, b) => b.count - a.count)
    }
    if (!flags.quiet) {
      const pct = (n: number, d: number) => `${n} (${((100 * n) / d).toFixed(1)}%)`
      const table = new Table({
        head: ['Provider', 'Reference types', 'Type level', 'Service level', 'Namespaces with default', 'Full-depth entries'],
        style: {head: [], border: [], compact: true},
      })
      for (const c of coverage)
        table.push([
          c.provider,
          c.referenceTypes,
          pct(c.typeLevel, c.referenceTypes),
          pct(c.serviceLevel, c.referenceTypes),
          `${c.namespacesWithDefault}/${c.referenceNamespaces}`,
          c.fullDepthEntries,
        ])
      this.say(table.toString())
      const terraformTable = new Table({
        head: ['Terraform provider', 'Types', 'Table → entry', 'Alias', 'Table → default', 'Unmapped', 'Resolved'],
        style: {head: [], border: [], compact: true},
      })
      for (const t of terraform)
        terraformTable.push([
          t.terraform,
          t.referenceTypes,
          t.entry,
          t.alias,
          t.default,
          t.unmapped,
          `${((100 * (t.referenceTypes - t.unmapped)) / (t.referenceTypes || 1)).toFixed(1)}%`,
        ])
      this.say(terraformTable.toString())
      if (unmapped)
        this.say(
          unmapped.length
            ? `Unmapped in ${flags.snapshot}:\n${unmapped.map((u) => `  ${u.type} (${u.provider}) × ${u.count}`).join('\n')}`
            : `Every type in ${flags.snapshot} is mapped.`,
        )
    }
    return {coverage, terraform, unmapped}
  }
}
