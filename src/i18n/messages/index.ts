export {planMessages} from './plan.js'
