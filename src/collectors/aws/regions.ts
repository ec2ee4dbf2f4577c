import {HttpError} from '../http.js'
import type {AwsCredentialsProvider} from './options.js'
import type {AwsSession} from './session.js'

/** The regions enabled for an account (EC2 DescribeRegions without AllRegions: opted-in and default regions). */
export async function enabledRegions(
  session: AwsSession,
  accountId: string,
  credentials: AwsCredentialsProvider,
): Promise<string[]> {
  const {EC2Client, DescribeRegionsCommand} = await import('@aws-sdk/client-ec2')
  const client = new EC2Client(session.config('ec2', session.homeRegion, credentials))
  try {
    const what = `Listing the enabled regions of account ${accountId} (ec2:DescribeRegions)`
    const output = await session.send(what, `${accountId}/${session.homeRegion}`, () =>
      client.send(new DescribeRegionsCommand({AllRegions: false})),
    )
    const regions = (output.Regions ?? [])
      .filter((region) => region.OptInStatus !== 'not-opted-in')
      .map((region) => region.RegionName)
      .filter((name): name is string => Boolean(name))
    if (regions.length === 0) throw new HttpError(`${what} returned no region.`, 'malformed')
    return regions.sort()
  } finally {
    client.destroy()
  }
}
