import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base.js'
import {catalogListFlag, listFlag} from '../cli/flags.js'
import {IMPORT_FORMATS, type ImportFormat} from '../importers/types.js'
import {type ImportJobResult, renderImportSummary, runImport} from '../jobs/import.js'

/** What `exitready import --json` prints: the snapshot written and what each file gave. */
export type ImportResult = ImportJobResult

export default class Import extends BaseCommand {
  static override summary =
    'Turn offline sources (Terraform/OpenTofu state, CLI exports, a manual SaaS inventory) into an inventory snapshot.'
  static override description =
    `For assessments without cloud credentials. Each file's format is detected from its content, or forced with --format: ${Object.entries(
      IMPORT_FORMATS,
    )
      .map(([name, what]) => `${name} (${what})`)
      .join('; ')}. Use - to read standard input (e.g. \`terraform state pull | exitready import -\`).

Terraform, OpenTofu, CloudFormation, CDK, ARM/Bicep and Pulumi types map to canonical types through the catalog; a type the catalog does not know is kept and listed as unmapped. Dependencies become dependsOn. Data sources, helper resources (random, tls, null …) and containers (resource groups, projects, accounts) are skipped and counted. A provider exitready does not know is skipped with a warning and the file marked partial (--strict refuses it). Only a small allow-list of attributes is read, never one marked sensitive or secret, so passwords, keys and connection strings do not reach the snapshot.

Several files import into one snapshot; a resource listed by two of them (the same ARN in a state and an AWS export) is merged, and its seenBy names both.

Exit codes: 0 success, 2 unreadable or invalid input (the message names the file and the reason).`
  static override examples = [
    {
      description: 'A state file and the SaaS inventory',
      command: '<%= config.bin %> import terraform.tfstate saas.yaml --out inventory.json',
    },
    {
      description: 'A remote backend, through standard input',
      command: 'terraform state pull | <%= config.bin %> import - --out inventory.json',
    },
    {
      description: 'A plan and the cloud CLI exports, then the assessment',
      command:
        'terraform show -json plan.out > plan.json && <%= config.bin %> import plan.json aws-resources.json az-graph.json gcloud-assets.json && <%= config.bin %> assess inventory.json',
    },
    {
      description: 'A CDK app, a CloudFormation stack export and a Pulumi stack, into one snapshot',
      command:
        'cdk synth && aws cloudformation describe-stack-resources --stack-name prod > stack.json && pulumi stack export > pulumi.json && <%= config.bin %> import cdk.out stack.json pulumi.json',
    },
    {
      description: 'A state that also manages GitHub settings',
      command: '<%= config.bin %> import terraform.tfstate --skip-provider integrations/github',
    },
  ]
  static override args = {
    files: Args.string({description: 'Files to import (or - for standard input).', required: true}),
  }
  static override strict = false
  static override flags = {
    out: Flags.string({
      char: 'o',
      description:
        'Snapshot file to write (atomically); a .ndjson extension writes NDJSON. Default: inventory.json, or inventory.ndjson above 100,000 resources.',
    }),
    format: Flags.string({
      char: 'f',
      description: 'Read every file in this format instead of detecting it.',
      options: Object.keys(IMPORT_FORMATS),
    }),
    'skip-provider': listFlag({
      description:
        'Terraform providers (namespace/type, e.g. integrations/github) whose resources are skipped, comma-separated or repeated.',
      aliases: ['skip-providers'],
      helpValue: '<namespace/type>',
    }),
    catalog: catalogListFlag,
    strict: Flags.boolean({
      description:
        'Refuse a file that uses a Terraform or Pulumi provider exitready does not know, instead of skipping its resources.',
      default: false,
    }),
  }

  async run(): Promise<ImportResult> {
    const {argv, flags} = await this.parse(Import)
    const result = await runImport({
      files: argv as string[],
      out: flags.out,
      format: flags.format as ImportFormat | undefined,
      skipProviders: flags['skip-provider'],
      strict: flags.strict,
      catalogFiles: flags.catalog,
    })
    if (!flags.quiet) this.say(renderImportSummary(result))
    return result
  }
}
