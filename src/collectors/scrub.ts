/**
 * Error text that may be stored in a snapshot or printed: one sentence, and nothing that looks
 * like a credential. Provider messages sometimes echo keys, signatures or tokens back.
 */

const SECRET_PATTERNS: [RegExp, string][] = [
  // AWS access key ids (long-term AKIA…, temporary ASIA…).
  [/\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '[redacted]'],
  // Authorization schemes followed by something token-shaped (prose such as "the security token included" survives).
  [/\b(Bearer|Basic|bearer)\s+[A-Za-z0-9._~+/-]{8,}=*/g, '$1 [redacted]'],
  [/\b(authorization|x-auth-token|x-amz-security-token|x-ovh-signature)(["']?\s*[:=]\s*["']?)[^"'\n]+/gi, '$1$2[redacted]'],
  // JSON Web Tokens.
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted]'],
  // key=value and "key": "value" pairs whose key names a secret.
  [
    /\b([\w-]*(?:token|secret|password|passwd|signature|credential|api[_-]?key|access[_-]?key|sig))(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
    '$1$2[redacted]',
  ],
]

/** Base64 or hex blobs (secret keys, session tokens, signatures); ids with dashes, dots or colons do not match. */
const OPAQUE_BLOB = /[A-Za-z0-9+/]{40,}={0,2}/g

function looksOpaque(blob: string): boolean {
  if (/^[0-9a-f]{64,}$/i.test(blob)) return true
  return /\d/.test(blob) && /[a-z]/.test(blob) && /[A-Z]/.test(blob)
}

export function scrubSecrets(text: string): string {
  let out = text
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement)
  return out.replace(OPAQUE_BLOB, (blob) => (looksOpaque(blob) ? '[redacted]' : blob))
}

/** The first line of a message, secrets removed, at most `max` characters, ending with a full stop. */
export function oneSentence(text: string, max = 300): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? ''
  let sentence = scrubSecrets(firstLine.replace(/\s+/g, ' ').trim())
  if (sentence.length > max) sentence = `${sentence.slice(0, max - 1).trimEnd()}…`
  if (sentence === '') return 'Unknown error.'
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`
}

/** A one-sentence description of any thrown value. */
export function errorSentence(error: unknown): string {
  if (error instanceof Error) return oneSentence(error.message || error.name)
  return oneSentence(String(error))
}
