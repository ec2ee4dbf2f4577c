import {collectPages, PartialPagesError} from '../http.js'
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
    const output = await session.send('Checking the AWS credentials (sts:GetCallerIdentity)', 'caller', () =>
      client.send(new GetCallerIdentityCommand({})),
    )
    if (!output.Account || !output.Arn) throw new Error('GetCallerIdentity returned no account.')
    return {account: output.Account, arn: output.Arn, partition: output.Arn.split(':')[1] ?? 'aws'}
  } finally {
    client.destroy()
  }
}

type AccountItem = {Id?: string; Name?: string; State?: string; Status?: string}

function activeAccounts(listed: AccountItem[]): {id: string; name?: string}[] {
  const accounts: {id: string; name?: string}[] = []
  for (const account of listed) {
    const state = account.State ?? account.Status
    if (account.Id && (state === undefined || state === 'ACTIVE')) accounts.push({id: account.Id, name: account.Name})
  }
  return accounts
}

/**
 * Every active account of the organisation (Organizations ListAccounts, from the management or a
 * delegated account). When a later page fails, the accounts read so far come back with the error,
 * so they are still scanned while the organisation listing is recorded as partial.
 */
export async function listOrganizationAccounts(
  session: AwsSession,
  credentials: AwsCredentialsProvider,
): Promise<{accounts: {id: string; name?: string}[]; error?: unknown}> {
  const {OrganizationsClient, ListAccountsCommand} = await import('@aws-sdk/client-organizations')
  const client = new OrganizationsClient(session.config('organizations', session.homeRegion, credentials))
  const what = 'Listing the organisation accounts (organizations:ListAccounts)'
  try {
    const listed = await collectPages<AccountItem, string>(
      async (token) => {
        const page = await session.send(what, 'caller/global', () => client.send(new ListAccountsCommand({NextToken: token})))
        return {items: page.Accounts ?? [], next: page.NextToken || undefined}
      },
      {clock: session.clock},
    )
    return {accounts: activeAccounts(listed)}
  } catch (error) {
    if (error instanceof PartialPagesError) return {accounts: activeAccounts(error.items as AccountItem[]), error}
    throw error
  } finally {
    client.destroy()
  }
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
 * being assumed. An account that cannot be reached (and a failed organisation listing) is recorded as
 * a failed scope, a listing that stopped early as a partial one; the others are still visited.
 */
export async function forEachAccount(
  session: AwsSession,
  identity: CallerIdentity,
  base: AwsCredentialsProvider,
  visit: (account: AwsAccount) => Promise<void>,
): Promise<void> {
  const caller: AwsAccount = {id: identity.account, credentials: base}
  if (!session.options.org) return visit(caller)
  let members: {id: string; name?: string}[]
  try {
    const listed = await listOrganizationAccounts(session, base)
    members = listed.accounts
    // The accounts named before the listing stopped are still scanned, each as its own scope.
    if (listed.error !== undefined) session.scan.partialScope('organization', listed.error)
  } catch (error) {
    session.scan.failedScope('organization', error)
    members = []
  }
  const visits = members.map(async (member) => {
    if (member.id === identity.account) return visit({...caller, name: member.name})
    let credentials: AwsCredentialsProvider
    const what = `Assuming role ${session.options.roleName} in account ${member.id}`
    try {
      credentials = await assumeRole(session, base, identity.partition, member.id)
      await session.send(what, `${member.id}/global`, () => credentials())
    } catch (error) {
      // Recorded as failed; the other accounts are still listed.
      session.scan.failedScope(member.id, error)
      return
    }
    return visit({id: member.id, name: member.name, credentials})
  })
  if (!members.some((member) => member.id === identity.account)) visits.push(visit(caller))
  await Promise.all(visits)
}
