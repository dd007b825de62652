// Worker threads: starting one on a module of ours from dist/ or from the sources.
export { startWorker, workerExecArgv } from './start-worker.js';
