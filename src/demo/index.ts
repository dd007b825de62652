// The demo organisation: a generated company's people, habits and planted
// incidents as vendor audit records (CloudTrail, Microsoft 365, Google
// Workspace). The detection evaluation scores against it; `leakwatch demo` replays
// it. The only public surface of src/demo.
export { DAY, HOUR, MINUTE, START, UTC_OFFSET_MIN, ORG_DOMAIN, dayDate, isWorkday, generateOrg, type Org, type OrgOptions, type Person, type Planted, type Dept } from './generator.js';
export { retime, type VendorRecord, type VendorSource } from './vendor.js';
export { demoHistory, historyDays, LiveFeed, ndjsonBySource, type DemoHistory, type DemoLeak } from './demo-feed.js';
