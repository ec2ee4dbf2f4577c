import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base.js'
import {catalogListFlag, listFlag} from '../cli/flags.js'
import {GRAPH_FORMATS} from '../graph/render.js'
import {COLLAPSE_BY} from '../graph/view.js'
import {type GraphJobResult, runGraph} from '../jobs/graph.js'

/** What `exitready graph --json` prints: the counts, the file with --out, else the text as well. */
export type GraphResult = Omit<GraphJobResult, 'text'> & {text?: string}

export default class Graph extends BaseCommand {
  static override summary = 'Draw the dependency graph as Mermaid, Graphviz DOT or JSON.'
  static override description =
    `Reads one or more inventory snapshots, maps and scores every resource, and draws what uses what: an arrow from a resource to each resource it uses (declared by the provider or Terraform, or inferred from ids in its attributes — inferred arrows are dotted). Nodes are coloured by portability class (portable, compatible, proprietary, captive, unmapped), stateful ones drawn as cylinders, grouped by provider.

Mermaid output stays within what GitHub renders (500 edges, 50,000 characters): for a larger estate it keeps the most locked-in part and says in a comment what it left out. Use --focus to look at a neighbourhood, or --collapse to aggregate resources by service, account or provider. JSON also carries the components that must move together and the exit waves.

Exit codes: 0 success, 2 invalid input, 3 an input snapshot is incomplete (the graph is still drawn), 70 internal error.`
  static override examples = [
    {
      description: 'The demo estate as Mermaid, collapsed to providers',
      command: '<%= config.bin %> graph --demo --collapse provider',
    },
    {
      description: 'Everything within two edges of a database, as Graphviz, rendered to SVG',
      command: "<%= config.bin %> graph inventory.json --format dot --focus '*claims-db*' | dot -Tsvg > claims.svg",
    },
    {
      description: 'Services and how they depend on each other, for a README',
      command: '<%= config.bin %> graph inventory.json --collapse service --out docs/dependencies.mmd',
    },
    {
      description: 'Nodes, edges, components and exit waves as JSON',
      command: '<%= config.bin %> graph inventory.json --format json --out graph.json',
    },
  ]
  static override args = {
    snapshots: Args.string({description: 'Inventory snapshots (.json or .ndjson); several are merged.', required: false}),
  }
  static override strict = false
  static override flags = {
    demo: Flags.boolean({description: 'Draw the bundled demo estate.'}),
    format: Flags.string({char: 'f', description: 'Output format.', options: [...GRAPH_FORMATS], default: 'mermaid'}),
    focus: Flags.string({
      description: 'Only the neighbourhood of these resources: an exact id, or a glob over ids and names (`*`, `?`).',
    }),
    depth: Flags.integer({
      description: 'With --focus: how many usage edges away to go, in either direction.',
      default: 2,
      min: 0,
    }),
    collapse: Flags.string({
      description: 'Aggregate resources into one node per service type, account or provider.',
      options: [...COLLAPSE_BY],
    }),
    out: Flags.string({char: 'o', description: 'Write to this file (atomically) instead of standard output.'}),
    catalog: catalogListFlag,
    policy: listFlag({
      description:
        'Policies whose scoring blocks set the scores, as for `assess` (built-in names or files, comma-separated or repeated). Default: baseline.',
      aliases: ['policies'],
      helpValue: '<name|file>',
    }),
  }

  async run(): Promise<GraphResult> {
    const {argv, flags} = await this.parse(Graph)
    const result = await runGraph({
      snapshots: argv as string[],
      demo: flags.demo,
      format: flags.format,
      focus: flags.focus,
      depth: flags.depth,
      collapse: flags.collapse,
      catalogFiles: flags.catalog,
      policies: flags.policy,
      out: flags.out,
    })
    if (result.file) this.note(`Wrote ${result.file} (${result.nodes} nodes, ${result.edges} edges).`, flags.quiet)
    else if (!this.jsonEnabled()) process.stdout.write(result.text)
    process.exitCode = result.exitCode
    const {text, ...summary} = result
    return result.file ? summary : {...summary, text}
  }
}
