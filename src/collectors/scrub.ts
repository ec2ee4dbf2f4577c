/**
 * Error text that may be stored in a snapshot or printed: one sentence, and nothing that looks
 * like a credential. Provider messages sometimes echo keys, signatures or tokens back.
 */

/** Key names that say their value is a secret. */
const SECRET_NAME = String.raw`[\w-]*(?:token|secret|password|passwd|passphrase|signature|credential|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|sig)`

const SECRET_PATTERNS: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  // Single-line or multi-line PEM blocks (private keys, certificates with keys).
  [/-----BEGIN [A-Z0-9 ]*-----[\s\S]*?(-----END [A-Z0-9 ]*-----|$)/g, '[redacted]'],
  // Passwords inside URLs: scheme://user:password@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, '$1[redacted]@'],
  // AWS access key ids (long-term AKIA…, temporary ASIA…).
  [/\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '[redacted]'],
  // Vendor token shapes: GitHub (ghp_, gho_, ghs_, ghu_, ghr_, github_pat_), Stripe (sk_live_, rk_live_), Slack (xox?-), GitLab (glpat-).
  [
    /\b(gh[opsur]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|[sr]k_(live|test)_[A-Za-z0-9]{10,}|xox[abposr]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,})/g,
    '[redacted]',
  ],
  // Authorization schemes followed by something token-shaped (prose such as "the security token included" survives).
  [/\b(Bearer|Basic|bearer)\s+[A-Za-z0-9._~+/-]{8,}=*/g, '$1 [redacted]'],
  [/\b(authorization|x-auth-token|x-amz-security-token|x-ovh-signature)(["']?\s*[:=]\s*["']?)[^"'\n]+/gi, '$1$2[redacted]'],
  // JSON Web Tokens.
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted]'],
  // "key": "value" and key='value' whose key names a secret: the whole quoted value, spaces included.
  [new RegExp(String.raw`\b(${SECRET_NAME})(["']?\s*[:=]\s*)"(?:[^"\\]|\\.)*"?`, 'gi'), '$1$2"[redacted]"'],
  [new RegExp(String.raw`\b(${SECRET_NAME})(["']?\s*[:=]\s*)'(?:[^'\\]|\\.)*'?`, 'gi'), "$1$2'[redacted]'"],
  // key=value or key: value unquoted: to the end of the value, spaces included (a passphrase has
  // them); it ends at a query's &, a closing bracket or the line end. Over-redacting is the safe side.
  [
    new RegExp(String.raw`\b(${SECRET_NAME})(\s*[:=])(?!\s*\[redacted\]|\s*["'])\s*[^&}\]\r\n\s][^&}\]\r\n]*`, 'gi'),
    (_m: string, key: string, sep: string) => `${key}${sep}${sep.endsWith('=') ? '' : ' '}[redacted]`,
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
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement as string)
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
