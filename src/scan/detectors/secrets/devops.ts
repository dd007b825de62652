// Tokens of developer and infrastructure platforms: package registries, CI and
// code-quality services, secret stores, hosting and observability platforms, and
// secrets committed as Kubernetes manifests.
import type { Detector } from '../detector.js';
import { charClasses, isFilledIn, isMasked, isRepetitive, shannonEntropy } from './entropy.js';
import { UUID, ci, keyedDetector, secretDetector, tokenDetector } from './grammar.js';

/** Sentry auth tokens: org tokens `sntrys_` + base64 JSON claims + secret; user tokens `sntryu_` + 64 hex. */
export const sentryToken: Detector = tokenDetector({
  id: 'sentry_token',
  description: 'Sentry auth token (sntrys_…, sntryu_…)',
  validation: 'sntrys_ with base64 JSON claims, or sntryu_ with 64 hex',
  anchors: ['sntrys_', 'sntryu_'],
  token: 'sntrys_eyJ[A-Za-z0-9+/=_\\-]{40,1000}|sntryu_[a-f0-9]{64}',
  boundary: 'A-Za-z0-9+/_\\-',
  example: 'sntryu_' + '395b82de86152afe88c0ce57fa7c773efb3b2f4d575043584369dd7da04b1209',
});

/** Snyk API tokens: a UUID under a key naming Snyk. */
export const snykToken: Detector = keyedDetector({
  id: 'snyk_token',
  description: 'Snyk API token under a Snyk setting',
  validation: 'UUID under a key naming Snyk',
  names: ['snyk'],
  value: UUID,
  example: 'SNYK_TOKEN=' + '8f14e45f-ceea-467f-a8a4-2a5b9c1d3e7f',
});

/** SonarQube / SonarCloud tokens: `squ_`/`sqp_`/`sqa_` + 40 characters, or 40 alphanumerics under a Sonar key. */
export const sonarToken: Detector = keyedDetector({
  id: 'sonar_token',
  description: 'SonarQube / SonarCloud token under a Sonar setting',
  validation: 'squ_/sqp_/sqa_ + 40, or 40 alphanumerics, under a key naming Sonar',
  names: ['sonar'],
  value: 'sq[upa]_[A-Za-z0-9]{40}|[A-Za-z0-9]{40}',
  validate: (value) => !isRepetitive(value),
  example: 'SONAR_TOKEN=' + 'squ_e9a6722839e859b9c390246b9b03243b73ec2a5d',
});

/** npm access tokens: `npm_` and 36 alphanumerics (npm docs, "About access tokens"). */
export const npmToken: Detector = tokenDetector({
  id: 'npm_token',
  description: 'npm access token (npm_…)',
  validation: 'npm_ prefix and 36 alphanumerics',
  anchors: ['npm_'],
  token: 'npm_[A-Za-z0-9]{36}',
  validate: (value) => charClasses(value.slice(4)) >= 2,
  example: 'npm_' + 'SoxWQWfDrUXVpJx4YG69XgQNtIoxg6yXk8Ux',
});

/** Registry credentials in `.npmrc`: `_authToken=`, `_auth=` (base64 user:password) and `_password=`. */
export const npmrcAuth: Detector = secretDetector({
  id: 'npmrc_auth',
  description: 'Registry credential in .npmrc (_authToken, _auth, _password)',
  validation: '_authToken/_auth/_password at the start of a line or after a registry prefix, not an ${ENV} reference',
  anchors: ['_authtoken', '_auth=', '_auth =', '_password'],
  pattern: /(?:^|:)_(?:authToken|auth|password)[ \t]*=[ \t]*["']?(?<value>[^\s"'#;]{8,1024})/gm,
  validate: (value) => isFilledIn(value) && !isRepetitive(value),
  confidence: 'high',
  example: '//registry.npmjs.org/:_authToken=' + 'w4RUNOWCr5JNd5QnIUpvW2tRSGUk',
});

/** Docker Hub personal and organisation access tokens: `dckr_pat_` / `dckr_oat_` + 27+ characters. */
export const dockerHubToken: Detector = tokenDetector({
  id: 'docker_hub_token',
  description: 'Docker Hub access token (dckr_pat_…, dckr_oat_…)',
  validation: 'dckr_pat_/dckr_oat_ prefix and 27–64 token characters',
  anchors: ['dckr_pat_', 'dckr_oat_'],
  token: 'dckr_(?:pat|oat)_[A-Za-z0-9_\\-]{27,64}',
  example: 'dckr_pat_' + '4Pd90Kkmej6bp5Gyx8ftoiheMqc',
});

/**
 * HashiCorp Vault tokens: `hvs.` service, `hvb.` batch, `hvr.` recovery tokens
 * (Vault 1.10+, "Token prefixes"); legacy `s.`/`b.` + 24 characters only under a
 * token or Vault key, and only with mixed case and digits.
 */
export const vaultToken: Detector = tokenDetector({
  id: 'vault_token',
  description: 'HashiCorp Vault token (hvs., hvb., hvr., legacy s.)',
  validation: 'hvs./hvb./hvr. and 90+ characters; legacy s./b. + 24 mixed characters under a token key',
  anchors: ['hvs.', 'hvb.', 'hvr.', 'vault', 'token'],
  token: 'hv[sbr]\\.[A-Za-z0-9_\\-]{90,400}|(?<=(?:[Tt]oken|TOKEN|[Vv]ault|VAULT)[\\w.\\-]{0,24}["\']?[ \\t]*[:=][ \\t]*["\']?)[sb]\\.[A-Za-z0-9]{24}',
  boundary: 'A-Za-z0-9_.\\-',
  validate: (value) => (value.startsWith('hv') ? shannonEntropy(value) >= 4 : charClasses(value.slice(2)) === 3),
  example: 'VAULT_TOKEN=' + 'hvs.' + 'Kqug6kBS2QU16BJ6Uat20BVZPyGYhUaOXDJl6Iavr5xZU57avZvHQAQA8rimvoqpDC5PS9G1HlctbRocTORY5k6cuiP48fp3',
});

/** HCP Terraform / Terraform Cloud API tokens: 14 characters, `.atlasv1.`, then 60–70 characters. */
export const terraformCloudToken: Detector = tokenDetector({
  id: 'terraform_cloud_token',
  description: 'HCP Terraform (Terraform Cloud) API token (….atlasv1.…)',
  validation: '14 characters, .atlasv1., 60–70 token characters',
  anchors: ['.atlasv1.'],
  token: '[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=\\-]{60,70}',
  validate: (value) => shannonEntropy(value) >= 4,
  example: 'w4RUNOWCr5JNd5' + '.atlasv1.' + 'JMKD4VPE7JezeZV8posU91YEuGljxPK9jxJuM4z9F6ywPelpsaiCyQ68DGr3',
});

/** Databricks personal access tokens: `dapi` + 32 hex, optionally `-<n>`. */
export const databricksToken: Detector = tokenDetector({
  id: 'databricks_token',
  description: 'Databricks personal access token (dapi…)',
  validation: 'dapi prefix and 32 hex digits',
  anchors: ['dapi'],
  token: 'dapi[a-fA-F0-9]{32}(?:-[0-9])?',
  example: 'dapi' + 'edfbd847a488c11ab6fc532c60a924db',
});

/**
 * Grafana credentials: Grafana Cloud access policy tokens `glc_` + base64,
 * service-account tokens `glsa_` + 32 + `_` + 8 hex, and legacy API keys
 * (base64 JSON starting `{"k":"`).
 */
export const grafanaToken: Detector = tokenDetector({
  id: 'grafana_token',
  description: 'Grafana Cloud or service-account token (glc_…, glsa_…, eyJrIjoi…)',
  validation: 'glc_/glsa_ prefix and length, or base64 JSON API key; entropy ≥ 3 bits',
  anchors: ['glc_', 'glsa_', 'eyjrijoi'],
  token: 'glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9]{60,400}={0,2}',
  boundary: 'A-Za-z0-9+/_\\-',
  validate: (value) => shannonEntropy(value) >= 3,
  example: 'glsa_' + 'zdCckg8AKNajvryzrOPj41d5QnIUpvW2' + '_edfbd847',
});

/** Fly.io tokens: `fo1_` + 43 characters, and macaroon tokens `fm1a_`/`fm1r_`/`fm2_` + base64. */
export const flyioToken: Detector = tokenDetector({
  id: 'flyio_token',
  description: 'Fly.io access token (fo1_…, fm1a_/fm1r_/fm2_…)',
  validation: 'fo1_ + 43 characters, or fm1a_/fm1r_/fm2_ + 100+ base64 characters',
  anchors: ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'],
  token: 'fo1_[A-Za-z0-9_\\-]{43}|fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,4000}={0,3}',
  boundary: 'A-Za-z0-9+/_\\-',
  validate: (value) => shannonEntropy(value) >= 4,
  example: 'fo1_' + 'aSiiiOfvQRHzlt6lOJHok7220pY9mMPFJXGSgP0GO3t',
});

/** Sourcegraph access tokens: `sgp_` + (16 hex or `local`) + `_` + 40 hex, `sgp_` + 40 hex, or 40 hex under a Sourcegraph key. */
export const sourcegraphToken: Detector = tokenDetector({
  id: 'sourcegraph_token',
  description: 'Sourcegraph access token (sgp_…)',
  validation: 'sgp_ with instance part and 40 hex, or 40 hex under a Sourcegraph key; entropy ≥ 3.2 bits',
  anchors: ['sgp_', 'sourcegraph'],
  token:
    'sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}|(?<=[Ss][Oo][Uu][Rr][Cc][Ee][Gg][Rr][Aa][Pp][Hh][\\w.\\-]{0,20}["\']?[ \\t]*[:=][ \\t]*["\']?)[a-fA-F0-9]{40}',
  validate: (value) => shannonEntropy(value.slice(value.lastIndexOf('_') + 1)) >= 3.2,
  example: 'sgp_' + 'e9a6722839e859b9c390246b9b03243b73ec2a5d',
});

/** Tailscale keys: `tskey-<type>-<id>-<secret>` (auth, api, client, scim, webhook and future types). */
export const tailscaleKey: Detector = tokenDetector({
  id: 'tailscale_key',
  description: 'Tailscale auth, API, OAuth client, SCIM or webhook key (tskey-…)',
  validation: 'tskey-<type>- prefix, key ID and secret',
  anchors: ['tskey-'],
  token: 'tskey-[a-z]{2,16}-[A-Za-z0-9]{6,32}-[A-Za-z0-9]{16,64}',
  boundary: 'A-Za-z',
  example: 'tskey-auth-' + 'kBxqfHVtsaCq' + '-24P1Zd5QnIUpvW2tRSGUkDd3',
});

/** Vercel tokens: `vcp_`, `vci_`, `vca_`, `vcr_`, `vck_` + 24 or more alphanumerics. */
export const vercelToken: Detector = tokenDetector({
  id: 'vercel_token',
  description: 'Vercel access token (vcp_, vci_, vca_, vcr_, vck_)',
  validation: 'Vercel type prefix and 24–80 alphanumerics',
  anchors: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
  token: 'vc[pikra]_[A-Za-z0-9]{24,80}',
  example: 'vcp_' + '71VVQU6LcimSetbQvKZH32ymPnoI75JUcBhycfyY',
});

/** Heroku API keys: `HRKU-AA` + 58 characters, or a UUID under a key naming Heroku. */
export const herokuApiKey: Detector = tokenDetector({
  id: 'heroku_api_key',
  description: 'Heroku API key (HRKU-…, or a UUID under a Heroku setting)',
  validation: 'HRKU-AA prefix and 58 characters, or UUID under a Heroku key',
  anchors: ['hrku-', 'heroku'],
  token: `HRKU-AA[A-Za-z0-9_\\-]{58}|(?<=${ci('heroku')}[\\w.\\-]{0,24}["']?[ \\t]*[:=][ \\t]*["']?)${UUID}`,
  example: 'HEROKU_API_KEY=' + '2b4c6d8e-1f3a-4b5c-9d7e-0a1b2c3d4e5f',
});

/** Octopus Deploy API keys: `API-` and 26 upper-case alphanumerics. */
export const octopusDeployApiKey: Detector = tokenDetector({
  id: 'octopus_deploy_api_key',
  description: 'Octopus Deploy API key (API-…)',
  validation: 'API- prefix and 26 upper-case alphanumerics with digits',
  anchors: ['api-'],
  token: 'API-[A-Z0-9]{26}',
  boundary: 'A-Za-z0-9_/\\-',
  validate: (value) => /[0-9]/.test(value.slice(4)) && /[A-Z].*[A-Z]/.test(value.slice(4)) && !isRepetitive(value.slice(4)),
  example: 'API-' + '8O0VGSRODXAXMPB6UO1I5VOS70',
});

/** Scalingo API tokens: `tk-us-` and 48 characters. */
export const scalingoToken: Detector = tokenDetector({
  id: 'scalingo_token',
  description: 'Scalingo API token (tk-us-…)',
  validation: 'tk-us- prefix and 48 token characters',
  anchors: ['tk-us-'],
  token: 'tk-us-[A-Za-z0-9_\\-]{48}',
  example: 'tk-us-' + '0IieIhHrKu9jq2RcEjOIMxs29Ud8NTtKIrKKRDh6iVaEjXtg',
});

/** Pulumi access tokens: `pul-` and 40 hex. */
export const pulumiToken: Detector = tokenDetector({
  id: 'pulumi_token',
  description: 'Pulumi access token (pul-…)',
  validation: 'pul- prefix and 40 hex digits',
  anchors: ['pul-'],
  token: 'pul-[a-f0-9]{40}',
  example: 'pul-' + 'e9a6722839e859b9c390246b9b03243b73ec2a5d',
});

/** JFrog Artifactory API keys (`AKCp` + 69) and reference tokens (`cmVmdGtu`, the base64 of "reftkn", + 56). */
export const artifactoryToken: Detector = tokenDetector({
  id: 'artifactory_token',
  description: 'JFrog Artifactory API key or reference token (AKCp…, cmVmdGtu…)',
  validation: 'AKCp + 69 or cmVmdGtu + 56 alphanumerics; entropy ≥ 4 bits',
  anchors: ['akcp', 'cmvmdgtu'],
  token: 'AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56}',
  validate: (value) => shannonEntropy(value) >= 4,
  example: 'cmVmdGtu' + 'MDE6MTcyNjE4OTcxNDpxWkZ0dGxBcEFmT2ZyRkVhVmVkaHZnS3lvTHVk',
});

/** Sidekiq Pro/Enterprise gem-server credentials in Bundler's `BUNDLE_…__CONTRIBSYS__COM` setting. */
export const sidekiqSecret: Detector = secretDetector({
  id: 'sidekiq_secret',
  description: 'Sidekiq Pro/Enterprise gem-server credential (BUNDLE_…__CONTRIBSYS__COM)',
  validation: 'user:password of 8 hex each in the Bundler contribsys setting',
  anchors: ['contribsys'],
  pattern: /BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM["']?[ \t]*[:=][ \t]*["']?(?<value>[a-f0-9]{8}:[a-f0-9]{8})(?![a-f0-9])/g,
  confidence: 'high',
  example: 'BUNDLE_GEMS__CONTRIBSYS__COM=' + 'edfbd847:a488c11a',
});

/**
 * Values under `data:` of a Kubernetes `kind: Secret` manifest (base64, per the
 * Secret API); `stringData` is left to the generic detector. ExternalSecret,
 * SealedSecret and SopsSecret objects, templates and empty values are skipped.
 */
export const kubernetesSecret: Detector = secretDetector({
  id: 'kubernetes_secret',
  description: 'Value in the data of a Kubernetes Secret manifest',
  validation: 'base64 of 12+ characters (plain or block scalar) under data: in a YAML document of kind Secret',
  anchors: ['kind: secret', 'kind:secret', 'kind: "secret"', "kind: 'secret'"],
  pattern: /^[ \t]*(?<key>[\w.-]{1,253}):[ \t]*(?:[|>][+-]?[ \t]*\r?\n[ \t]+)?["']?(?<value>[A-Za-z0-9+/]{12,}={0,2})["']?[ \t]*$/gm,
  validate: (value, m) => {
    if (isMasked(value) || isRepetitive(value) || shannonEntropy(value) < 2.5) return false;
    if (/^(?:apiVersion|kind|name|namespace|type|generateName|uid|resourceVersion)$/.test(m.groups?.['key'] ?? '')) return false;
    const doc = yamlDocumentAround(m.input, m.index);
    if (!/^[ \t]*kind:[ \t]*["']?secret["']?[ \t]*$/im.test(doc.text)) return false;
    const before = doc.text.slice(0, m.index - doc.start);
    return /^[ \t]*data:[ \t]*$/m.test(before);
  },
  window: { before: 4096, after: 4096, multiline: true },
  confidence: 'high',
  example: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ' + 'czNjcjN0LXBhc3N3MHJkIQ==' + '\n',
});

/** Start offsets of the `---`-separated YAML documents of the last text asked about (one text has many matches). */
let documentStarts: { text: string; starts: number[] } = { text: '', starts: [0] };

/** The `---`-separated YAML document of `text` that contains `index`. */
function yamlDocumentAround(text: string, index: number): { start: number; text: string } {
  if (documentStarts.text !== text) {
    const starts = [0];
    const separator = /^---[ \t]*$/gm;
    for (let m = separator.exec(text); m !== null; m = separator.exec(text)) starts.push(m.index + m[0].length);
    documentStarts = { text, starts };
  }
  const { starts } = documentStarts;
  let i = 0;
  while (i + 1 < starts.length && starts[i + 1]! <= index) i++;
  const start = starts[i]!;
  const next = starts[i + 1];
  const end = next === undefined ? text.length : text.lastIndexOf('---', next);
  return { start, text: text.slice(start, end) };
}

export const DEVOPS_DETECTORS: readonly Detector[] = [
  sentryToken,
  snykToken,
  sonarToken,
  npmToken,
  npmrcAuth,
  dockerHubToken,
  vaultToken,
  terraformCloudToken,
  databricksToken,
  grafanaToken,
  flyioToken,
  sourcegraphToken,
  tailscaleKey,
  vercelToken,
  herokuApiKey,
  octopusDeployApiKey,
  scalingoToken,
  pulumiToken,
  artifactoryToken,
  sidekiqSecret,
  kubernetesSecret,
];
