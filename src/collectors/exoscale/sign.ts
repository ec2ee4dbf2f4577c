import {createHmac} from 'node:crypto'

/** How long a signed request stays valid; the official clients use 10 minutes. */
export const SIGNATURE_TTL_SECONDS = 600

export interface ExoscaleCredentials {
  key: string
  secret: string
}

/**
 * The EXO2-HMAC-SHA256 Authorization header of Exoscale API v2.
 * The signed message is, joined by newlines: "METHOD /escaped/path", the body, the values of the
 * single-valued query parameters sorted by name and concatenated, the signed header values (none),
 * and the expiry as Unix seconds. Parameters with several values are not signed.
 */
export function exoscaleAuthorization(
  credentials: ExoscaleCredentials,
  method: string,
  url: URL,
  body: string | undefined,
  expires: number,
): string {
  const counts = new Map<string, number>()
  for (const name of url.searchParams.keys()) counts.set(name, (counts.get(name) ?? 0) + 1)
  const signedNames = [...counts.entries()]
    .filter(([, count]) => count === 1)
    .map(([name]) => name)
    .sort()
  const signedValues = signedNames.map((name) => url.searchParams.get(name) ?? '').join('')
  const message = [`${method.toUpperCase()} ${url.pathname}`, body ?? '', signedValues, '', String(expires)].join('\n')
  const signature = createHmac('sha256', credentials.secret).update(message).digest('base64')
  const parts = [`EXO2-HMAC-SHA256 credential=${credentials.key}`]
  if (signedNames.length > 0) parts.push(`signed-query-args=${signedNames.join(';')}`)
  parts.push(`expires=${expires}`, `signature=${signature}`)
  return parts.join(',')
}
