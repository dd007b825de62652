// Tokens of other software-as-a-service vendors: payments (Stripe, Square),
// messaging and e-mail (SendGrid, Mailgun, Mailchimp, MessageBird, Twilio),
// identity and collaboration (Okta, Atlassian, Notion, Linear, Figma, HubSpot,
// 1Password, Facebook/Meta), hosting and data (Cloudflare, Shopify, ClickHouse,
// Sumo Logic, MaxMind, Infracost, OpenShift, 42).
import type { Detector } from '../detector.js';
import { charClasses, isRepetitive, shannonEntropy } from './entropy.js';
import { UUID, ci, keyedDetector, tokenDetector } from './grammar.js';

/** A keyed value with a simple assignment right before it, for lookbehind-scoped alternatives. */
function after(vendor: string): string {
  return `(?<=${vendor}[\\w.\\-]{0,30}["']?[ \\t]*[:=][ \\t]*["']?)`;
}

/** Stripe secret and restricted keys (`sk_`/`rk_` + live/test/prod) and webhook signing secrets (`whsec_`). */
export const stripeKey: Detector = tokenDetector({
  id: 'stripe_key',
  description: 'Stripe secret or restricted API key (sk_live_, rk_live_, sk_test_…) or webhook secret (whsec_)',
  validation: 'sk_/rk_ + live/test/prod + 24–247 alphanumerics; whsec_ + 32+ characters',
  anchors: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_', 'whsec_'],
  token: '(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{24,247}|whsec_[A-Za-z0-9+/=]{32,100}',
  example: 'sk_test_' + '51Hq3Zt8Lm2Xv7Rk1Nw9Pc4Bd6Gy0Fs5JaQ',
});

/** Square access tokens (`EAAA` + 60, `sq0atp-` + 22) and OAuth secrets (`sq0csp-` + 43). */
export const squareToken: Detector = tokenDetector({
  id: 'square_token',
  description: 'Square access token or OAuth secret (EAAA…, sq0atp-…, sq0csp-…)',
  validation: 'Square prefix and length',
  anchors: ['sq0atp-', 'sq0csp-', 'eaaa'],
  token: 'sq0atp-[A-Za-z0-9_\\-]{22}|sq0csp-[A-Za-z0-9_\\-]{43}|EAAA[A-Za-z0-9_\\-]{60}',
  validate: (value) => shannonEntropy(value) >= 3.5,
  example: 'sq0csp-' + 'aSiiiOfvQRHzlt6lOJHok7220pY9mMPFJXGSgP0GO3t',
});

/** SendGrid API keys: `SG.` + 22 + `.` + 43 base64url characters. */
export const sendgridApiKey: Detector = tokenDetector({
  id: 'sendgrid_api_key',
  description: 'SendGrid API key (SG.….…)',
  validation: 'SG. prefix, 22-character ID, dot, 43-character secret',
  anchors: ['sg.'],
  token: 'SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}',
  example: 'SG.' + 'zdCckg8AKNajvryzrOPj41' + '.' + 'aSiiiOfvQRHzlt6lOJHok7220pY9mMPFJXGSgP0GO3t',
});

/** Mailgun API keys: `key-` + 32 hex. */
export const mailgunApiKey: Detector = tokenDetector({
  id: 'mailgun_api_key',
  description: 'Mailgun API key (key-…)',
  validation: 'key- prefix and 32 hex digits',
  anchors: ['key-'],
  token: 'key-[0-9a-f]{32}',
  validate: (value) => !isRepetitive(value.slice(4)),
  example: 'key-' + 'edfbd847a488c11ab6fc532c60a924db',
});

/** Mailchimp API keys: 32 hex, `-us`, and the data-centre number. */
export const mailchimpApiKey: Detector = tokenDetector({
  id: 'mailchimp_api_key',
  description: 'Mailchimp API key (…-us<N>)',
  validation: '32 hex digits, -us and a data-centre number',
  anchors: ['-us'],
  token: '[0-9a-f]{32}-us[0-9]{1,2}',
  validate: (value) => shannonEntropy(value.slice(0, 32)) >= 3,
  example: 'edfbd847a488c11ab6fc532c60a924db' + '-us21',
});

/** MessageBird API keys (25 alphanumerics) and client IDs (UUID) under a key naming MessageBird. */
export const messagebirdApiKey: Detector = keyedDetector({
  id: 'messagebird_api_key',
  description: 'MessageBird (Bird) API key or client ID under a MessageBird setting',
  validation: '25 alphanumerics or a UUID under a key naming MessageBird',
  names: ['messagebird', 'message_bird'],
  value: `${UUID}|[A-Za-z0-9]{25}`,
  example: 'MESSAGEBIRD_API_KEY=' + 'd5QnIUpvW2tRSGUkDd3w6bgsQ',
});

/** Twilio auth tokens: 32 hex under a key naming Twilio. */
export const twilioAuthToken: Detector = keyedDetector({
  id: 'twilio_auth_token',
  description: 'Twilio auth token or API secret under a Twilio setting',
  validation: '32 hex digits (or 32 alphanumerics) under a key naming Twilio',
  names: ['twilio'],
  value: '[A-Za-z0-9]{32}',
  nameCheck: (words) => words.some((w) => /^(?:auth|token|secret|key|apikey|authtoken)$/.test(w)),
  validate: (value) => shannonEntropy(value) >= 3,
  example: 'TWILIO_AUTH_TOKEN=' + 'edfbd847a488c11ab6fc532c60a924db',
});

/** Okta API tokens: `00` + 40 base64url characters under a key naming Okta. */
export const oktaApiToken: Detector = keyedDetector({
  id: 'okta_api_token',
  description: 'Okta API token under an Okta setting',
  validation: '00 and 40 base64url characters under a key naming Okta; entropy ≥ 3.5 bits',
  names: ['okta'],
  value: '00[A-Za-z0-9_\\-]{40}',
  validate: (value) => shannonEntropy(value) >= 3.5 && charClasses(value) >= 3,
  example: 'OKTA_API_TOKEN=' + '00' + 'JMKD4VPE7JezeZV8posU91YEuGljxPK9jxJuM4z9',
});

/**
 * Atlassian API tokens: current tokens `ATATT3` + base64url with a checksum
 * tail; legacy 24-character tokens under a key naming Jira, Confluence or Atlassian.
 */
export const atlassianApiToken: Detector = tokenDetector({
  id: 'atlassian_api_token',
  description: 'Atlassian (Jira, Confluence) API token (ATATT3…, or legacy under a Jira key)',
  validation: 'ATATT3 prefix and 150–250 characters, or 24 alphanumerics under a Jira/Confluence/Atlassian key',
  anchors: ['atatt3', 'jira', 'confluence', 'atlassian'],
  token: `ATATT3[A-Za-z0-9_=\\-]{150,250}|${after(`(?:${ci('jira')}|${ci('confluence')}|${ci('atlassian')})`)}[A-Za-z0-9]{24}`,
  validate: (value) => shannonEntropy(value) >= 3.5 && charClasses(value) >= 2,
  example: 'JIRA_API_TOKEN=' + 'd5QnIUpvW2tRSGUkDd3w6bgs',
});

/** Notion integration tokens: `ntn_` + 11 digits + 35 alphanumerics. */
export const notionToken: Detector = tokenDetector({
  id: 'notion_token',
  description: 'Notion integration token (ntn_…)',
  validation: 'ntn_ prefix, 11 digits and 35 alphanumerics',
  anchors: ['ntn_'],
  token: 'ntn_[0-9]{11}[A-Za-z0-9]{35}',
  example: 'ntn_' + '58293017462' + 'aSiiiOfvQRHzlt6lOJHok7220pY9mMPFJXG',
});

/** Linear API keys: `lin_api_` + 40 (or a few more) alphanumerics. */
export const linearApiKey: Detector = tokenDetector({
  id: 'linear_api_key',
  description: 'Linear API key (lin_api_…)',
  validation: 'lin_api_ prefix and 40–64 alphanumerics',
  anchors: ['lin_api_'],
  token: 'lin_api_[A-Za-z0-9]{40,64}',
  example: 'lin_api_' + '71VVQU6LcimSetbQvKZH32ymPnoI75JUcBhycfyY',
});

/** Figma personal access tokens: `figd_` + 40 or more characters. */
export const figmaToken: Detector = tokenDetector({
  id: 'figma_token',
  description: 'Figma personal access token (figd_…)',
  validation: 'figd_ prefix and 40–100 token characters',
  anchors: ['figd_'],
  token: 'figd_[A-Za-z0-9_\\-]{40,100}',
  example: 'figd_' + '71VVQU6LcimSetbQvKZH32ymPnoI75JUcBhycfyY',
});

/** HubSpot private-app tokens (`pat-na1-<uuid>`) and legacy API keys (UUID under a HubSpot key). */
export const hubspotToken: Detector = tokenDetector({
  id: 'hubspot_token',
  description: 'HubSpot private app token (pat-na1-…) or API key under a HubSpot setting',
  validation: 'pat-<region>- and a UUID, or a UUID under a key naming HubSpot',
  anchors: ['pat-na', 'pat-eu', 'hubspot'],
  token: `pat-(?:na|eu|ap)[0-9]-${UUID}|${after(ci('hubspot'))}${UUID}`,
  example: 'pat-na1-' + '8f14e45f-ceea-467f-a8a4-2a5b9c1d3e7f',
});

/** 1Password service-account tokens (`ops_eyJ…`) and account Secret Keys (`A3-XXXXXX-…`). */
export const onepasswordSecret: Detector = tokenDetector({
  id: 'onepassword_secret',
  description: '1Password service-account token (ops_eyJ…) or account Secret Key (A3-…)',
  validation: 'ops_ + base64 JSON of 250+ characters, or the A3- Secret Key layout',
  anchors: ['ops_eyj', 'a3-'],
  token:
    'ops_eyJ[A-Za-z0-9+/_\\-]{250,8000}={0,3}|A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}',
  boundary: 'A-Za-z0-9+/_\\-',
  validate: (value) => shannonEntropy(value) >= 3.5,
  example: 'A3-' + 'ZQ4K7P-WD92MX-7HC3T-R8N2V-6JYB4-K1Q9E',
});

/**
 * Facebook / Meta Graph API tokens: user and page tokens (`EAA…`, 100+
 * characters) and app access tokens (`<app id>|<secret>`) near the word Facebook.
 */
export const facebookAccessToken: Detector = tokenDetector({
  id: 'facebook_access_token',
  description: 'Facebook / Meta access token (EAA…, app_id|app_secret)',
  validation: 'EAA and 100+ alphanumerics, or 15–16 digit app ID | 27 characters after "facebook"',
  anchors: ['eaa', 'facebook'],
  token: `EAA[A-Za-z0-9]{100,1000}|(?<=${ci('facebook')}[^\\n]{0,40})[0-9]{15,16}(?:\\||%7C)[A-Za-z0-9_\\-]{27}`,
  validate: (value) => shannonEntropy(value) >= 4,
  example: 'EAA' + 'JMKD4VPE7JezeZV8posU91YEuGljxPK9jxJuM4z9F6ywPelpsaiCyQ68DGr3JXzRKqug6kBS2QU16BJ6Uat20BVZPyGYhUaOXDJl6Iav',
});

/** Facebook app secrets and client tokens: 32 hex under a key naming Facebook. */
export const facebookAppSecret: Detector = keyedDetector({
  id: 'facebook_app_secret',
  description: 'Facebook app secret or client token under a Facebook setting',
  validation: '32 hex digits under a Facebook secret/token key',
  names: ['facebook', 'fb_app', 'fb_client'],
  value: '[a-f0-9]{32}',
  nameCheck: (words) => words.some((w) => /^(?:secret|token|appsecret|clientsecret)$/.test(w)),
  validate: (value) => shannonEntropy(value) >= 3,
  example: 'facebook_app_secret = "' + 'edfbd847a488c11ab6fc532c60a924db' + '"',
});

/**
 * Cloudflare API credentials: current tokens (`cfat_`, `cfut_`, `cfk_` + 48),
 * and, under a key naming Cloudflare, 40-character API tokens and 37-hex Global API keys.
 */
export const cloudflareApiToken: Detector = tokenDetector({
  id: 'cloudflare_api_token',
  description: 'Cloudflare API token or Global API key',
  validation: 'cfat_/cfut_/cfk_ + 48 characters, or 40 token characters / 37 hex under a Cloudflare key',
  anchors: ['cfat_', 'cfut_', 'cfk_', 'cloudflare'],
  token: `cf(?:at|ut|k)_[A-Za-z0-9]{48}|${after(ci('cloudflare'))}(?:[a-f0-9]{37}|[A-Za-z0-9_\\-]{40})`,
  validate: (value) => shannonEntropy(value) >= 3.5,
  example: 'CLOUDFLARE_API_TOKEN=' + '71VVQU6LcimSetbQvKZH32ymPnoI75JUcBhycfyY',
});

/** Cloudflare Origin CA keys: `v1.0-` + 24 hex + `-` + 146 hex. */
export const cloudflareOriginCaKey: Detector = tokenDetector({
  id: 'cloudflare_origin_ca_key',
  description: 'Cloudflare Origin CA key (v1.0-…)',
  validation: 'v1.0- prefix, 24 hex, dash, 146 hex',
  anchors: ['v1.0-'],
  token: 'v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}',
  example: 'v1.0-' + 'edfbd847a488c11ab6fc532c' + '-' + 'bf47d340bc2a12866fbc37d975c446cb99f111e942bd7807bb64111efb8f7a03fa32b5232be12123439089b951641b5ee497c70e00a79e0823ff2bad89fbf5a162398d7319c802143a',
});

/** Shopify app secrets and access tokens: `shpss_`, `shpat_`, `shpca_`, `shppa_` + 32–40 alphanumerics. */
export const shopifyToken: Detector = tokenDetector({
  id: 'shopify_token',
  description: 'Shopify app secret or access token (shpss_, shpat_, shpca_, shppa_)',
  validation: 'Shopify type prefix and 32–40 alphanumerics',
  anchors: ['shpss_', 'shpat_', 'shpca_', 'shppa_'],
  token: 'shp(?:ss|at|ca|pa)_[A-Za-z0-9]{32,40}',
  example: 'shpat_' + 'edfbd847a488c11ab6fc532c60a924db',
});

/** ClickHouse Cloud API secret keys: `4b1d` + 38 alphanumerics. */
export const clickhouseApiSecret: Detector = tokenDetector({
  id: 'clickhouse_api_secret',
  description: 'ClickHouse Cloud API secret key (4b1d…)',
  validation: '4b1d prefix and 38 alphanumerics; entropy ≥ 3.5 bits',
  anchors: ['4b1d'],
  token: '4b1d[A-Za-z0-9]{38}',
  validate: (value) => shannonEntropy(value) >= 3.5 && charClasses(value) >= 3,
  example: '4b1d' + 'aSiiiOfvQRHzlt6lOJHok7220pY9mMPFJXGSgP',
});

/** Sumo Logic access IDs (`su` + 12) and access keys (64 alphanumerics) under a Sumo Logic access key/ID setting. */
export const sumologicAccessKey: Detector = keyedDetector({
  id: 'sumologic_access_key',
  description: 'Sumo Logic access ID or access key under a Sumo Logic setting',
  validation: 'su + 12 alphanumerics or 64 alphanumerics under a Sumo access ID/key; entropy ≥ 3 bits',
  names: ['sumo'],
  value: '[A-Za-z0-9]{64}|su[A-Za-z0-9]{12}',
  nameCheck: (words) => words.some((w) => w.startsWith('access')),
  validate: (value) => shannonEntropy(value) >= 3 && charClasses(value) >= 2,
  example: 'SUMO_ACCESS_KEY=' + 'JMKD4VPE7JezeZV8posU91YEuGljxPK9jxJuM4z9F6ywPelpsaiCyQ68DGr3JXzR',
});

/** MaxMind license keys: 6 + `_` + 29 alphanumerics + `_mmk`. */
export const maxmindLicenseKey: Detector = tokenDetector({
  id: 'maxmind_license_key',
  description: 'MaxMind license key (…_mmk)',
  validation: '6 + _ + 29 alphanumerics and the _mmk suffix',
  anchors: ['_mmk'],
  token: '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk',
  example: 'Kq7vN2' + '_' + '4Pd90Kkmej6bp5Gyx8ftoiheMqcZx' + '_mmk',
});

/** Infracost API tokens: `ico-` + 32 alphanumerics. */
export const infracostToken: Detector = tokenDetector({
  id: 'infracost_token',
  description: 'Infracost API token (ico-…)',
  validation: 'ico- prefix and 32 alphanumerics',
  anchors: ['ico-'],
  token: 'ico-[A-Za-z0-9]{32}',
  boundary: 'A-Za-z0-9_.\\-',
  validate: (value) => charClasses(value.slice(4)) >= 2,
  example: 'ico-' + 'D2oisFNdAe46DRCspbEXmBjDkyuuzwYg',
});

/** OpenShift OAuth access tokens: `sha256~` + 43 base64url characters. */
export const openshiftToken: Detector = tokenDetector({
  id: 'openshift_token',
  description: 'OpenShift OAuth access token (sha256~…)',
  validation: 'sha256~ prefix and 43 base64url characters',
  anchors: ['sha256~'],
  token: 'sha256~[A-Za-z0-9_\\-]{43}',
  validate: (value) => shannonEntropy(value) >= 4,
  example: 'sha256~' + 'aSiiiOfvQRHzlt6lOJHok7220pY9mMPFJXGSgP0GO3t',
});

/** 42 (intra.42.fr) OAuth client secrets: `s-s4t2ud-` / `s-s4t2af-` + 64 hex. */
export const intra42ClientSecret: Detector = tokenDetector({
  id: 'intra42_client_secret',
  description: '42 intra OAuth client secret (s-s4t2ud-…)',
  validation: 's-s4t2ud-/s-s4t2af- prefix and 64 hex digits',
  anchors: ['s-s4t2'],
  token: 's-s4t2(?:ud|af)-[a-f0-9]{64}',
  example: 's-s4t2ud-' + '395b82de86152afe88c0ce57fa7c773efb3b2f4d575043584369dd7da04b1209',
});

export const SAAS_DETECTORS: readonly Detector[] = [
  stripeKey,
  squareToken,
  sendgridApiKey,
  mailgunApiKey,
  mailchimpApiKey,
  messagebirdApiKey,
  twilioAuthToken,
  oktaApiToken,
  atlassianApiToken,
  notionToken,
  linearApiKey,
  figmaToken,
  hubspotToken,
  onepasswordSecret,
  facebookAccessToken,
  facebookAppSecret,
  cloudflareApiToken,
  cloudflareOriginCaKey,
  shopifyToken,
  clickhouseApiSecret,
  sumologicAccessKey,
  maxmindLicenseKey,
  infracostToken,
  openshiftToken,
  intra42ClientSecret,
];
