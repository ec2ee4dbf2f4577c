// Types of action/pr-comment.mjs, for the tests that import it.
export declare const MARKER: string
export declare const MAX_BODY_CHARS: number
export declare function commentBody(options: {
  diff?: string
  assessment?: unknown
  baseRef?: string
  sha?: string
  runUrl?: string
}): string
