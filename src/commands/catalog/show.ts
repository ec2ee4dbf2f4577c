import {Args} from '@oclif/core'
import {offerProduct} from '../../catalog/lint.js'
import {loadCatalog} from '../../catalog/load.js'
import {showCatalogType} from '../../catalog/query.js'
import type {OfferProvenance} from '../../catalog/schema.js'
import {BaseCommand} from '../../cli/base.js'
import {catalogListFlag} from '../../cli/flags.js'

export default class CatalogShow extends BaseCommand {
  static override summary =
    'Show what the catalog says about one type: class, what it speaks and where to move, equivalents, European offers with their provenance, lifecycle and exit path.'
  static override description =
    'Accepts a canonical type (AWS::S3::Bucket, microsoft.compute/virtualmachines, storage.googleapis.com/Bucket, hetzner:server) or any alias (aws_s3_bucket, azurerm_kubernetes_cluster, s3:bucket). Lookup order: exact type, alias, service default, unmapped. Each European offer shows where it was checked (source), its status and when (verifiedOn).'
  static override examples = [
    '<%= config.bin %> catalog show AWS::DynamoDB::Table',
    '<%= config.bin %> catalog show azurerm_kubernetes_cluster',
  ]
  static override args = {type: Args.string({description: 'A canonical type or alias.', required: true})}
  static override flags = {catalog: catalogListFlag}

  async run() {
    const {args, flags} = await this.parse(CatalogShow)
    const catalog = await loadCatalog({extraFiles: flags.catalog})
    const result = showCatalogType(catalog, args.type)
    const m = result.mapping
    const offers = m.european.map((offer) => {
      const {product, provenance} = offerProduct(offer, catalog.provider(offer.provider)?.offers)
      return {...offer, product, provenance}
    })
    if (!flags.quiet) {
      const provenanceText = (p: OfferProvenance | undefined) =>
        p ? `${p.status}, verified ${p.verifiedOn} against ${p.source}` : 'no provenance (run exitready catalog lint)'
      const lines = [
        `${m.type}${m.title ? ` — ${m.title}` : ''}`,
        `  matched by:   ${m.matchedBy}${result.file ? ` (${result.file})` : ''}`,
        `  category:     ${m.category}`,
        `  portability:  ${m.portability}`,
        `  stateful:     ${m.stateful ? 'yes' : 'no'}`,
        `  speaks:       ${m.speaks ?? '—'}`,
        `  move to:      ${m.target ?? '—'}`,
        `  equivalents:  ${m.equivalents.join(', ') || '—'}`,
        ...(offers.length
          ? ['  european:', ...offers.map((o) => `    ${o.provider}: ${o.service} — ${provenanceText(o.provenance)}`)]
          : ['  european:     —']),
        `  effort:       ${m.effort ?? '—'}`,
        ...(m.retiring
          ? [
              `  lifecycle:    ${m.retiring < new Date().toISOString().slice(0, 10) ? 'retired' : 'retiring'} on ${m.retiring}${m.successor ? `; successor ${m.successor}` : ''}${m.retirementNotice ? ` (${m.retirementNotice})` : ''}`,
            ]
          : []),
        `  exit:         ${m.exit ?? '—'}`,
        ...(m.exitSteps?.length ? ['  steps:', ...m.exitSteps.map((s, i) => `    ${i + 1}. ${s}`)] : []),
        ...(result.aliases.length ? [`  aliases:      ${result.aliases.join(', ')}`] : []),
        ...(result.refine?.length
          ? [
              '  refined by attributes:',
              ...result.refine.map((r) => {
                const when = Object.entries(r.when)
                  .map(([k, v]) => `${k}=${v === null ? '(unknown)' : Array.isArray(v) ? v.join('|') : v}`)
                  .join(', ')
                // `standard` is the compatibility copy of target: shown once, as target.
                const {standard: _standard, ...set} = r.set
                const then = [
                  r.resolveTo ? `is ${r.resolveTo}` : '',
                  Object.keys(set).length ? JSON.stringify(set) : '',
                  r.assume ? `assumes: ${r.assume}` : '',
                ]
                  .filter(Boolean)
                  .join('; ')
                return `    when ${when} → ${then || 'note only'}`
              }),
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
    return {...result, offers}
  }
}

/** What `exitready catalog show --json` prints. */
export type CatalogShowResult = Awaited<ReturnType<CatalogShow['run']>>
