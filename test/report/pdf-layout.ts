import {inflateSync} from 'node:zlib'

/**
 * A small reader of the PDFs Chromium prints, enough to measure layout: each page's size, where
 * its text sits (from the content stream's text positions under the current transformation), and
 * whether it starts a report section (the h2's accent-coloured rule). Not a general PDF parser.
 */
export interface PdfPage {
  width: number
  height: number
  /** Page y (points, from the bottom) of every text run drawn. */
  textY: number[]
  /** Thin rules filled in the accent colour, full width: the bottom border of each h2. */
  sectionRules: number
}

type Matrix = [number, number, number, number, number, number]
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
]
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0]
const apply = (m: Matrix, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]] as const

interface PdfObject {
  dict: string
  stream?: Buffer
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1')
  const out = new Map<number, PdfObject>()
  const re = /(\d+) 0 obj\s*/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length
    const end = text.indexOf('endobj', start)
    const body = text.slice(start, end)
    const s = body.indexOf('stream')
    if (s < 0) {
      out.set(Number(m[1]), {dict: body})
      continue
    }
    const dict = body.slice(0, s)
    let from = start + s + 'stream'.length
    if (text[from] === '\r') from++
    if (text[from] === '\n') from++
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1])
    const raw = pdf.subarray(from, from + length)
    out.set(Number(m[1]), {dict, stream: /FlateDecode/.test(dict) ? inflateSync(raw) : raw})
    re.lastIndex = end
  }
  return out
}

const refs = (value: string): number[] => [...value.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]))

function pageObjects(all: Map<number, PdfObject>): PdfObject[] {
  const root = [...all.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict))!
  const pages: PdfObject[] = []
  const walk = (id: number) => {
    const node = all.get(id)!
    if (/\/Type\s*\/Pages/.test(node.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node.dict)![1]!
      for (const kid of refs(kids)) walk(kid)
    } else pages.push(node)
  }
  walk(refs(/\/Pages\s+\d+ 0 R/.exec(root.dict)![0])[0]!)
  return pages
}

const TOKEN =
  /<<|>>|\[|\]|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\/[^\s/[\]<>()]+|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[A-Za-z'"*]+/g

/** Interprets one content stream: the CTM (q, Q, cm), the text matrix (BT, Tm, Td, TD, T*) and filled rectangles. */
function measure(content: string, page: {width: number; height: number}): Omit<PdfPage, 'width' | 'height'> {
  const textY: number[] = []
  let sectionRules = 0
  const stack: Matrix[] = []
  let ctm: Matrix = IDENTITY
  let tm: Matrix = IDENTITY
  let tlm: Matrix = IDENTITY
  let leading = 0
  let fill = ''
  const operands: string[] = []
  let pendingRect: number[] | undefined
  const nums = (k: number) => operands.slice(-k).map(Number)
  for (const [token] of content.matchAll(TOKEN)) {
    if (!/^[A-Za-z'"*]+$/.test(token)) {
      operands.push(token)
      continue
    }
    switch (token) {
      case 'q':
        stack.push(ctm)
        break
      case 'Q':
        ctm = stack.pop() ?? IDENTITY
        break
      case 'cm':
        ctm = multiply(nums(6) as Matrix, ctm)
        break
      case 'BT':
        tm = IDENTITY
        tlm = IDENTITY
        break
      case 'Tm':
        tm = nums(6) as Matrix
        tlm = tm
        break
      case 'Td':
      case 'TD': {
        const [tx, ty] = nums(2) as [number, number]
        if (token === 'TD') leading = -ty
        tlm = multiply([1, 0, 0, 1, tx, ty], tlm)
        tm = tlm
        break
      }
      case 'TL':
        leading = nums(1)[0]!
        break
      case 'T*':
        tlm = multiply([1, 0, 0, 1, 0, -leading], tlm)
        tm = tlm
        break
      case 'Tj':
      case 'TJ':
      case "'":
      case '"': {
        const [, y] = apply(multiply(tm, ctm), 0, 0)
        textY.push(y)
        break
      }
      case 'rg':
        fill = nums(3)
          .map((v) => v.toFixed(2))
          .join(' ')
        break
      case 're':
        pendingRect = nums(4)
        break
      case 'f':
      case 'F':
      case 'f*':
        if (pendingRect && fill === '0.12 0.37 0.55') {
          const [x, y, w, h] = pendingRect as [number, number, number, number]
          const [x0, y0] = apply(ctm, x, y)
          const [x1, y1] = apply(ctm, x + w, y + h)
          if (Math.abs(y1 - y0) < 2.5 && Math.abs(x1 - x0) > page.width * 0.6) sectionRules++
        }
        pendingRect = undefined
        break
      default:
        break
    }
    operands.length = 0
  }
  return {textY, sectionRules}
}

export function readPdfPages(pdf: Buffer): PdfPage[] {
  const all = objects(pdf)
  return pageObjects(all).map((page) => {
    const box = /\/MediaBox\s*\[([^\]]*)\]/.exec(page.dict)![1]!.trim().split(/\s+/).map(Number)
    const size = {width: box[2]! - box[0]!, height: box[3]! - box[1]!}
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)![1]!
    const content = refs(contents)
      .map((id) => all.get(id)!.stream!.toString('latin1'))
      .join('\n')
    return {...size, ...measure(content, size)}
  })
}
