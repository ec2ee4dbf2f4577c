import {Flags} from '@oclif/core'
import Table from 'cli-table3'
import {loadCatalog} from '../../catalog/load.js'
import {type CatalogListRow, listCatalog} from '../../catalog/query.js'
import {PORTABILITY_CLASSES} from '../../catalog/schema.js'
import {BaseCommand} from '../../cli/base.js'
import {catalogListFlag, chooseFrom, chooseProviders, listFlag} from '../../cli/flags.js'
import {SCANNABLE_PROVIDERS} from '../../collectors/registry.js'

/** What `exitready catalog list --json` prints. */
export interface CatalogListResult {
  entries: CatalogListRow[]
}

export default class CatalogList extends BaseCommand {
  static override summary =
    'List catalog entries: type, category, portability class, what each speaks today and the standard to move to.'
  static override description =
    'Type entries, and the service defaults that cover every other type of a namespace (--no-services leaves those out). Filters take comma-separated lists or repetition, and are checked: an unknown provider, category or class is exit 2 with a suggestion, not an empty table.'
  static override examples = [
    '<%= config.bin %> catalog list --provider aws --portability captive',
    '<%= config.bin %> catalog list --category relational-db,document-db',
    '<%= config.bin %> catalog list --provider hetzner,scaleway --no-services --json',
  ]
  static override completionChoices = {
    provider: [...SCANNABLE_PROVIDERS, 'saas'],
    portability: PORTABILITY_CLASSES,
  }
  static override flags = {
    provider: listFlag({
      char: 'p',
      description: 'Only these providers (aws, azure, gcp, hetzner, saas …; case-insensitive).',
      aliases: ['providers'],
    }),
    category: listFlag({description: 'Only these categories (see catalog/categories.yaml).', aliases: ['categories']}),
    portability: listFlag({description: `Only these classes: ${PORTABILITY_CLASSES.join(', ')}.`, aliases: ['portabilities']}),
    services: Flags.boolean({
      description: 'Include the service defaults that cover every other type of a namespace (--no-services: type entries only).',
      default: true,
      allowNo: true,
    }),
    catalog: catalogListFlag,
  }

  async run(): Promise<CatalogListResult> {
    const {flags} = await this.parse(CatalogList)
    const catalog = await loadCatalog({extraFiles: flags.catalog})
    const all = listCatalog(catalog, {services: flags.services})
    const providers = new Set(chooseProviders('provider', flags.provider, [...new Set(all.map((r) => r.provider))].sort()))
    const categories = new Set(
      chooseFrom('category', flags.category, [...catalog.categories.keys()].sort(), {caseInsensitive: true}),
    )
    const classes = new Set(chooseFrom('portability', flags.portability, PORTABILITY_CLASSES, {caseInsensitive: true}))
    const rows = all.filter(
      (r) =>
        (providers.size === 0 || providers.has(r.provider)) &&
        (categories.size === 0 || categories.has(r.category)) &&
        (classes.size === 0 || classes.has(r.portability)),
    )
    if (!flags.quiet) {
      const table = new Table({
        head: ['Type', 'Provider', 'Category', 'Class', 'Speaks', 'Move to'],
        style: {head: [], border: [], compact: true},
      })
      for (const r of rows) table.push([r.type, r.provider, r.category, r.portability, r.speaks ?? '', r.target ?? ''])
      this.say(table.toString())
      this.say(`${rows.length} entries`)
    }
    return {entries: rows}
  }
}
