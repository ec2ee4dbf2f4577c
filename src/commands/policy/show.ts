import {Args} from '@oclif/core'
import {stringify} from 'yaml'
import {BaseCommand} from '../../cli/base.js'
import {ErrorCode, withErrorCode} from '../../errors.js'
import {loadPolicy} from '../../policy/load.js'
import type {Policy} from '../../policy/schema.js'

/** What `exitready policy show --json` prints. */
export interface PolicyShowResult {
  source: string
  policy: Policy
}

export default class PolicyShow extends BaseCommand {
  static override summary = 'Print a policy (built-in name or file) in full, validated.'
  static override examples = [
    '<%= config.bin %> policy show one-hole',
    '<%= config.bin %> policy show ./policies/ours.yaml --json',
  ]
  static override args = {policy: Args.string({description: 'A built-in policy name or a policy file.', required: true})}

  async run(): Promise<PolicyShowResult> {
    const {args, flags} = await this.parse(PolicyShow)
    const {policy, source} = await loadPolicy(args.policy).catch((error: unknown) => {
      throw withErrorCode(error, ErrorCode.policyInvalid)
    })
    if (!flags.quiet) this.say(`# ${source}\n${stringify(policy, {lineWidth: 120})}`)
    return {source, policy}
  }
}
