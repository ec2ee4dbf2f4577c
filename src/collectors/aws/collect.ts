import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput} from '../../inventory/model.js'
import {PartialListError, reasonOf, type ScopeHandle} from '../scope.js'
import type {CollectContext, CollectorResult} from '../types.js'
import {type AttributeContext, attachAttributes} from './attributes.js'
import {READERS} from './describe.js'
import {toHttpError} from './errors.js'
import {parseAwsOptions} from './options.js'
import {type CallerIdentity, callerIdentity, forEachAccount} from './organizations.js'
import {enabledRegions} from './regions.js'
import {type UnmappedCounter, unmappedSummary} from './resource.js'
import {explorerTargets, listExplorerTarget} from './resource-explorer.js'
import {type AwsAccount, AwsSession} from './session.js'
import {listTaggedRegion, UNTAGGED_WARNING} from './tagging.js'

const PROVIDER = 'aws'
const SUGGESTION =
  'Check that the identity may call tag:GetResources (or Resource Explorer) in the scanned regions; see docs/permissions.md.'

interface Scan {
  ctx: CollectContext
  session: AwsSession
  identity: CallerIdentity
  unmapped: UnmappedCounter
  callerRegions?: Promise<string[]>
}

/** Lists AWS resources: every enabled region of the caller's account, or of every account of the organisation. */
export async function collectAws(ctx: CollectContext): Promise<CollectorResult> {
  const options = parseAwsOptions(ctx.options.aws)
  const session = new AwsSession(ctx, options)
  let identity: CallerIdentity
  try {
    const base = await session.baseCredentials()
    identity = await callerIdentity(session, base)
  } catch (error) {
    if (ctx.signal?.aborted) throw error
    throw new ExitreadyError(
      toHttpError('Checking the AWS credentials (sts:GetCallerIdentity)', error).message,
      ExitCode.noProvider,
      'Check AWS_PROFILE or --aws-profile, run `aws sso login` if the profile uses SSO, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
    )
  }
  if (options.source === 'tagging') ctx.progress.warn(PROVIDER, UNTAGGED_WARNING)

  const scan: Scan = {ctx, session, identity, unmapped: new Map()}
  const visit = (account: AwsAccount) => (options.source === 'tagging' ? scanTagging(scan, account) : scanExplorer(scan, account))
  await forEachAccount(session, identity, await session.baseCredentials(), visit)

  const summary = unmappedSummary(scan.unmapped)
  if (summary) ctx.progress.warn(PROVIDER, summary)
  return session.scan.result(SUGGESTION)
}

/** --aws-regions, else the account's enabled regions; falls back to the caller's regions when a member account denies DescribeRegions. */
async function regionsFor(scan: Scan, account: AwsAccount): Promise<{regions: string[]; warning?: string} | {error: string}> {
  const {session, identity} = scan
  if (session.options.regions.length > 0) return {regions: session.options.regions}
  const callerRegions = async () => {
    scan.callerRegions ??= enabledRegions(session, identity.account, await session.baseCredentials())
    return scan.callerRegions
  }
  try {
    return {
      regions:
        account.id === identity.account ? await callerRegions() : await enabledRegions(session, account.id, account.credentials),
    }
  } catch (error) {
    if (account.id !== identity.account) {
      try {
        return {
          regions: await callerRegions(),
          warning: `${reasonOf(error)}; used the regions enabled in account ${identity.account}.`,
        }
      } catch {
        // Neither account can list regions: fall through to the error.
      }
    }
    return {error: `${reasonOf(error)}; name the regions with --aws-regions.`}
  }
}

/** The attribute readers' context for one account; its global reads (Route 53) are shared by all its scopes. */
function attributeContext(scan: Scan, account: AwsAccount): AttributeContext {
  return {
    session: scan.session,
    account,
    partition: scan.identity.partition,
    unmapped: scan.unmapped,
    readers: READERS,
    globalReads: new Map(),
  }
}

/**
 * A listing followed by its describe calls: the resources read (all of them, or those read before
 * a page failed) get their attributes, and a partial listing stays partial.
 */
async function withAttributes(
  attributes: AttributeContext,
  scope: ScopeHandle,
  list: () => Promise<ResourceInput[]>,
): Promise<ResourceInput[]> {
  let partial: PartialListError | undefined
  let resources: ResourceInput[]
  try {
    resources = await list()
  } catch (error) {
    if (!(error instanceof PartialListError)) throw error
    partial = error
    resources = error.resources
  }
  const all = await attachAttributes(attributes, resources, scope)
  if (partial) throw new PartialListError(partial.message, all)
  return all
}

async function scanTagging(scan: Scan, account: AwsAccount): Promise<void> {
  const regions = await regionsFor(scan, account)
  if ('error' in regions) {
    scan.session.scan.failedScope(account.id, regions.error)
    return
  }
  const warnings = regions.warning ? [regions.warning] : []
  const attributes = attributeContext(scan, account)
  await Promise.all(
    regions.regions.map((region) =>
      scan.session.scan.scope(
        `${account.id}/${region}`,
        {
          'tag:GetResources': (scope) =>
            withAttributes(attributes, scope, () => listTaggedRegion(scan.session, account, region, scan.unmapped, scope)),
        },
        {warnings},
      ),
    ),
  )
}

async function scanExplorer(scan: Scan, account: AwsAccount): Promise<void> {
  const {session} = scan
  let setup: Awaited<ReturnType<typeof explorerTargets>>
  try {
    setup = await explorerTargets(session, account)
  } catch (error) {
    session.scan.failedScope(account.id, error)
    return
  }
  // Resource Explorer holds only the regions with an index: the others were not listed at all.
  const wanted = await regionsFor(scan, account)
  const warnings: string[] = []
  if ('error' in wanted)
    warnings.push(`Could not check which regions have no Resource Explorer index (${wanted.error.replace(/\.$/, '')}).`)
  else {
    if (wanted.warning) warnings.push(wanted.warning)
    for (const region of wanted.regions)
      if (!setup.indexed.has(region))
        session.scan.failedScope(
          `${account.id}/${region}`,
          `Resource Explorer has no index in ${region} of account ${account.id}, so its resources were not listed; create one with \`aws resource-explorer-2 create-index --region ${region}\` (and update the aggregator), or scan with --aws-source tagging.`,
        )
  }
  const attributes = attributeContext(scan, account)
  await Promise.all(
    setup.targets.map((target) =>
      session.scan.scope(
        target.scope,
        {
          'resource-explorer-2:ListResources': (scope) =>
            withAttributes(attributes, scope, () => listExplorerTarget(session, account, target, scan.unmapped, scope)),
        },
        {warnings},
      ),
    ),
  )
}
