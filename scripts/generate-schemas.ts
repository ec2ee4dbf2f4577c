// Writes schemas/<name>.schema.json from the zod schemas in src/schemas.ts.
//   npm run schemas
import {writeFile} from 'node:fs/promises'
import {jsonSchemaFor, PUBLISHED_SCHEMAS} from '../src/schemas.js'

for (const name of Object.keys(PUBLISHED_SCHEMAS)) {
  const file = `schemas/${name}.schema.json`
  await writeFile(file, `${JSON.stringify(jsonSchemaFor(name), null, 2)}\n`)
  console.log(`wrote ${file}`)
}
