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
