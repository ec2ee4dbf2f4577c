import {Args} from '@oclif/core'
import {loadCatalog} from '../../catalog/load.js'
import {showCatalogType} from '../../catalog/query.js'
import {BaseCommand} from '../../cli/base.js'
import {catalogFlag} from '../../cli/catalog-flags.js'

export default class CatalogShow extends BaseCommand {
  static override summary =
    'Show what the catalog says about one type: class, standard, open-source equivalents, European providers, exit path.'
  static override description =
    'Accepts a canonical type (AWS::S3::Bucket, microsoft.compute/virtualmachines, storage.googleapis.com/Bucket, hetzner:server) or any alias (aws_s3_bucket, azurerm_kubernetes_cluster, s3:bucket). Lookup order: exact type, alias, service default, unmapped.'
  static override examples = [
    '<%= config.bin %> catalog show AWS::DynamoDB::Table',
    '<%= config.bin %> catalog show azurerm_kubernetes_cluster',
  ]
  static override args = {type: Args.string({description: 'A canonical type or alias.', required: true})}
  static override flags = {catalog: catalogFlag}

  async run() {
    const {args, flags} = await this.parse(CatalogShow)
    const result = showCatalogType(await loadCatalog({extraFiles: flags.catalog}), args.type)
    const m = result.mapping
    if (!flags.quiet) {
      const lines = [
        `${m.type}${m.title ? ` — ${m.title}` : ''}`,
        `  matched by:   ${m.matchedBy}${result.file ? ` (${result.file})` : ''}`,
        `  category:     ${m.category}`,
        `  portability:  ${m.portability}`,
        `  stateful:     ${m.stateful ? 'yes' : 'no'}`,
        `  standard:     ${m.standard ?? '—'}`,
        `  equivalents:  ${m.equivalents.join(', ') || '—'}`,
        `  european:     ${m.european.map((e) => `${e.provider}: ${e.service}`).join('; ') || '—'}`,
        `  effort:       ${m.effort ?? '—'}`,
        `  exit:         ${m.exit ?? '—'}`,
        ...(m.exitSteps?.length ? ['  steps:', ...m.exitSteps.map((s, i) => `    ${i + 1}. ${s}`)] : []),
        ...(result.aliases.length ? [`  aliases:      ${result.aliases.join(', ')}`] : []),
        ...(result.refine?.length
          ? [
              '  refined by attributes:',
              ...result.refine.map((r) => `    when ${JSON.stringify(r.when)} → ${JSON.stringify(r.set)}`),
            ]
          : []),
      ]
      if (m.matchedBy === 'unmapped')
        lines.push(
          '',
          'Not in the catalog: a resource of this type is kept, listed as unmapped and scored as unknown risk.',
          'Look for the right name with `exitready catalog list --services`, or add an entry with a private catalog (--catalog).',
        )
      this.say(lines.join('\n'))
    }
    return result
  }
}
