import Table from 'cli-table3'
import {BaseCommand} from '../../cli/base.js'
import {builtinPolicyNames, loadPolicy} from '../../policy/load.js'

/** What `exitready policy list --json` prints. */
export interface PolicyListResult {
  policies: {name: string; title: string; rules: number; failOn: string; references: string[]; description?: string}[]
}

export default class PolicyList extends BaseCommand {
  static override summary = 'List the built-in policies with their rules and regulatory references.'
  static override examples = ['<%= config.bin %> policy list']

  async run(): Promise<PolicyListResult> {
    const {flags} = await this.parse(PolicyList)
    const policies = await Promise.all((await builtinPolicyNames()).map(loadPolicy))
    const rows = policies.map(({policy}) => ({
      name: policy.metadata.name,
      title: policy.metadata.title,
      rules: policy.rules.length,
      failOn: policy.failOn,
      references: policy.metadata.references,
      description: policy.metadata.description,
    }))
    if (!flags.quiet) {
      const table = new Table({
        head: ['Name', 'Title', 'Rules', 'Fails on', 'References'],
        style: {head: [], border: [], compact: true},
        wordWrap: true,
        colWidths: [18, 30, 7, 10, 50],
      })
      for (const r of rows) table.push([r.name, r.title, r.rules, r.failOn, r.references.join('; ')])
      this.say(table.toString())
      this.say('Use one with `exitready assess --policy <name>`; see a policy in full with `exitready policy show <name>`.')
    }
    return {policies: rows}
  }
}
