import type {Collector} from '../types.js'
import {detectAws} from './detect.js'

/** Amazon Web Services: the tagging API (or Resource Explorer) in every enabled region of one account or a whole organisation. */
export const collector: Collector = {
  id: 'aws',
  title: 'Amazon Web Services',
  detect: detectAws,
  async collect(ctx) {
    // The SDK-heavy part loads only when AWS is actually scanned.
    const {collectAws} = await import('./collect.js')
    return collectAws(ctx)
  },
}
