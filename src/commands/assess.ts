import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base.js'
import {catalogFlag} from '../cli/catalog-flags.js'
import {openInDesktop} from '../cli/open.js'
import {runAssess} from '../jobs/assess.js'
import {SEVERITIES, type Severity} from '../policy/types.js'
import {DEFAULT_FORMATS, parseFormats, REPORT_FORMATS} from '../report/index.js'
import {renderPolicyVerdicts, renderTerminalSummary} from '../report/terminal.js'

export default class Assess extends BaseCommand {
  static override summary = 'Score lock-in, concentration and jurisdiction exposure, and write the exit-strategy report.'
  static override description =
    `Reads one or more inventory snapshots (from \`exitready scan\` or \`exitready import\`; several are merged), maps every resource through the catalog, scores it, and writes the reports.

Each resource gets a lock-in score from 0 to 100: a base from its portability class (portable, compatible, proprietary, captive, or unmapped), plus data gravity, plus coupling to locked-in dependencies. The estate gets a lock-in index, provider concentration (HHI), jurisdiction exposure, the data to move, and an exit-readiness grade from A to F.

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
    {description: 'Machine-readable summary on stdout', command: '<%= config.bin %> assess inventory.json --json > summary.json'},
  ]
  static override args = {
    snapshots: Args.string({description: 'Inventory snapshots (.json or .ndjson).', required: false}),
  }
  static override strict = false
  static override flags = {
    demo: Flags.boolean({
      description: 'Assess the bundled demo estate (a mid-sized insurer on AWS, Azure, GCP, Hetzner and Scaleway).',
    }),
    'out-dir': Flags.string({char: 'o', description: 'Folder for the report files.', default: 'exitready-report'}),
    format: Flags.string({
      char: 'f',
      description: `Report formats, comma-separated or repeated: ${Object.entries(REPORT_FORMATS)
        .map(([k, v]) => `${k} (${v.description})`)
        .join('; ')}.`,
      multiple: true,
      delimiter: ',',
      aliases: ['formats'],
      default: DEFAULT_FORMATS,
    }),
    open: Flags.boolean({description: 'Open the HTML report in your browser when a desktop session is present.'}),
    catalog: catalogFlag,
    policy: Flags.string({
      char: 'p',
      description:
        'A built-in policy (baseline, one-hole, sovereign-first, dora-exit) or a policy file; repeatable. Default: baseline.',
      multiple: true,
    }),
    'fail-on': Flags.string({
      description: "Exit with code 1 when an unwaived finding is at or above this severity (overrides each policy's failOn).",
      options: [...SEVERITIES],
    }),
  }

  async run() {
    const {argv, flags} = await this.parse(Assess)
    const result = await runAssess({
      snapshots: argv as string[],
      demo: flags.demo,
      outDir: flags['out-dir'],
      formats: parseFormats(flags.format),
      catalogFiles: flags.catalog,
      policies: flags.policy,
      failOn: flags['fail-on'] as Severity | undefined,
      version: this.config.version,
    })
    if (!flags.quiet) {
      this.say(renderTerminalSummary(result.assessment))
      this.say(renderPolicyVerdicts(result.policies, result.blocking.length))
      this.say(`\nWrote ${result.files.join(', ')}`)
    }
    const html = result.files.find((f) => f.endsWith('.html'))
    if (flags.open && html && !openInDesktop(html))
      this.note(`No desktop session to open a browser in; the report is ${html}.`, flags.quiet)
    process.exitCode = result.exitCode
    const {resources: _resources, ...summary} = result.assessment
    return {...summary, policies: result.policies, files: result.files, exitCode: result.exitCode}
  }
}
