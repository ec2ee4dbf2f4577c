import {z} from 'zod'
import type {ProviderSpec} from '../types.js'

/**
 * What `exitready scan` and the library API may set for AWS, declared without loading the
 * collector or any SDK. Credentials come from the SDK's default chain unless the library API
 * passes them in (tests do).
 */

export type AwsSource = 'tagging' | 'resource-explorer'

export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  expiration?: Date
}
export type AwsCredentialsProvider = () => Promise<AwsCredentials>

export const DEFAULT_ROLE_NAME = 'OrganizationAccountAccessRole'

/** Region codes: eu-west-1, us-gov-west-1, cn-north-1, ap-southeast-5. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/
/** IAM role names (with an optional path): 1–512 of the characters IAM allows. */
const ROLE_NAME = /^[\w+=,.@/-]{1,512}$/

const region = z.string().regex(REGION, {
  error: (issue) => `"${String(issue.input)}" is not an AWS region name; regions look like eu-west-1 or us-gov-west-1`,
})

/** Regions as a list or a comma-separated string; blanks and repeats dropped, empty means every enabled region. */
const regionList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => {
    const items = (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter((item) => item !== '')
    return [...new Set(items)]
  })
  .pipe(z.array(region))

const isCredentials = (value: unknown): boolean =>
  typeof value === 'function' ||
  (typeof value === 'object' &&
    value !== null &&
    typeof (value as AwsCredentials).accessKeyId === 'string' &&
    typeof (value as AwsCredentials).secretAccessKey === 'string')

export const AwsOptionsSchema = z.strictObject({
  /** A profile of ~/.aws/config; AWS_PROFILE or the default chain when absent. */
  profile: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined),
  /** Regions to list; empty means every enabled region (EC2 DescribeRegions). */
  regions: regionList.default([]),
  /** List every account of the organisation and assume `roleName` in each. */
  org: z.boolean().default(false),
  roleName: z
    .string()
    .trim()
    .regex(ROLE_NAME, {error: (issue) => `"${String(issue.input)}" is not a valid IAM role name`})
    .default(DEFAULT_ROLE_NAME),
  source: z.enum(['tagging', 'resource-explorer'], {error: 'the source is tagging or resource-explorer'}).default('tagging'),
  /** Library API and tests only: credentials (or a provider) instead of the default chain. Never from a flag. */
  credentials: z
    .custom<AwsCredentials | AwsCredentialsProvider>(isCredentials, {
      error: 'credentials are {accessKeyId, secretAccessKey} or a function returning them',
    })
    .optional(),
  /** Library API only: the region for STS, Organizations and DescribeRegions; AWS_REGION or us-east-1 when absent. */
  homeRegion: region.optional(),
})
export type AwsOptions = z.output<typeof AwsOptionsSchema>

export const spec: ProviderSpec<AwsOptions> = {
  id: 'aws',
  title: 'Amazon Web Services',
  options: AwsOptionsSchema,
  flags: [
    {
      name: 'aws-profile',
      option: 'profile',
      description: 'AWS profile from ~/.aws/config (default: AWS_PROFILE or the default chain).',
      kind: 'string',
    },
    {
      name: 'aws-regions',
      option: 'regions',
      description: 'Comma-separated AWS regions (default: every enabled region).',
      kind: 'list',
      aliases: ['aws-region'],
    },
    {
      name: 'aws-org',
      option: 'org',
      description: 'Scan every active account of the AWS Organization.',
      kind: 'boolean',
    },
    {
      name: 'aws-role-name',
      option: 'roleName',
      description: 'Role assumed in each member account with --aws-org.',
      kind: 'string',
      default: DEFAULT_ROLE_NAME,
    },
    {
      name: 'aws-source',
      option: 'source',
      description: 'tagging (fast; misses never-tagged resources) or resource-explorer (includes them; needs Resource Explorer).',
      kind: 'string',
      choices: ['tagging', 'resource-explorer'],
      default: 'tagging',
    },
  ],
  rateLimits:
    'Per account and region: the tagging API allows 15 GetResources calls a second (Tag Editor quotas); Resource Explorer ' +
    '5 Search and 3 other operations a second (ListResources counted as Search is unconfirmed); EC2 describe calls use a ' +
    'token bucket of 100 refilled at 20 a second; Route 53 allows 5 requests a second per account. RDS, ElastiCache, ' +
    'OpenSearch, FSx, Lambda and Amazon MQ publish no fixed describe rate (unconfirmed). Every call shares the scan’s ' +
    '--concurrency bound, and throttles (HTTP 400 ThrottledException, 429) are retried with backoff.',
}
