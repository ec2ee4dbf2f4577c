export {doraMessages, doraTableHeads} from './dora.js'
export {planMessages} from './plan.js'
