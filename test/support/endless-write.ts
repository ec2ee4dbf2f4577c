// Test helper: writes an endless file atomically into the folder given as argv[2], until a signal ends it.
import {join} from 'node:path'
import {writeChunksAtomic} from '../../src/util/atomic.js'

function* endless(): Generator<string> {
  const chunk = 'x'.repeat(1 << 20)
  for (;;) yield chunk
}

process.stdout.write('started\n')
await writeChunksAtomic(join(process.argv[2]!, 'resources.csv'), endless())
