import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {jsonSchemaFor, PUBLISHED_SCHEMAS} from '../src/schemas.js'
import {ROOT} from './helpers/cli.js'

describe('published JSON Schemas', () => {
  for (const name of Object.keys(PUBLISHED_SCHEMAS)) {
    it(`schemas/${name}.schema.json matches its zod schema (run npm run schemas if not)`, () => {
      const published = JSON.parse(readFileSync(join(ROOT, 'schemas', `${name}.schema.json`), 'utf8'))
      expect(published).toEqual(jsonSchemaFor(name))
    })
  }
})
