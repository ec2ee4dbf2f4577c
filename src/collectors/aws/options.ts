import {InputError} from '../../errors.js'

export type AwsSource = 'tagging' | 'resource-explorer'

export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  expiration?: Date
}
export type AwsCredentialsProvider = () => Promise<AwsCredentials>

export interface AwsOptions {
  profile?: string
  /** Regions to list; empty means every enabled region (EC2 DescribeRegions). */
  regions: string[]
  /** List every account of the organisation and assume `roleName` in each. */
  org: boolean
  roleName: string
  source: AwsSource
  /** For tests and library use: credentials instead of the default chain. */
  credentials?: AwsCredentials | AwsCredentialsProvider
  /** Region for STS, Organizations and DescribeRegions; defaults to AWS_REGION or us-east-1. */
  homeRegion?: string
}

export const DEFAULT_ROLE_NAME = 'OrganizationAccountAccessRole'

function stringList(value: unknown, name: string): string[] {
  if (value === undefined) return []
  const list = typeof value === 'string' ? value.split(',') : value
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string'))
    throw new InputError(`aws: "${name}" must be a list of strings.`)
  return (list as string[]).map((item) => item.trim()).filter(Boolean)
}

/** Validates ctx.options.aws (set from --aws-* flags). */
export function parseAwsOptions(raw: Record<string, unknown> | undefined): AwsOptions {
  const options = raw ?? {}
  const source = options.source ?? 'tagging'
  if (source !== 'tagging' && source !== 'resource-explorer')
    throw new InputError(
      `aws: unknown source "${String(source)}".`,
      'Use --aws-source tagging or --aws-source resource-explorer.',
    )
  const regions = stringList(options.regions, 'regions')
  for (const region of regions)
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
      throw new InputError(`aws: "${region}" is not an AWS region name.`, 'Regions look like eu-west-1 or us-gov-west-1.')
  const roleName = options.roleName ?? DEFAULT_ROLE_NAME
  if (typeof roleName !== 'string' || !/^[\w+=,.@/-]{1,512}$/.test(roleName))
    throw new InputError(`aws: "${String(roleName)}" is not a valid IAM role name.`)
  const credentials = options.credentials as AwsOptions['credentials']
  return {
    profile: typeof options.profile === 'string' && options.profile ? options.profile : undefined,
    regions,
    org: options.org === true,
    roleName,
    source,
    credentials,
    homeRegion: typeof options.homeRegion === 'string' ? options.homeRegion : undefined,
  }
}
