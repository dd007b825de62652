// The platform server: HTTP API, live alerts and the dashboard.
export { buildServer, type BuiltServer, type BuildOptions } from './app.js';
export { DEFAULT_SERVER_CONFIG, type ServerConfig, type ServerContext } from './context.js';
export { Metrics } from './metrics.js';
export { ScanJobs, type ScanJob } from './scan-jobs.js';
export { SESSION_COOKIE, CSRF_HEADER, type Access, type RouteAccess, type Principal } from './access.js';
export { CONTENT_SECURITY_POLICY } from './security-headers.js';
export { openPlatform, type Platform, type PlatformOptions } from './platform.js';
