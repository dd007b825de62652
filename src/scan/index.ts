// The scanner: files in, report out. A pure library; it imports no store, server or CLI.
export * from './detectors/index.js';
