import {HttpError, type HttpErrorKind, type RetryDecision} from '../http.js'
import {oneSentence} from '../scrub.js'

/** What the AWS SDK v3 throws: a named error with HTTP metadata. */
interface AwsError {
  name?: string
  message?: string
  code?: string
  $metadata?: {httpStatusCode?: number}
  $retryable?: unknown
}

function asAwsError(error: unknown): AwsError {
  return typeof error === 'object' && error !== null ? (error as AwsError) : {message: String(error)}
}

/** AWS throttles with HTTP 400 and one of these names (Tagging API: ThrottledException). */
const THROTTLE_NAMES = new Set([
  'ThrottledException',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
])

const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalFailure',
  'ServiceUnavailable',
])
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET'])

const AUTH_NAMES = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSignatureException',
  'ExpiredToken',
  'ExpiredTokenException',
  'AuthFailure',
  'MissingAuthenticationToken',
  'CredentialsProviderError',
])

const DENIED_NAMES = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError'])

export function isThrottle(error: unknown): boolean {
  const e = asAwsError(error)
  return THROTTLE_NAMES.has(e.name ?? '') || e.$metadata?.httpStatusCode === 429
}

/** Credentials that AWS does not accept at all (as opposed to a missing permission). */
export function isAuthFailure(error: unknown): boolean {
  return AUTH_NAMES.has(asAwsError(error).name ?? '')
}

export function isAccessDenied(error: unknown): boolean {
  return DENIED_NAMES.has(asAwsError(error).name ?? '')
}

export function errorName(error: unknown): string {
  return asAwsError(error).name ?? 'Error'
}

/** Throttles, 5xx, timeouts and dropped connections are retried; everything else is final. */
export function awsRetryDecision(error: unknown): RetryDecision {
  const e = asAwsError(error)
  const status = e.$metadata?.httpStatusCode ?? 0
  if (isThrottle(e) || status >= 500) return {retry: true}
  if (TRANSIENT_NAMES.has(e.name ?? '') || TRANSIENT_CODES.has(e.code ?? '')) return {retry: true}
  return {retry: false}
}

/** One sentence naming what failed and why, without credentials. */
export function describeAwsError(what: string, error: unknown): string {
  const e = asAwsError(error)
  const status = e.$metadata?.httpStatusCode
  if (e.name === 'MalformedResponse') return oneSentence(`${what} failed: the response was malformed (${e.message})`)
  if (isMalformed(e))
    return oneSentence(`${what} failed: the response was not valid JSON or XML${status ? ` (HTTP ${status})` : ''}`)
  if (isThrottle(e)) return oneSentence(`${what} was still throttled after retries (${e.name})`)
  if (e.name === 'CredentialsProviderError')
    return oneSentence(`${what} failed: no usable AWS credentials (${e.message ?? 'none found'})`)
  const message = (e.message ?? '').split('\n')[0]
  const detail = message && message !== e.name ? `${e.name}: ${message}` : (e.name ?? 'unknown error')
  return oneSentence(`${what} failed (${detail}${status && status >= 500 ? `, HTTP ${status}` : ''})`)
}

/** A deserialisation failure: the SDK could not parse the body (not JSON or XML, or cut off). */
function isMalformed(e: AwsError): boolean {
  return e.name === 'SyntaxError' || e.name === 'MalformedResponse' || /Deserialization error/.test(e.message ?? '')
}

function kindOf(e: AwsError): HttpErrorKind {
  const status = e.$metadata?.httpStatusCode ?? 0
  if (isMalformed(e)) return 'malformed'
  if (isThrottle(e)) return 'throttled'
  if (isAuthFailure(e)) return 'auth'
  if (isAccessDenied(e) || status === 403) return 'forbidden'
  if (status === 404 || /NotFound/.test(e.name ?? '')) return 'not-found'
  if (status >= 500) return 'server'
  if (TRANSIENT_NAMES.has(e.name ?? '') || TRANSIENT_CODES.has(e.code ?? '')) return 'network'
  return 'client'
}

/**
 * An SDK error as the shared layer's HttpError: one sentence naming `what` failed, the kind the
 * scope bookkeeping understands, and the AWS error name as `code` (e.g. PaginationTokenExpiredException).
 */
export function toHttpError(what: string, error: unknown): HttpError {
  if (error instanceof HttpError) return error
  const e = asAwsError(error)
  return new HttpError(describeAwsError(what, error), kindOf(e), e.$metadata?.httpStatusCode, e.name)
}

/** The AWS error name behind an error, also when it was converted to an HttpError. */
export function awsErrorName(error: unknown): string {
  return error instanceof HttpError ? (error.code ?? error.kind) : errorName(error)
}
