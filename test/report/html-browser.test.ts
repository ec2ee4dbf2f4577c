import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {type Browser, chromium} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {renderHtml} from '../../src/report/html.js'
import {ROOT, tempDir} from '../helpers/cli.js'
import {HOSTILE, reportData} from './fixture.js'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = join(ROOT, 'test-artifacts')

let browser: Browser
let file: string

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does.`)
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  file = join(tempDir(), 'exit-report.html')
  writeFileSync(file, [...renderHtml(await reportData())].join(''))
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

describe('the HTML report in headless Chromium', () => {
  it('renders every section and chart, requests nothing, and shows hostile values as text', async () => {
    const page = await browser.newPage({viewport: {width: 1200, height: 1600}})
    const requests: string[] = []
    const dialogs: string[] = []
    const errors: string[] = []
    page.on('request', (request) => {
      if (request.url() !== `file://${file}`) requests.push(request.url())
    })
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message())
      await dialog.dismiss()
    })
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(`file://${file}`, {waitUntil: 'load'})

    for (const id of ['summary', 'inventory', 'plans', 'waves', 'findings', 'regulation', 'methodology', 'appendix'])
      expect(await page.locator(`section#${id} h2`).count(), id).toBe(1)
    for (const chart of ['chart-provider-lockin', 'chart-concentration', 'chart-portability', 'chart-heatmap']) {
      const svg = page.locator(`svg#${chart}`)
      expect(await svg.count(), chart).toBe(1)
      expect(await svg.locator('title').first().textContent()).toBeTruthy()
      expect((await svg.boundingBox())!.width).toBeGreaterThan(100)
    }
    expect(await page.locator('h1').textContent()).toBe('Exit-strategy report')

    // The hostile tag value is text on the page, and nothing it asked for happened.
    expect(await page.getByText(HOSTILE, {exact: false}).count()).toBeGreaterThan(0)
    expect(await page.locator('img').count()).toBe(0)
    expect(await page.locator('script').count()).toBe(0)
    expect(dialogs).toEqual([])
    expect(requests).toEqual([])
    expect(errors.filter((e) => /Content Security Policy/.test(e))).toEqual([])

    mkdirSync(ARTIFACTS, {recursive: true})
    await page.screenshot({path: join(ARTIFACTS, 'exit-report-first-page.png')})
    // `UPDATE_SCREENSHOT=1 npm test` refreshes the README's picture from this same run.
    if (process.env.UPDATE_SCREENSHOT === '1') await page.screenshot({path: join(ROOT, 'docs/exit-report.png')})
    await page.close()
  })

  it('the Content-Security-Policy blocks any injected external load', async () => {
    // A local server counts what reaches it; even markup that slipped through escaping must not load.
    let hits = 0
    const server = createServer((_req, res) => {
      hits++
      res.end('x')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as AddressInfo
    const page = await browser.newPage()
    await page.goto(`file://${file}`)
    await page.evaluate((url) => {
      const img = document.createElement('img')
      img.src = `${url}/tracker.png`
      document.body.append(img)
      const link = document.createElement('link')
      link.rel = 'stylesheet'
      link.href = `${url}/style.css`
      document.head.append(link)
    }, `http://127.0.0.1:${port}`)
    await page.waitForTimeout(300)
    await page.close()
    await new Promise((resolve) => server.close(resolve))
    expect(hits).toBe(0)
  })

  it('prints to PDF with a page per section', async () => {
    const page = await browser.newPage()
    await page.goto(`file://${file}`)
    const pdf = await page.pdf({format: 'A4'})
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(50_000)
    await page.close()
  })
})
