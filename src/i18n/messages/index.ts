export {doraMessages, doraTableHeads} from './dora.js'
export {planMessages} from './plan.js'
export {sovereigntyMessages} from './sovereignty.js'
