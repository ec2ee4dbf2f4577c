import {Flags} from '@oclif/core'
import Table from 'cli-table3'
import {loadCatalog} from '../../catalog/load.js'
import {listCatalog} from '../../catalog/query.js'
import {BaseCommand} from '../../cli/base.js'
import {catalogFlag} from '../../cli/catalog-flags.js'

export default class CatalogList extends BaseCommand {
  static override summary = 'List catalog entries: type, category, portability class and the standard to move to.'
  static override examples = [
    '<%= config.bin %> catalog list --provider aws --portability captive',
    '<%= config.bin %> catalog list --category relational-db',
    '<%= config.bin %> catalog list --services --json',
  ]
  static override flags = {
    provider: Flags.string({description: 'Only this provider (aws, azure, gcp, hetzner, saas …).'}),
    category: Flags.string({description: 'Only this category (see catalog/categories.yaml).'}),
    portability: Flags.string({description: 'Only this class.', options: ['portable', 'compatible', 'proprietary', 'captive']}),
    services: Flags.boolean({description: 'Include the service defaults that cover every other type of a namespace.'}),
    catalog: catalogFlag,
  }

  async run() {
    const {flags} = await this.parse(CatalogList)
    const rows = listCatalog(await loadCatalog({extraFiles: flags.catalog}), flags)
    if (!flags.quiet) {
      const table = new Table({
        head: ['Type', 'Provider', 'Category', 'Class', 'Standard'],
        style: {head: [], border: [], compact: true},
      })
      for (const r of rows) table.push([r.type, r.provider, r.category, r.portability, r.standard ?? ''])
      this.say(table.toString())
      this.say(`${rows.length} entries`)
    }
    return {entries: rows}
  }
}
