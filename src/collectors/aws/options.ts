import {InputError} from '../../errors.js'
import {type AwsOptions, AwsOptionsSchema} from './spec.js'

export type {AwsCredentials, AwsCredentialsProvider, AwsOptions, AwsSource} from './spec.js'
export {DEFAULT_ROLE_NAME} from './spec.js'

/**
 * ctx.options.aws, validated. The registry has already parsed it with the same schema; parsing the
 * output again gives the same output, so this stays a safe check for callers of the collector itself.
 */
export function parseAwsOptions(raw: Record<string, unknown> | undefined): AwsOptions {
  const parsed = AwsOptionsSchema.safeParse(raw ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const where = issue.path.length > 0 ? `"${issue.path.join('.')}": ` : ''
  throw new InputError(
    `aws: ${where}${issue.message}.`,
    'Check the --aws-* flags (see `exitready scan --help`) or the aws options passed to the library.',
  )
}
