/** Small inline-SVG charts for the HTML report: no library, no script, every text escaped. */
export const esc = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]!)

const PALETTE = ['#1f5f8b', '#c2571a', '#2e7d4f', '#7b3f99', '#b8860b', '#3b7a8c', '#8c3b3b', '#5a6b2e', '#4a4a8c', '#8c6d3b']
export const CLASS_COLOURS: Record<string, string> = {
  portable: '#2e7d4f',
  compatible: '#6aa84f',
  proprietary: '#e69138',
  captive: '#b22222',
  unmapped: '#888888',
}

function frame(id: string, title: string, width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${esc(id)}" role="img" aria-labelledby="${esc(id)}-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title id="${esc(id)}-title">${esc(title)}</title>${body}</svg>`
}

/** Horizontal bars, one per row, value 0–max. */
export function barChart(
  id: string,
  title: string,
  rows: {label: string; value: number; text?: string; colour?: string}[],
  max = 100,
): string {
  const rowHeight = 24
  const labelWidth = 190
  const barWidth = 330
  const body = rows
    .map((row, i) => {
      const y = i * rowHeight + 4
      const w = Math.max(1, (Math.min(row.value, max) / max) * barWidth)
      return `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end" class="label">${esc(row.label.length > 28 ? `${row.label.slice(0, 27)}…` : row.label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="16" fill="${row.colour ?? PALETTE[i % PALETTE.length]}"><title>${esc(`${row.label}: ${row.text ?? row.value}`)}</title></rect><text x="${labelWidth + w + 6}" y="${y + 15}" class="value">${esc(row.text ?? row.value)}</text>`
    })
    .join('')
  return frame(id, title, labelWidth + barWidth + 70, rows.length * rowHeight + 8, body)
}

/** One stacked bar of shares, with a legend. */
export function stackedBar(id: string, title: string, parts: {label: string; value: number; colour: string}[]): string {
  const total = parts.reduce((n, p) => n + p.value, 0) || 1
  const width = 560
  let x = 0
  const bars = parts
    .filter((p) => p.value > 0)
    .map((p) => {
      const w = (p.value / total) * width
      const rect = `<rect x="${x.toFixed(1)}" y="4" width="${w.toFixed(1)}" height="28" fill="${p.colour}"><title>${esc(`${p.label}: ${p.value} (${((100 * p.value) / total).toFixed(0)}%)`)}</title></rect>`
      x += w
      return rect
    })
    .join('')
  const legend = parts
    .map(
      (p, i) =>
        `<rect x="${i * 112}" y="44" width="12" height="12" fill="${p.colour}"/><text x="${i * 112 + 16}" y="55" class="label-left">${esc(`${p.label} ${p.value}`)}</text>`,
    )
    .join('')
  return frame(id, title, width, 64, bars + legend)
}

/** A semicircle gauge for the HHI (0–10,000), with the usual 1,500 and 2,500 thresholds marked. */
export function gauge(id: string, title: string, value: number, max: number, caption: string): string {
  const cx = 130
  const cy = 120
  const r = 100
  const point = (v: number) => {
    const angle = Math.PI * (1 - Math.min(v, max) / max)
    return [cx + r * Math.cos(angle), cy - r * Math.sin(angle)] as const
  }
  const arc = (from: number, to: number, colour: string) => {
    const [x1, y1] = point(from)
    const [x2, y2] = point(to)
    return `<path d="M ${x1.toFixed(1)} ${y1.toFixed(1)} A ${r} ${r} 0 0 1 ${x2.toFixed(1)} ${y2.toFixed(1)}" stroke="${colour}" stroke-width="22" fill="none"/>`
  }
  const [nx, ny] = point(value)
  const body = `${arc(0, 1500, '#6aa84f')}${arc(1500, 2500, '#e6b838')}${arc(2500, max, '#d9534f')}<line x1="${cx}" y1="${cy}" x2="${nx.toFixed(1)}" y2="${ny.toFixed(1)}" stroke="#222" stroke-width="4"/><circle cx="${cx}" cy="${cy}" r="6" fill="#222"/><text x="${cx}" y="${cy + 28}" text-anchor="middle" class="big">${esc(Math.round(value).toLocaleString('en-GB'))}</text><text x="${cx}" y="${cy + 46}" text-anchor="middle" class="label-mid">${esc(caption)}</text>`
  return frame(id, title, 260, 172, body)
}

/** A category × provider heat map of resource counts. */
export function heatMap(
  id: string,
  title: string,
  rows: string[],
  columns: string[],
  cell: (row: string, column: string) => number,
): string {
  const labelWidth = 230
  const cellWidth = 78
  const cellHeight = 22
  let max = 1
  for (const row of rows) for (const column of columns) max = Math.max(max, cell(row, column))
  const head = columns
    .map(
      (c, j) =>
        `<text x="${labelWidth + j * cellWidth + cellWidth / 2}" y="16" text-anchor="middle" class="label-mid">${esc(c)}</text>`,
    )
    .join('')
  const body = rows
    .map((row, i) => {
      const y = 24 + i * cellHeight
      const cells = columns
        .map((column, j) => {
          const value = cell(row, column)
          const alpha = value === 0 ? 0.04 : 0.15 + 0.85 * (value / max)
          return `<rect x="${labelWidth + j * cellWidth}" y="${y}" width="${cellWidth - 2}" height="${cellHeight - 2}" fill="#1f5f8b" fill-opacity="${alpha.toFixed(2)}"><title>${esc(`${row} at ${column}: ${value}`)}</title></rect>${value ? `<text x="${labelWidth + j * cellWidth + cellWidth / 2 - 1}" y="${y + 15}" text-anchor="middle" class="${alpha > 0.55 ? 'cell-dark' : 'cell'}">${value}</text>` : ''}`
        })
        .join('')
      const label = row.length > 32 ? `${row.slice(0, 31)}…` : row
      return `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end" class="label">${esc(label)}</text>${cells}`
    })
    .join('')
  return frame(id, title, labelWidth + columns.length * cellWidth + 10, 30 + rows.length * cellHeight, head + body)
}

/**
 * A line chart on a 0–100 scale: one line per series over the same points (oldest left), a label
 * over each point of the first series (e.g. the grade), and a legend. Every text escaped.
 */
export function lineChart(
  id: string,
  title: string,
  xLabels: string[],
  series: {label: string; values: number[]; colour?: string}[],
  pointLabels: string[] = [],
): string {
  const left = 40
  const top = 16
  const plotWidth = 560
  const plotHeight = 160
  const n = xLabels.length
  // Points are inset so that the first and last date labels stay inside the frame.
  const inset = 40
  const x = (i: number) => left + (n <= 1 ? plotWidth / 2 : inset + (i * (plotWidth - 2 * inset)) / (n - 1))
  const y = (v: number) => top + plotHeight - (Math.max(0, Math.min(100, v)) / 100) * plotHeight
  const grid = [0, 25, 50, 75, 100]
    .map(
      (v) =>
        `<line x1="${left}" y1="${y(v).toFixed(1)}" x2="${left + plotWidth}" y2="${y(v).toFixed(1)}" stroke="#d8dee6"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="label">${v}</text>`,
    )
    .join('')
  // As many date labels as fit side by side (about 6.5 px a character), so they never overlap.
  const longest = Math.max(1, ...xLabels.map((l) => l.length))
  const fit = Math.max(2, Math.floor((plotWidth - 2 * inset) / (longest * 6.5 + 12)) + 1)
  const every = Math.max(1, Math.ceil((n - 1) / (fit - 1)))
  // Every `every`-th label, and the last one: in place of the one before it when the two would touch.
  const shown: number[] = []
  for (let i = 0; i < n; i += every) shown.push(i)
  const step = n <= 1 ? 0 : (plotWidth - 2 * inset) / (n - 1)
  if (n > 1 && shown[shown.length - 1] !== n - 1) {
    if ((n - 1 - shown[shown.length - 1]!) * step < longest * 6.5 + 12 && shown.length > 1) shown.pop()
    shown.push(n - 1)
  }
  const ticks = shown
    .map(
      (i) =>
        `<text x="${x(i).toFixed(1)}" y="${top + plotHeight + 16}" text-anchor="middle" class="label">${esc(xLabels[i])}</text>`,
    )
    .join('')
  const lines = series
    .map((s, k) => {
      const colour = s.colour ?? PALETTE[k % PALETTE.length]
      const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
      const dots = s.values
        .map(
          (v, i) =>
            `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3.5" fill="${colour}"><title>${esc(`${s.label}, ${xLabels[i]}: ${Number.isInteger(v) ? v : v.toFixed(1)}`)}</title></circle>`,
        )
        .join('')
      return `<g class="series" data-series="${esc(s.label)}"><polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2.5"/>${dots}</g>`
    })
    .join('')
  const first = series[0]
  const labels = first
    ? pointLabels
        .map((label, i) =>
          first.values[i] === undefined
            ? ''
            : `<text x="${x(i).toFixed(1)}" y="${(y(first.values[i]!) - 8).toFixed(1)}" text-anchor="middle" class="point-label">${esc(label)}</text>`,
        )
        .join('')
    : ''
  const legendY = top + plotHeight + 34
  const legend = series
    .map((s, k) => {
      const lx = left + (k % 2) * 290
      const ly = legendY + Math.floor(k / 2) * 18
      return `<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${s.colour ?? PALETTE[k % PALETTE.length]}"/><text x="${lx + 18}" y="${ly}" class="label-left">${esc(s.label)}</text>`
    })
    .join('')
  const height = legendY + Math.ceil(series.length / 2) * 18
  return frame(id, title, left + plotWidth + 20, height, grid + ticks + lines + labels + legend)
}
