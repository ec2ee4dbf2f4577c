import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {REPORT_FORMATS} from '../../src/report/index.js'
import type {ReportData} from '../../src/report/types.js'
import {ROOT} from '../helpers/cli.js'
import {reportData} from './fixture.js'

// Golden files for every format on the demo estate. After an intended change (catalog, scoring,
// a renderer), refresh them with `UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts` and review the diff.
const GOLDEN = join(ROOT, 'test/golden')
let data: ReportData

beforeAll(async () => {
  data = await reportData({hostile: false})
})

describe('golden reports for the demo estate', () => {
  for (const [format, spec] of Object.entries(REPORT_FORMATS)) {
    it(`${format} (${spec.file}) matches its golden file`, () => {
      const text = [...spec.render(data)].join('')
      const file = join(GOLDEN, spec.file)
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
        mkdirSync(GOLDEN, {recursive: true})
        writeFileSync(file, text)
      }
      expect(text).toBe(readFileSync(file, 'utf8'))
    })
  }
})
