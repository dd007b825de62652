// The event model detection consumes, from the events capability, so the rest
// of src/detect imports it from one place.
export type { DataEvent, Channel, SourceFormat } from '../events/index.js';
