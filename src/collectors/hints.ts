import {readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'

/**
 * Messages for scans that read nothing, so that each says what actually went wrong: a network
 * that cannot reach the API is not a token to renew, a profile that does not exist is named, and
 * a machine without any credentials is pointed at what works without them.
 */

export interface NetworkFailure {
  host?: string
  /** DNS, connection refused, no answer, TLS. */
  reason: string
}

const REASONS: [RegExp, string][] = [
  [/\b(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)\b/, 'DNS'],
  [/\b(ECONNREFUSED)\b/, 'connection refused'],
  [/\b(EHOSTUNREACH|ENETUNREACH|ENETDOWN)\b/, 'no route to the host'],
  [/\b(ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT|timed out after \d+ ms)\b/, 'no answer in time'],
  [/\b(ECONNRESET|EPIPE|UND_ERR_SOCKET|socket hang up)\b/, 'connection reset'],
  [
    /\b(CERT_HAS_EXPIRED|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|ERR_TLS_CERT_ALTNAME_INVALID|EPROTO)\b/,
    'TLS',
  ],
]

/**
 * The network failure in an error sentence, from the shared HTTP layer ("GET https://host/path
 * failed (ENOTFOUND)", "timed out after 30000 ms") or from an SDK ("getaddrinfo ENOTFOUND host");
 * undefined when the error is not about the network.
 */
export function networkFailure(text: string): NetworkFailure | undefined {
  const reason = REASONS.find(([pattern]) => pattern.test(text))?.[1]
  if (!reason) return undefined
  const host = /\bhttps?:\/\/([^/\s:)]+)/.exec(text)?.[1] ?? /\bgetaddrinfo \w+ ([^\s:)]+)/.exec(text)?.[1]
  return {host, reason}
}

/**
 * When every failure of a provider is the network's: "cannot reach api.hetzner.cloud (DNS)" and
 * what to check, in place of the provider's advice about credentials. Undefined otherwise.
 */
export function unreachable(errors: readonly string[]): {message: string; suggestion: string} | undefined {
  if (errors.length === 0) return undefined
  const failures = errors.map(networkFailure)
  if (failures.some((failure) => failure === undefined)) return undefined
  const hosts = [...new Set(failures.map((failure) => failure!.host).filter((host) => host !== undefined))]
  const reasons = [...new Set(failures.map((failure) => failure!.reason))]
  const where = hosts.length
    ? hosts.slice(0, 3).join(', ') + (hosts.length > 3 ? ` and ${hosts.length - 3} more` : '')
    : 'the API'
  const suggestion = reasons.includes('DNS')
    ? 'Check that this machine resolves the name (DNS, VPN, an HTTPS_PROXY it needs), or point the provider elsewhere with --endpoint <provider>=<url>.'
    : reasons.includes('TLS')
      ? 'Check the proxy or the certificate (NODE_EXTRA_CA_CERTS names extra CA certificates), or the --endpoint given.'
      : 'Check the network, the firewall and any proxy (HTTPS_PROXY) between here and the API, or the --endpoint given.'
  return {message: `cannot reach ${where} (${reasons.join(', ')})`, suggestion}
}

/** The end-of-scan line when no provider has credentials at all: what to set, and what works without. */
export function noCredentialsMessage(bin = 'exitready'): {message: string; suggestion: string} {
  return {
    message: 'No provider has credentials here, so nothing was scanned and nothing was written.',
    suggestion: `Set a provider's credentials (docs/permissions.md) or name one with --provider; without cloud access, turn a Terraform state or a CLI export into a snapshot with \`${bin} import terraform.tfstate\`, or see a whole assessment with \`${bin} assess --demo\`.`,
  }
}

/** Profile names in the AWS shared config and credentials files (the files the SDK reads). */
export function awsProfiles(env: NodeJS.ProcessEnv = process.env, home = homedir()): {profiles: Set<string>; files: string[]} {
  const config = env.AWS_CONFIG_FILE || join(home, '.aws', 'config')
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')
  const profiles = new Set<string>()
  for (const [file, prefixed] of [
    [config, true],
    [credentials, false],
  ] as const) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split(/\r?\n/)) {
      const section = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$/.exec(line)?.[1]
      if (!section) continue
      // config: [default] and [profile name]; credentials: [name]. [sso-session x] and [services x] are not profiles.
      if (!prefixed) profiles.add(section)
      else if (section === 'default') profiles.add('default')
      else if (/^profile\s+/.test(section)) profiles.add(section.replace(/^profile\s+/, ''))
    }
  }
  return {profiles, files: [config, credentials]}
}

/**
 * "AWS profile "nope" (from AWS_PROFILE) is not in ~/.aws/config or ~/.aws/credentials", or
 * undefined when the profile exists or none is named. The SDK's default chain hides this: a
 * missing profile only ends in "Could not load credentials from any providers".
 */
export function missingAwsProfile(
  profile: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  home = homedir(),
): {message: string; suggestion: string} | undefined {
  const named = profile ?? env.AWS_PROFILE
  if (!named) return undefined
  const {profiles, files} = awsProfiles(env, home)
  if (profiles.has(named)) return undefined
  const origin = profile !== undefined ? '--aws-profile' : 'AWS_PROFILE'
  const tilde = (file: string) => (file.startsWith(`${home}/`) ? `~/${file.slice(home.length + 1)}` : file)
  return {
    message: `AWS profile "${named}" (from ${origin}) is not in ${files.map(tilde).join(' or ')}`,
    suggestion: profiles.size
      ? `Use one of the profiles there (${[...profiles].sort().slice(0, 8).join(', ')}${profiles.size > 8 ? ' …' : ''}), or unset ${origin} for the default chain.`
      : `Create it with \`aws configure --profile ${named}\` (or \`aws configure sso\`), or unset ${origin} for the default chain.`,
  }
}
