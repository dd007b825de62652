// Error codes and the LeakwatchError type shared by every capability.
export { ERROR_CATALOGUE, type ErrorCode } from './catalogue.js';
export { LeakwatchError, isLeakwatchError, errorMessage, type ErrorDetails } from './leakwatch-error.js';
export { errorsMarkdown } from './errors-doc.js';
