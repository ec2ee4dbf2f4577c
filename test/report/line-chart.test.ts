import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {lineChart} from '../../src/report/svg.js'

describe('the inline SVG line chart', () => {
  it('escapes every label and draws one point per value in each series', () => {
    const svg = lineChart(
      'chart-x',
      '<b>title</b>',
      ['2026-01-01', '<script>alert(1)</script>', '2026-03-01'],
      [
        {label: 'a"b', values: [10, 20, 30]},
        {label: 'c', values: [90, 80, 70]},
      ],
      ['C', '<i>', 'B'],
    )
    expect(svg).not.toMatch(/<script|<b>|<i>/)
    expect(svg).toContain('&lt;script&gt;')
    expect(svg.match(/<circle/g)?.length).toBe(6)
    expect(svg).toContain('data-series="a&quot;b"')
  })

  it('never draws date labels on top of each other, and keeps values on the 0–100 scale (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 40}),
        fc.boolean(),
        fc.array(fc.double({min: -50, max: 200, noNaN: true}), {minLength: 40, maxLength: 40}),
        (n, long, values) => {
          const labels = Array.from({length: n}, (_, i) => (long ? `2026-12-02 10:${String(i).padStart(2, '0')}` : `2026-${i}`))
          const svg = lineChart('t', 't', labels, [{label: 's', values: values.slice(0, n)}])
          const ticks = [...svg.matchAll(/<text x="([\d.]+)" y="192" text-anchor="middle" class="label">([^<]*)<\/text>/g)]
          expect(ticks.length).toBeGreaterThan(0)
          for (let i = 1; i < ticks.length; i++) {
            const gap = Number(ticks[i]![1]) - Number(ticks[i - 1]![1])
            expect(gap).toBeGreaterThanOrEqual((ticks[i]![2]!.length * 6.5 + ticks[i - 1]![2]!.length * 6.5) / 2)
          }
          for (const [, cy] of svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)) {
            expect(Number(cy)).toBeGreaterThanOrEqual(16)
            expect(Number(cy)).toBeLessThanOrEqual(176)
          }
        },
      ),
    )
  })
})
