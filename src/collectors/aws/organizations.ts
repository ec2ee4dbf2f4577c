import type {SourceStatus} from '../../inventory/model.js'
import {describeAwsError} from './errors.js'
import type {AwsCredentialsProvider} from './options.js'
import {type AwsAccount, type AwsSession, memoizeCredentials} from './session.js'

export interface CallerIdentity {
  account: string
  partition: string
  arn: string
}

/** STS GetCallerIdentity: proves the credentials work (it needs no permission) and names the account. */
export async function callerIdentity(session: AwsSession, credentials: AwsCredentialsProvider): Promise<CallerIdentity> {
  const {STSClient, GetCallerIdentityCommand} = await import('@aws-sdk/client-sts')
  const client = new STSClient(session.config('sts', session.homeRegion, credentials))
  try {
    const output = await session.send(() => client.send(new GetCallerIdentityCommand({})))
    if (!output.Account || !output.Arn) throw new Error('GetCallerIdentity returned no account.')
    return {account: output.Account, arn: output.Arn, partition: output.Arn.split(':')[1] ?? 'aws'}
  } finally {
    client.destroy()
  }
}

/** Every active account of the organisation (Organizations ListAccounts, from the management or a delegated account). */
export async function listOrganizationAccounts(
  session: AwsSession,
  credentials: AwsCredentialsProvider,
): Promise<{id: string; name?: string}[]> {
  const {OrganizationsClient, ListAccountsCommand} = await import('@aws-sdk/client-organizations')
  const client = new OrganizationsClient(session.config('organizations', session.homeRegion, credentials))
  const accounts: {id: string; name?: string}[] = []
  try {
    let token: string | undefined
    do {
      const page = await session.send(() => client.send(new ListAccountsCommand({NextToken: token})))
      for (const account of page.Accounts ?? []) {
        const state = account.State ?? account.Status
        if (account.Id && (state === undefined || state === 'ACTIVE')) accounts.push({id: account.Id, name: account.Name})
      }
      token = page.NextToken || undefined
    } while (token)
  } finally {
    client.destroy()
  }
  return accounts
}

/** Credentials for `roleName` in `accountId`, assumed from the caller's credentials and refreshed before they expire. */
async function assumeRole(
  session: AwsSession,
  base: AwsCredentialsProvider,
  partition: string,
  accountId: string,
): Promise<AwsCredentialsProvider> {
  const {fromTemporaryCredentials} = await import('@aws-sdk/credential-providers')
  const roleArn = `arn:${partition}:iam::${accountId}:role/${session.options.roleName}`
  const {region, endpoint, maxAttempts, requestHandler} = session.config('sts', session.homeRegion, base)
  const provider = fromTemporaryCredentials({
    masterCredentials: base,
    params: {RoleArn: roleArn, RoleSessionName: 'exitready-scan', DurationSeconds: 3600},
    clientConfig: {region, maxAttempts, requestHandler, ...(endpoint ? {endpoint} : {})},
  }) as AwsCredentialsProvider
  return memoizeCredentials(provider, session.clock)
}

/**
 * Visits the caller's account alone, or with --aws-org every active account reached through the role.
 * Each account is visited as soon as its role is assumed, so listing starts while other roles are still
 * being assumed. Accounts that cannot be reached (and a failed organisation listing) go to `onFailure`.
 */
export async function forEachAccount(
  session: AwsSession,
  identity: CallerIdentity,
  base: AwsCredentialsProvider,
  visit: (account: AwsAccount) => Promise<void>,
  onFailure: (status: SourceStatus) => void,
): Promise<void> {
  const caller: AwsAccount = {id: identity.account, credentials: base}
  if (!session.options.org) return visit(caller)
  let members: {id: string; name?: string}[]
  try {
    members = await listOrganizationAccounts(session, base)
  } catch (error) {
    const message = describeAwsError('Listing the organisation accounts (organizations:ListAccounts)', error)
    onFailure({provider: 'aws', scope: 'organization', status: 'failed', error: message, count: 0})
    return visit(caller)
  }
  const visits = members.map(async (member) => {
    if (member.id === identity.account) return visit({...caller, name: member.name})
    let credentials: AwsCredentialsProvider
    try {
      credentials = await assumeRole(session, base, identity.partition, member.id)
      await session.send(() => credentials())
    } catch (error) {
      // Recorded as failed; the other accounts are still listed.
      const what = `Assuming role ${session.options.roleName} in account ${member.id}`
      onFailure({provider: 'aws', scope: member.id, status: 'failed', error: describeAwsError(what, error), count: 0})
      return
    }
    return visit({id: member.id, name: member.name, credentials})
  })
  if (!members.some((member) => member.id === identity.account)) visits.push(visit(caller))
  await Promise.all(visits)
}
