import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {REPORT_FORMATS} from '../../src/report/index.js'
import type {ReportData} from '../../src/report/types.js'
import {ROOT} from '../helpers/cli.js'
import {reportData} from './fixture.js'

// Golden files for every format on the demo estate. After an intended change (catalog, scoring,
// a renderer), refresh them with `UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts`, or
// only some formats with `UPDATE_GOLDEN=md,csv`, and review the diff. A missing golden file fails:
// it is never written silently.
const GOLDEN = join(ROOT, 'test/golden')
const update = (format: string) => {
  const value = process.env.UPDATE_GOLDEN ?? ''
  return value === '1' || value.split(',').includes(format)
}
let data: ReportData

beforeAll(async () => {
  // With the demo's DORA arrangements, so that the goldens hold the per-arrangement exit plans too.
  data = await reportData({hostile: false, arrangements: true})
})

describe('golden reports for the demo estate', () => {
  for (const [format, spec] of Object.entries(REPORT_FORMATS)) {
    it(`${format} (${spec.file}) matches its golden file`, () => {
      const text = [...spec.render(data)].join('')
      const file = join(GOLDEN, spec.file)
      if (update(format)) {
        mkdirSync(GOLDEN, {recursive: true})
        writeFileSync(file, text)
      }
      if (!existsSync(file))
        expect.fail(`test/golden/${spec.file} is missing; write it with UPDATE_GOLDEN=${format} and review it.`)
      expect(text).toBe(readFileSync(file, 'utf8'))
    })
  }
})
