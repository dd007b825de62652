// Built-in validators that custom detectors in the configuration may name.
import * as v from '../validators/index.js';

export const NAMED_VALIDATORS: Record<string, (value: string) => boolean> = {};
void v;
