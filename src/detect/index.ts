// Detection: rules as data and per-entity behaviour models over DataEvents,
// raising explained, grouped alerts. The only public surface of src/detect.
export { Detection, type DetectionOptions, type DetectionState, type DetectionStats } from './detection.js';
export { type Alert, type AlertKind, type AlertStatus, severityForScore, alertId } from './alert.js';
export { AlertGrouper, type Finding, MAX_ALERT_EVIDENCE } from './alert-grouper.js';
export { compileRuleSources, loadRuleFiles, type RuleSource, type RuleLoadOptions } from './rules/load-rules.js';
export { RuleSetHolder, type ReloadResult } from './rules/rule-set-holder.js';
export { RuleEngine, type RuleHit } from './rules/rule-engine.js';
export type { CompiledRule, CompiledRuleSet, Severity } from './rules/rule-types.js';
export { DEFAULT_RULES_DIR, loadDefaultRules } from './default-rules.js';
export { BehaviourModel, measureEntityMemory, MODEL_BEHAVIOUR, MODEL_NOVEL_ACCESS, type ModelOptions, type ModelExplanation, type FeatureExplanation } from './models/behaviour-model.js';
export { IsolationForest } from './models/isolation-forest.js';
export { sourceSilentAlerts, silentSourceAlerts, SourceTracker, SOURCE_SILENT, type SourceActivity, type SilenceOptions, type SilentSourceLike } from './source-health.js';
export type { DataEvent } from './events.js';
export { StoreDetection, DETECT_STATE_KEY, type StoreDetectionOptions, type DetectionRunSummary } from './store-detection.js';
