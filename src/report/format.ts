/** Small formatting helpers shared by the renderers. */
export const pct = (share: number, digits = 0): string => `${(share * 100).toFixed(digits)}%`

export const num = (value: number, digits = 0): string =>
  value.toLocaleString('en-GB', {minimumFractionDigits: digits, maximumFractionDigits: digits})

export const gib = (value: number): string => (value >= 1024 ? `${num(value / 1024, 1)} TiB` : `${num(value, 0)} GiB`)

export const money = (value: number | undefined, currency: string | undefined): string =>
  value === undefined || currency === undefined ? 'unknown' : `${currency} ${num(value, 0)}`

export const GRADE_MEANING: Record<string, string> = {
  A: 'ready to leave: portable, spread, under EU control',
  B: 'mostly ready: a few proprietary dependencies',
  C: 'exit possible with significant work',
  D: 'substantial lock-in: exit needs a funded programme',
  E: 'heavy lock-in and concentration',
  F: 'captive: leaving would mean rebuilding',
}

/** What a share is a share of; every share a report prints names one (one number per fact). */
export type ShareBase = 'weighted' | 'count' | 'critical-function'

const BASE_TEXT: Record<ShareBase, string> = {
  weighted: ' (weighted by criticality)',
  count: ' (by count)',
  'critical-function': ' of the resources tagged critical-function=true (by count)',
}

/**
 * The one formatter for shares of the estate: one decimal everywhere (summary, findings, tables,
 * terminal, diff), so the same fact never reads as two numbers; with its base when given.
 */
export const share = (value: number, base?: ShareBase): string => `${pct(value, 1)}${base ? BASE_TEXT[base] : ''}`

/** The HHI's band, with the thresholds the report's gauge colours by. */
export const hhiBand = (hhi: number): string =>
  hhi > 2500
    ? 'above 2,500: highly concentrated'
    : hhi >= 1500
      ? '1,500 to 2,500: moderately concentrated'
      : 'below 1,500: not concentrated'
