import Table from 'cli-table3'
import {BaseCommand} from '../../cli/base.js'
import {builtinPolicyNames, loadPolicy} from '../../policy/load.js'

/** What `exitready policy list --json` prints. */
export interface PolicyListResult {
  policies: {
    name: string
    title: string
    framework: string
    rules: number
    failOn: string
    references: string[]
    description?: string
  }[]
}

/** Policies without a framework of their own are exitready's. */
const DEFAULT_FRAMEWORK = 'exitready'

export default class PolicyList extends BaseCommand {
  static override summary = 'List the built-in policies by framework, with their rules and regulatory references.'
  static override examples = ['<%= config.bin %> policy list']

  async run(): Promise<PolicyListResult> {
    const {flags} = await this.parse(PolicyList)
    const policies = await Promise.all((await builtinPolicyNames()).map(loadPolicy))
    // By name in --json (a stable order for scripts); the table groups them by framework.
    const rows = policies.map(({policy}) => ({
      name: policy.metadata.name,
      title: policy.metadata.title,
      framework: policy.metadata.framework ?? DEFAULT_FRAMEWORK,
      rules: policy.rules.length,
      failOn: policy.failOn,
      references: policy.metadata.references,
      description: policy.metadata.description,
    }))
    if (!flags.quiet) {
      // exitready's own first, then the frameworks alphabetically.
      const frameworks = [...new Set(rows.map((r) => r.framework))].sort(
        (a, b) => Number(b === DEFAULT_FRAMEWORK) - Number(a === DEFAULT_FRAMEWORK) || a.localeCompare(b),
      )
      for (const framework of frameworks) {
        const group = rows.filter((r) => r.framework === framework)
        const table = new Table({
          head: ['Name', 'Title', 'Rules', 'Fails on', 'References'],
          style: {head: [], border: [], compact: true},
          wordWrap: true,
          colWidths: [18, 30, 7, 10, 50],
        })
        for (const r of group) table.push([r.name, r.title, r.rules, r.failOn, r.references.join('; ')])
        this.say(`${framework}\n${table.toString()}\n`)
      }
      this.say('Use one with `exitready assess --policy <name>`; see a policy in full with `exitready policy show <name>`.')
    }
    return {policies: rows}
  }
}
