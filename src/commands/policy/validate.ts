import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base.js'
import {ExitCode, InputError} from '../../errors.js'
import {loadPolicy} from '../../policy/load.js'

/** What `exitready policy validate --json` prints: one entry per file. */
export interface PolicyValidateResult {
  results: {file: string; valid: boolean; error?: string; rules?: number}[]
}

export default class PolicyValidate extends BaseCommand {
  static override summary = 'Check policy files; exit 0 when all are valid, 2 with file:line:column messages when not.'
  static override examples = ['<%= config.bin %> policy validate policies/*.yaml']
  static override strict = false
  static override args = {files: Args.string({description: 'Policy files.', required: true})}

  async run(): Promise<PolicyValidateResult> {
    const {argv, flags} = await this.parse(PolicyValidate)
    const results: PolicyValidateResult['results'] = []
    for (const file of argv as string[]) {
      try {
        const {policy} = await loadPolicy(file.includes('/') || file.includes('.') ? file : `./${file}`)
        results.push({file, valid: true, rules: policy.rules.length})
      } catch (error) {
        if (!(error instanceof InputError)) throw error
        results.push({file, valid: false, error: error.message})
      }
    }
    for (const r of results) {
      if (!r.valid) process.stderr.write(`${r.error}\n`)
      else if (!flags.quiet) this.say(`${r.file}: valid (${r.rules} rules)`)
    }
    if (results.some((r) => !r.valid)) process.exitCode = ExitCode.invalidInput
    return {results}
  }
}
