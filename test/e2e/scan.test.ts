import {spawn} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {readSnapshot} from '../../src/inventory/snapshot.js'
import {ROOT, tempDir} from '../helpers/cli.js'
import {type FakeAws, type FakeAwsEstate, startFakeAws, type TaggingPage} from '../support/fake-aws.js'

const ACCOUNT = '111122223333'
const page = (name: string) => JSON.parse(readFileSync(join(ROOT, 'fixtures/aws', name), 'utf8')) as TaggingPage

/** The recorded responses of fixtures/aws, served per account and region. */
const ESTATE: FakeAwsEstate = {
  account: ACCOUNT,
  regions: ['eu-central-1', 'eu-west-1', 'us-east-1'],
  pages: {
    [`${ACCOUNT}/eu-west-1`]: [page('get-resources-eu-west-1-page1.json'), page('get-resources-eu-west-1-page2.json')],
    [`${ACCOUNT}/eu-central-1`]: [page('get-resources-eu-central-1.json')],
    [`${ACCOUNT}/us-east-1`]: [page('get-resources-us-east-1.json')],
  },
}

/** Runs the built CLI asynchronously: the fake AWS server lives in this process and must keep answering. */
function scan(args: string[], env: NodeJS.ProcessEnv): Promise<{status: number; stdout: string; stderr: string}> {
  const home = tempDir('exitready-home-')
  const child = spawn(process.execPath, [join(ROOT, 'bin/run.js'), 'scan', ...args], {
    cwd: home,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      NO_COLOR: '1',
      CI: '1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
      AWS_REGION: 'eu-west-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env,
    },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (status) => resolve({status: status ?? -1, stdout, stderr}))
  })
}

let server: FakeAws | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('exitready scan (built CLI against a local AWS on 127.0.0.1)', () => {
  it('writes a complete snapshot and exits 0', async () => {
    server = await startFakeAws(ESTATE)
    const out = join(tempDir(), 'inventory.json')
    const run = await scan(['--provider', 'aws', '--endpoint', `aws=${server.url}`, '--out', out], {})

    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(run.status).toBe(0)
    const snapshot = await readSnapshot(out)
    expect(snapshot.resources).toHaveLength(25 + 31 + 6 + 6)
    expect(snapshot.sources.map((s) => `${s.scope} ${s.status} ${s.count}`).sort()).toEqual([
      `${ACCOUNT}/eu-central-1 complete 6`,
      `${ACCOUNT}/eu-west-1 complete 56`,
      `${ACCOUNT}/us-east-1 complete 6`,
    ])
    const types = new Set(snapshot.resources.map((r) => r.type))
    for (const type of ['AWS::EC2::Instance', 'AWS::RDS::DBInstance', 'AWS::S3::Bucket', 'AWS::CloudFront::Distribution'])
      expect(types).toContain(type)
    // The regions came from DescribeRegions; the untagged-resources caveat is said exactly once.
    expect(run.stderr.match(/never returns resources that have never had a tag/g)).toHaveLength(1)
    expect(run.stderr).toMatch(/Wrote .*inventory\.json: 68 resources \(aws 68\)/)
    expect(JSON.stringify(snapshot)).not.toContain('wJalrXUtnFEMI')
  })

  it('exits 3 and still writes everything else when a region is denied (NDJSON, --json, EXITREADY_ENDPOINT_AWS)', async () => {
    server = await startFakeAws({
      ...ESTATE,
      failures: {
        [`${ACCOUNT}/us-east-1`]: {
          status: 400,
          body: JSON.stringify({
            __type: 'AccessDeniedException',
            Message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/CloudArchitect/alice@example.com is not authorized to perform: tag:GetResources`,
          }),
        },
      },
    })
    const out = join(tempDir(), 'estate.ndjson')
    const run = await scan(['-p', 'aws', '--aws-regions', 'eu-west-1,us-east-1', '--out', out, '--json'], {
      EXITREADY_ENDPOINT_AWS: server.url,
    })

    expect(run.status).toBe(3)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({out, resources: 56, providers: ['aws'], exitCode: 3})
    const snapshot = await readSnapshot(out)
    expect(readFileSync(out, 'utf8').split('\n')[0]).toContain('"schema":"exitready/inventory@1"')
    expect(snapshot.resources).toHaveLength(56)
    const failed = snapshot.sources.find((s) => s.scope === `${ACCOUNT}/us-east-1`)
    expect(failed).toMatchObject({status: 'failed', count: 0})
    expect(failed?.error).toMatch(/AccessDeniedException.*tag:GetResources/)
    expect(run.stderr).toMatch(/incomplete: 1 scope could not be read in full \(exit code 3\)/)
  })

  it('exits 4 and leaves the previous snapshot intact when the credentials are rejected', async () => {
    server = await startFakeAws({
      ...ESTATE,
      failures: {
        identity: {
          status: 403,
          body: readFileSync(join(ROOT, 'fixtures/aws/invalid-token.xml'), 'utf8'),
        },
      },
    })
    const out = join(tempDir(), 'inventory.json')
    writeFileSync(out, 'previous snapshot')
    const run = await scan(['--provider', 'aws', '--out', out], {AWS_ENDPOINT_URL: server.url})

    expect(run.status).toBe(4)
    expect(run.stderr).toMatch(/InvalidClientTokenId/)
    expect(run.stderr).toMatch(/Nothing was written/)
    expect(run.stderr).not.toContain('wJalrXUtnFEMI')
    expect(readFileSync(out, 'utf8')).toBe('previous snapshot')
  })

  it('--assess assesses the fresh snapshot and writes the reports', async () => {
    server = await startFakeAws(ESTATE)
    const dir = tempDir()
    const reports = join(dir, 'report')
    const run = await scan(
      [
        '-p',
        'aws',
        '--aws-regions',
        'eu-central-1',
        '--endpoint',
        `aws=${server.url}`,
        '--out',
        join(dir, 'inventory.json'),
        '--assess',
        '--out-dir',
        reports,
      ],
      {},
    )
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/Exit readiness: grade [A-F]/)
    const assessment = JSON.parse(readFileSync(join(reports, 'assessment.json'), 'utf8'))
    expect(assessment.resources).toHaveLength(6)
  })

  it('rejects a malformed --endpoint with exit code 2', async () => {
    const out = join(tempDir(), 'inventory.json')
    const run = await scan(['--provider', 'aws', '--endpoint', 'aws', '--out', out], {})
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/--endpoint "aws" is not <provider>=<url>/)
    expect(existsSync(out)).toBe(false)
  })
})
