import {Args, Flags} from '@oclif/core'
import type {Assessment} from '../assessment/schema.js'
import {BaseCommand} from '../cli/base.js'
import {catalogListFlag, listFlag, listFlagWithDefault} from '../cli/flags.js'
import {openInDesktop} from '../cli/open.js'
import {parseTagFilters} from '../cli/tag-filter.js'
import {SCANNABLE_PROVIDERS} from '../collectors/registry.js'
import {runAssess} from '../jobs/assess.js'
import {type PolicyOutcome, SEVERITIES, type Severity} from '../policy/types.js'
import {renderArrangementsTerminal} from '../report/arrangements.js'
import {DEFAULT_FORMATS, parseFormats, REPORT_FORMATS} from '../report/index.js'
import {renderPolicyVerdicts, renderTerminalSummary} from '../report/terminal.js'

/** What `exitready assess --json` prints: the assessment without its resources, the policy outcomes, the files. */
export type AssessResult = Omit<Assessment, 'resources'> & {
  policies: PolicyOutcome[]
  files: string[]
  exitCode: number
  /** With --history: the assessment's id there. */
  recorded?: {id: number; history: string}
}

export default class Assess extends BaseCommand {
  static override summary = 'Score lock-in, concentration and jurisdiction exposure, and write the exit-strategy report.'
  static override description =
    `Reads one or more inventory snapshots (from \`exitready scan\` or \`exitready import\`; several are merged), maps every resource through the catalog, scores it, and writes the reports.

Each resource gets a lock-in score from 0 to 100: a base from its portability class (portable, compatible, proprietary, captive, or unmapped), plus data gravity, plus coupling to locked-in dependencies. The estate gets a lock-in index, concentration by ultimate parent (HHI), jurisdiction exposure, the data to move, and an exit-readiness grade from A to F.

Exit codes: 0 success, 1 policy findings at or above --fail-on, 2 invalid input, 3 an input snapshot is incomplete, 70 internal error.`
  static override examples = [
    {description: 'Assess the bundled demo estate', command: '<%= config.bin %> assess --demo'},
    {
      description: 'Assess a scan and an import together, writing every format',
      command: '<%= config.bin %> assess inventory.json saas.json --format md,json --out-dir report',
    },
    {
      description: 'Gate a pipeline on the sovereign-first policy',
      command: '<%= config.bin %> assess inventory.json --policy sovereign-first --fail-on high --format sarif,junit',
    },
    {
      description: 'Only production resources at AWS, high and critical rules, with the waivers a team keeps',
      command:
        '<%= config.bin %> assess inventory.json --provider aws --tag environment=production --severity high --waivers waivers.yaml',
    },
    {
      description: 'DORA: join the ICT arrangements to the resources and check an exit plan per arrangement',
      command: '<%= config.bin %> assess inventory.json --arrangements arrangements.yaml --policy dora-exit',
    },
    {
      description: 'The demo estate with its example arrangements',
      command: '<%= config.bin %> assess --demo --arrangements demo --policy dora-exit',
    },
    {description: 'Machine-readable summary on stdout', command: '<%= config.bin %> assess inventory.json --json > summary.json'},
  ]
  static override completionChoices = {
    format: Object.keys(REPORT_FORMATS),
    provider: [...SCANNABLE_PROVIDERS, 'saas'],
    'sovereignty-weights': ['csf-1.2.1', 'csf-calculator-2026'],
  }
  static override args = {
    snapshots: Args.string({description: 'Inventory snapshots (.json or .ndjson).', required: false}),
  }
  static override strict = false
  static override flags = {
    demo: Flags.boolean({
      description: 'Assess the bundled demo estate (a mid-sized insurer on AWS, Azure, GCP, Hetzner and Scaleway).',
    }),
    'out-dir': Flags.string({char: 'd', description: 'Folder for the report files.', default: 'exitready-report'}),
    format: listFlagWithDefault({
      char: 'f',
      description: `Report formats, comma-separated or repeated: ${Object.entries(REPORT_FORMATS)
        .map(([k, v]) => `${k} (${v.description})`)
        .join('; ')}.`,
      aliases: ['formats'],
      default: DEFAULT_FORMATS,
    }),
    open: Flags.boolean({description: 'Open the HTML report in your browser when a desktop session is present.'}),
    catalog: catalogListFlag,
    policy: listFlag({
      description:
        'Built-in policies (baseline, one-hole, sovereign-first, dora-exit, bio2, secnumcloud, c3a) or policy files, comma-separated or repeated. Default: baseline.',
      aliases: ['policies'],
      helpValue: '<name|file>',
    }),
    waivers: listFlag({
      description:
        'Waiver files kept outside the policies (kind: Waivers; see `exitready init`), comma-separated or repeated; validated like policy waivers.',
      aliases: ['waiver'],
      helpValue: '<file>',
    }),
    'fail-on': Flags.string({
      description: "Exit with code 1 when an unwaived finding is at or above this severity (overrides each policy's failOn).",
      options: [...SEVERITIES],
    }),
    severity: Flags.string({
      description:
        'Only rules of this severity or above: the others are left out of the reports and the exit code (the report says so).',
      options: [...SEVERITIES],
      aliases: ['min-severity'],
    }),
    provider: listFlag({
      char: 'p',
      description:
        'Only resources of these providers (aws, azure, gcp, hetzner, saas …; case-insensitive), comma-separated or repeated.',
      aliases: ['providers'],
    }),
    arrangements: Flags.string({
      description:
        "DORA arrangements (kind: Arrangements; `exitready init --dora` writes a starter) joined to the resources through their selectors: the reports show what no arrangement covers, arrangements that cover nothing, and an exit plan per arrangement supporting a critical or important function; the dora-exit policy checks them. With --demo, `demo` names the demo's example.",
      helpValue: '<file|demo>',
    }),
    history: Flags.string({
      description:
        'Record this assessment in a history, a SQLite file (e.g. exitready.db) or a postgres:// URL shared by a team, after the reports are written; the report then shows the trend and marks new and resolved findings. Default: history.path in the nearest .exitready.yml. See `exitready history`.',
      helpValue: '<file|postgres://…>',
    }),
    'sovereignty-weights': Flags.string({
      description:
        'Weight set of the Sovereignty Score (EU Cloud Sovereignty Framework): csf-1.2.1 (the framework, default) or csf-calculator-2026 (the June 2026 calculator). The report names the set used.',
      helpValue: '<set>',
    }),
    tag: Flags.string({
      description:
        'Only resources with this tag, as key=value (value may be a glob; key alone: any value); repeat for more tags, which must all match. key=a,key=b matches either value.',
      multiple: true,
      multipleNonGreedy: true,
      aliases: ['tags'],
      helpValue: '<key=value>',
    }),
  }

  async run(): Promise<AssessResult> {
    const {argv, flags} = await this.parse(Assess)
    const result = await runAssess({
      snapshots: argv as string[],
      demo: flags.demo,
      outDir: flags['out-dir'],
      formats: parseFormats(flags.format),
      catalogFiles: flags.catalog,
      policies: flags.policy,
      waiverFiles: flags.waivers,
      failOn: flags['fail-on'] as Severity | undefined,
      severity: flags.severity as Severity | undefined,
      providers: flags.provider,
      tags: parseTagFilters(flags.tag),
      // --history, else history.path in the nearest .exitready.yml.
      history: flags.history ?? (await (await import('../history/config.js')).configuredHistory()),
      sovereigntyWeights: flags['sovereignty-weights'],
      arrangements: flags.arrangements,
      version: this.config.version,
    })
    if (!flags.quiet) {
      this.say(renderTerminalSummary(result.assessment))
      if (result.assessment.arrangements) this.say(`\n${renderArrangementsTerminal(result.assessment.arrangements)}`)
      this.say(renderPolicyVerdicts(result.policies, result.blocking.length))
      this.say(`\nWrote ${result.files.join(', ')}`)
      if (result.recorded) this.say(`Recorded assessment #${result.recorded.id} in ${result.recorded.history}.`)
    }
    const html = result.files.find((f) => f.endsWith('.html'))
    if (flags.open && html && !openInDesktop(html))
      this.note(`No desktop session to open a browser in; the report is ${html}.`, flags.quiet)
    process.exitCode = result.exitCode
    const {resources: _resources, ...summary} = result.assessment
    return {
      ...summary,
      policies: result.policies,
      files: result.files,
      exitCode: result.exitCode,
      ...(result.recorded ? {recorded: result.recorded} : {}),
    }
  }
}
