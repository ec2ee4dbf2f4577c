/**
 * Attribute keys that look secret are dropped before anything is stored. A key that names a
 * reference (…Id, …Arn, …Name, …Uri of a key) is kept: it is not the secret, and the graph needs it.
 */
const SECRET_KEY =
  /pass(word|wd|phrase)?$|secret|token|credential|connection_?string|conn_?str|private_?key|access_?key|api_?key|account_?key|sas_?key|(primary|secondary)_?key|^key$|_key$|[a-z]Key$|^keys$|_keys$|[a-z]Keys$|certificate_?body|^cert$|sas$|signature/i
const REFERENCE_SUFFIX =
  /(Id|Ids|ID|Arn|Arns|ARN|Name|Names|Uri|Url|URI|URL|Ref|Version|Type|Vault|Ring|Alias)$|[_-](id|ids|arn|arns|name|names|uri|url|ref|version|type|vault|ring|alias)$|[_-](ID|ARN|NAME|URI|URL|TYPE)$/

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !REFERENCE_SUFFIX.test(key)
}

/** A deep copy of `value` without secret-looking keys. Returns undefined when nothing is left. */
export function redactAttributes(attributes: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!attributes) return undefined
  const out = redactValue(attributes) as Record<string, unknown>
  return Object.keys(out).length > 0 ? out : undefined
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      if (!isSecretKey(key)) out[key] = redactValue(inner)
    }
    return out
  }
  return value
}
