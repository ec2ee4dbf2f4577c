#!/usr/bin/env node
// The body of the one pull-request comment the GitHub Action keeps up to date (found again by its
// marker and edited, in the way Infracost keeps its cost comment): the Markdown of
// `exitready diff --format md` against the base branch, or the current grade when there is no base.
//   node action/pr-comment.mjs [--diff diff.md] --assessment result.json \
//     [--base-ref main] [--sha <commit>] [--run-url <url>] --out comment.md
//   node action/pr-comment.mjs --marker
import {readFileSync, writeFileSync} from 'node:fs'
import {pathToFileURL} from 'node:url'
import {parseArgs} from 'node:util'

export const MARKER = '<!-- exitready-pr-comment -->'
/** GitHub refuses comment bodies over 65,536 characters; the rest of the diff stays in the report artifact. */
export const MAX_BODY_CHARS = 65_536

/** The assessment's headline, read without trusting its shape: it comes from a file on disk. */
function headline(assessment) {
  const summary = assessment && typeof assessment === 'object' ? assessment.summary : undefined
  if (!summary || typeof summary !== 'object') return undefined
  const grade = typeof summary.grade === 'string' ? summary.grade : '?'
  const readiness = typeof summary.readiness === 'number' ? ` (${summary.readiness.toFixed(1)}/100)` : ''
  const count = typeof summary.resourceCount === 'number' ? `, ${summary.resourceCount.toLocaleString('en-US')} resources` : ''
  return `Exit readiness: grade **${grade}**${readiness}${count}.`
}

/** Cuts Markdown at a line break so that it fits, and says how much was left out. */
function truncated(markdown, room) {
  if (markdown.length <= room) return markdown
  const cut = markdown.lastIndexOf('\n', room - 200)
  const kept = markdown.slice(0, cut > 0 ? cut : room - 200)
  const left = markdown.slice(kept.length).split('\n').filter(Boolean).length
  return `${kept}\n\n… ${left} more lines: see the exit report in the workflow run's artifacts.`
}

/**
 * The comment: marker, title, the diff (or why there is none), and where it came from.
 * `diff` is the Markdown of `exitready diff --format md`; `assessment` the parsed `assess --json`
 * result (the assessment without its resources, small however large the estate).
 */
export function commentBody({diff, assessment, baseRef, sha, runUrl}) {
  const lines = [MARKER, '## exitready: exit readiness of this pull request', '']
  const now = headline(assessment)
  if (diff?.trim()) {
    lines.push(`Compared with the base branch${baseRef ? ` \`${baseRef}\`` : ''}:`, '', '%DIFF%')
  } else {
    lines.push(
      now ?? 'No assessment was written (see the workflow log).',
      '',
      `There is no assessment of the base branch${baseRef ? ` \`${baseRef}\`` : ''} to compare with: it has none of the snapshots, or the action was given no base-assessment.`,
    )
  }
  const footer = [
    '',
    `<sub>${[
      sha ? `Commit ${sha.slice(0, 12)}` : '',
      runUrl ? `[workflow run and full report](${runUrl})` : '',
      'updated on every push',
    ]
      .filter(Boolean)
      .join(' · ')}</sub>`,
  ]
  const frame = [...lines, ...footer].join('\n')
  if (!frame.includes('%DIFF%')) return `${frame}\n`
  const room = MAX_BODY_CHARS - (frame.length - '%DIFF%'.length) - 2
  return `${frame.replace('%DIFF%', () => truncated(diff.trim(), room))}\n`
}

function main(argv) {
  const {values} = parseArgs({
    args: argv,
    options: {
      diff: {type: 'string'},
      assessment: {type: 'string'},
      'base-ref': {type: 'string'},
      sha: {type: 'string'},
      'run-url': {type: 'string'},
      out: {type: 'string'},
      marker: {type: 'boolean', default: false},
    },
  })
  if (values.marker) {
    process.stdout.write(`${MARKER}\n`)
    return
  }
  let assessment
  try {
    assessment = values.assessment ? JSON.parse(readFileSync(values.assessment, 'utf8')) : undefined
  } catch {
    assessment = undefined
  }
  const diff = values.diff ? readFileSync(values.diff, 'utf8') : undefined
  const body = commentBody({diff, assessment, baseRef: values['base-ref'], sha: values.sha, runUrl: values['run-url']})
  if (values.out) writeFileSync(values.out, body)
  else process.stdout.write(body)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2))
