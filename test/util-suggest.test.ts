import {describe, expect, it} from 'vitest'
import {closest} from '../src/util/suggest.js'

describe('closest', () => {
  it('guesses a slip of the keyboard', () => {
    expect(closest('severty', ['severity', 'select', 'title'])).toBe('severity')
    expect(closest('hihg', ['info', 'low', 'medium', 'high', 'critical'])).toBe('high')
    expect(closest('captiv', ['portable', 'compatible', 'proprietary', 'captive'])).toBe('captive')
    expect(closest('relational-dbs', ['relational-db', 'document-db'])).toBe('relational-db')
    expect(closest('AWS', ['aws', 'azure'])).toBe('aws')
  })

  it('does not guess when nothing is close', () => {
    expect(closest('amazon', ['aws', 'azure', 'gcp', 'hetzner'])).toBeUndefined()
    expect(closest('urgent', ['info', 'low', 'medium', 'high', 'critical'])).toBeUndefined()
    expect(closest('x', ['aws'])).toBeUndefined()
  })
})
