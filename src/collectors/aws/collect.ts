import {ExitCode, ExitreadyError} from '../../errors.js'
import type {ResourceInput, SourceStatus} from '../../inventory/model.js'
import type {CollectContext, CollectorResult} from '../types.js'
import {describeAwsError} from './errors.js'
import {parseAwsOptions} from './options.js'
import {type CallerIdentity, callerIdentity, forEachAccount} from './organizations.js'
import {enabledRegions} from './regions.js'
import {type UnmappedCounter, unmappedSummary} from './resource.js'
import {explorerTargets, listExplorerTarget} from './resource-explorer.js'
import {type AwsAccount, AwsSession} from './session.js'
import {listTaggedRegion, type ScopeListing, UNTAGGED_WARNING} from './tagging.js'

const PROVIDER = 'aws'

interface Scan {
  ctx: CollectContext
  session: AwsSession
  identity: CallerIdentity
  unmapped: UnmappedCounter
  resources: Map<string, ResourceInput>
  sources: SourceStatus[]
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
    throw new ExitreadyError(
      describeAwsError('Checking the AWS credentials (sts:GetCallerIdentity)', error),
      ExitCode.noProvider,
      'Check AWS_PROFILE or --aws-profile, run `aws sso login` if the profile uses SSO, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
    )
  }
  if (options.source === 'tagging') ctx.progress.warn(PROVIDER, UNTAGGED_WARNING)

  const scan: Scan = {ctx, session, identity, unmapped: new Map(), resources: new Map(), sources: []}
  const visit = (account: AwsAccount) => (options.source === 'tagging' ? scanTagging(scan, account) : scanExplorer(scan, account))
  await forEachAccount(session, identity, await session.baseCredentials(), visit, (failure) => finish(scan, failure))

  const summary = unmappedSummary(scan.unmapped)
  if (summary) ctx.progress.warn(PROVIDER, summary)
  return {resources: [...scan.resources.values()], sources: scan.sources}
}

function finish(scan: Scan, status: SourceStatus): void {
  scan.sources.push(status)
  scan.ctx.progress.scopeFinished(PROVIDER, status)
}

/** Runs one scope and records it: complete, partial (some pages read, then an error) or failed. */
async function runScope(
  scan: Scan,
  scope: string,
  list: (onProgress: (count: number) => void) => Promise<ScopeListing>,
  extraWarnings: string[] = [],
): Promise<void> {
  scan.ctx.progress.scopeStarted(PROVIDER, scope)
  const listing = await list((count) => scan.ctx.progress.scopeProgress(PROVIDER, scope, count))
  for (const resource of listing.resources) if (!scan.resources.has(resource.id)) scan.resources.set(resource.id, resource)
  const warnings = [...extraWarnings, ...(listing.warnings ?? [])]
  const status: SourceStatus = {
    provider: PROVIDER,
    scope,
    status: listing.error ? (listing.resources.length > 0 ? 'partial' : 'failed') : 'complete',
    count: listing.resources.length,
  }
  if (listing.error) status.error = listing.error
  if (warnings.length > 0) status.warnings = warnings
  finish(scan, status)
}

/** --aws-regions, else the account's enabled regions; falls back to the caller's regions when a member account denies DescribeRegions. */
async function regionsFor(scan: Scan, account: AwsAccount): Promise<{regions: string[]; warning?: string} | {error: string}> {
  const {session, identity} = scan
  if (session.options.regions.length > 0) return {regions: session.options.regions}
  const callerRegions = async () => {
    scan.callerRegions ??= enabledRegions(session, await session.baseCredentials())
    return scan.callerRegions
  }
  try {
    return {regions: account.id === identity.account ? await callerRegions() : await enabledRegions(session, account.credentials)}
  } catch (error) {
    const what = `Listing the enabled regions of account ${account.id} (ec2:DescribeRegions)`
    if (account.id !== identity.account) {
      try {
        const warning = `${describeAwsError(what, error).replace(/\.$/, '')}; used the regions enabled in account ${identity.account}.`
        return {regions: await callerRegions(), warning}
      } catch {
        // Neither account can list regions: fall through to the error.
      }
    }
    return {error: `${describeAwsError(what, error).replace(/\.$/, '')}; name the regions with --aws-regions.`}
  }
}

async function scanTagging(scan: Scan, account: AwsAccount): Promise<void> {
  const regions = await regionsFor(scan, account)
  if ('error' in regions) {
    finish(scan, {provider: PROVIDER, scope: account.id, status: 'failed', error: regions.error, count: 0})
    return
  }
  const warnings = regions.warning ? [regions.warning] : []
  await Promise.all(
    regions.regions.map((region) =>
      runScope(
        scan,
        `${account.id}/${region}`,
        (onProgress) => listTaggedRegion(scan.session, account, region, scan.unmapped, onProgress),
        warnings,
      ),
    ),
  )
}

async function scanExplorer(scan: Scan, account: AwsAccount): Promise<void> {
  const found = await explorerTargets(scan.session, account)
  if ('error' in found) {
    finish(scan, {provider: PROVIDER, scope: account.id, status: 'failed', error: found.error, count: 0})
    return
  }
  await Promise.all(
    found.targets.map((target) =>
      runScope(scan, target.scope, (onProgress) => listExplorerTarget(scan.session, account, target, scan.unmapped, onProgress)),
    ),
  )
}
