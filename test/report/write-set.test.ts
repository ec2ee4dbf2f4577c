import {createHash} from 'node:crypto'
import {mkdir, mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {parseFormats, RUN_MANIFEST, type RunManifest, writeReports} from '../../src/report/index.js'
import type {ReportData} from '../../src/report/types.js'
import {writeFileAtomic} from '../../src/util/atomic.js'
import {reportData} from './fixture.js'

let data: ReportData
beforeAll(async () => {
  data = await reportData({hostile: false})
})

const folder = () => mkdtemp(join(tmpdir(), 'exitready-set-'))

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(InputError)
  return error as InputError
}

describe('a report set', () => {
  it('is written with a manifest naming each file and its SHA-256', async () => {
    const dir = await folder()
    const files = await writeReports(data, ['md', 'json'], dir, {version: '0.1.0'})
    expect(files).toEqual([join(dir, 'exit-report.md'), join(dir, 'assessment.json')])
    const manifest = JSON.parse(await readFile(join(dir, RUN_MANIFEST), 'utf8')) as RunManifest
    expect(manifest.schema).toBe('exitready/run@1')
    expect(manifest.files.map((f) => f.file)).toEqual(['exit-report.md', 'assessment.json'])
    for (const entry of manifest.files) {
      const bytes = await readFile(join(dir, entry.file))
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
      expect(entry.bytes).toBe(bytes.length)
    }
    expect(await readdir(dir)).not.toContain('.exitready.lock')
  })

  it("removes temporary files left by a run that was killed, and keeps a live run's", async () => {
    const dir = await folder()
    await writeFile(join(dir, '.assessment.json.999999999.0a1b2c3d.tmp'), 'half a report')
    await writeFile(join(dir, `.assessment.json.${process.pid}.0a1b2c3d.tmp`), 'being written')
    await writeReports(data, ['md'], dir)
    const left = await readdir(dir)
    expect(left).not.toContain('.assessment.json.999999999.0a1b2c3d.tmp')
    expect(left).toContain(`.assessment.json.${process.pid}.0a1b2c3d.tmp`)
  })

  it('refuses a folder another live run is writing into', async () => {
    const dir = await folder()
    // PID 1 is always alive.
    await writeFile(join(dir, '.exitready.lock'), '1')
    const error = await failure(writeReports(data, ['md'], dir))
    expect(error.message).toMatch(/another exitready run \(process 1\) is writing reports into this folder/)
  })

  it('takes over a lock left by a process that is gone', async () => {
    const dir = await folder()
    await writeFile(join(dir, '.exitready.lock'), '999999999')
    await writeReports(data, ['md'], dir)
    expect(await readdir(dir)).toContain(RUN_MANIFEST)
  })
})

describe("output errors are the user's, exit 2", () => {
  it('an out-dir that is a file', async () => {
    const dir = await folder()
    await writeFile(join(dir, 'report'), 'x')
    const error = await failure(writeReports(data, ['md'], join(dir, 'report')))
    expect(error.exitCode).toBe(2)
    expect(error.message).toBe(`cannot write ${join(dir, 'report')}: a file is in the way of a folder.`)
  })

  it('a path below a file', async () => {
    const dir = await folder()
    await writeFile(join(dir, 'file'), 'x')
    const error = await failure(writeFileAtomic(join(dir, 'file', 'deeper', 'out.json'), '{}'))
    expect(error.message).toMatch(
      /^cannot write .*out\.json: a (part of the path is a file, not a folder|file is in the way of a folder)\.$/,
    )
  })

  it('a device or a /proc entry, refused at once', async () => {
    expect((await failure(writeFileAtomic('/dev/null', '{}'))).message).toBe(
      'cannot write /dev/null: the path cannot hold a file.',
    )
    expect((await failure(writeFileAtomic('/proc/nope/out.json', '{}'))).message).toBe(
      'cannot write /proc/nope/out.json: the path cannot hold a file.',
    )
  })

  it('a folder as the target file', async () => {
    const dir = await folder()
    await mkdir(join(dir, 'inventory.json'))
    expect((await failure(writeFileAtomic(join(dir, 'inventory.json'), '{}'))).message).toMatch(/: it is a folder\.$/)
  })
})

describe('--format', () => {
  it('takes commas and repetition, and refuses an empty list or an unknown name with a guess', () => {
    expect(parseFormats(['md', 'json,csv', 'MD'])).toEqual(['md', 'json', 'csv'])
    expect(() => parseFormats(',')).toThrow('--format names no format.')
    expect(() => parseFormats([])).toThrow('--format names no format.')
    expect(() => parseFormats('mdd')).toThrow('Unknown report format "mdd" (did you mean "md"?).')
  })
})

describe('interruption', () => {
  it('SIGTERM during a write removes the temporary file and exits 143', async () => {
    const {spawn} = await import('node:child_process')
    const dir = await folder()
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../support/endless-write.ts'), dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    // Wait until the temporary file exists, then stop the writer.
    for (let i = 0; i < 200; i++) {
      if ((await readdir(dir)).some((name) => name.endsWith('.tmp'))) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect((await readdir(dir)).some((name) => name.endsWith('.tmp'))).toBe(true)
    child.kill('SIGTERM')
    expect(await exited).toBe(143)
    expect(await readdir(dir)).toEqual([])
  })
})
