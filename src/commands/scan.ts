import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base.js'
import {createScanProgress, scanSummaryLines} from '../cli/progress.js'
import {providerOptionsFromFlags, scanFlags} from '../cli/scan-flags.js'
import {runScanJob} from '../jobs/scan.js'
import {renderTerminalSummary} from '../report/terminal.js'
import {safeForTerminal} from '../util/terminal.js'

export default class Scan extends BaseCommand {
  static override summary = 'List live cloud resources (AWS, Azure, GCP, European providers) into an inventory snapshot.'
  static override description =
    `Reads every resource the credentials can see, across accounts, regions, subscriptions and projects, and writes an inventory snapshot for \`exitready assess\`. Providers are those whose credentials are present, or the ones named with --provider; the others are listed as skipped with the reason.

Requests run concurrently (--concurrency) within each API's rate limits; throttled and failed pages are retried from their own token with backoff. A scope that fails is recorded in the snapshot's sources with its error, and the rest is still written. The minimal read-only permissions are listed in docs/permissions.md.

Ctrl-C stops sending and writes what was read, marked partial (exit 130); --no-partial writes nothing. DEBUG=exitready:* traces every request (method, URL without secrets, status, attempt, wait). The calls each provider makes and what they were checked against are in docs/providers.md.

Exit codes: 0 complete, 2 invalid flags, 3 a provider or scope failed (everything else was written), 4 no provider could be read (nothing is written), 130 interrupted.`
  static override examples = [
    {description: 'Scan every provider whose credentials are present', command: '<%= config.bin %> scan'},
    {
      description: 'Every account of an AWS Organization, two regions, as NDJSON',
      command: '<%= config.bin %> scan --provider aws --aws-org --aws-regions eu-west-1,eu-central-1 --out estate.ndjson',
    },
    {
      description: 'Include untagged AWS resources through Resource Explorer',
      command: '<%= config.bin %> scan --provider aws --aws-source resource-explorer',
    },
    {
      description: 'Two Azure subscriptions in Azure China, then assess the result',
      command:
        '<%= config.bin %> scan -p azure --azure-cloud china --azure-subscription <id1> --azure-subscription <id2> --assess',
    },
    {
      description: 'Against a local emulator',
      command: '<%= config.bin %> scan --provider aws --endpoint aws=http://127.0.0.1:4566 --aws-regions us-east-1',
    },
  ]
  static override flags = {
    ...scanFlags,
    assess: Flags.boolean({description: 'Assess the fresh snapshot right away and write the reports (see `exitready assess`).'}),
    'out-dir': Flags.string({char: 'd', description: 'Folder for the reports with --assess.', default: 'exitready-report'}),
  }

  async run() {
    const {flags} = await this.parse(Scan)
    const {result, written, out, note, assessed, exitCode} = await runScanJob({
      providers: flags.provider,
      endpointFlags: flags.endpoint,
      env: process.env,
      concurrency: flags.concurrency,
      options: providerOptionsFromFlags(flags as Record<string, unknown>),
      progress: createScanProgress({quiet: flags.quiet}),
      out: flags.out,
      keepPartial: flags.partial,
      assessInto: flags.assess ? flags['out-dir'] : undefined,
      version: this.config.version,
    })
    for (const line of scanSummaryLines(result, written ? out : undefined, {sources: Boolean(flags.quiet)}))
      if (line.error || !flags.quiet) process.stderr.write(`${safeForTerminal(line.text)}\n`)
    if (note && !flags.quiet) process.stderr.write(`${note}\n`)
    if (assessed && !flags.quiet) this.say(`${renderTerminalSummary(assessed.assessment)}\n\nWrote ${assessed.files.join(', ')}`)
    process.exitCode = exitCode
    const {resources: _resources, ...assessment} = assessed?.assessment ?? {}
    return {
      out: written ? out : undefined,
      ...(note ? {note} : {}),
      resources: result.snapshot.resources.length,
      providers: result.providers,
      skipped: result.skipped,
      warnings: result.warnings,
      sources: result.snapshot.sources,
      exitCode,
      ...(assessed ? {assessment: {...assessment, files: assessed.files}} : {}),
    }
  }
}
