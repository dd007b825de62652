// Credentials of the large international clouds: AWS (access keys, Bedrock API
// keys), Google Cloud (API keys, service-account key files) and Azure (storage
// keys, SAS signatures, Entra ID client secrets and application identifiers).
import type { Detector } from '../detector.js';
import { charClasses, distinctChars, isFilledIn, isRepetitive, shannonEntropy } from './entropy.js';
import { ASSIGNMENT_WINDOW, UUID, assignment, ci, secretDetector, tokenDetector } from './grammar.js';

/**
 * AWS access key IDs: a four-letter type prefix (AKIA long-term, ASIA temporary,
 * ABIA/ACCA service) and 16 characters of base32 (A–Z, 2–7), per the IAM user
 * guide "Understanding unique ID prefixes". AWS's own documentation examples end
 * in `EXAMPLE`.
 */
export const awsAccessKeyId: Detector = tokenDetector({
  id: 'aws_access_key_id',
  description: 'AWS access key ID (AKIA…, ASIA…)',
  validation: 'IAM unique-ID prefix and 16 base32 characters; documentation examples rejected',
  anchors: ['akia', 'asia', 'abia', 'acca', 'a3t'],
  token: '(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}',
  boundary: 'A-Za-z0-9',
  validate: (value) => !value.endsWith('EXAMPLE') && !isRepetitive(value.slice(4)),
  allow: ['AKIAIOSFODNN7EXAMPLE', 'ASIAIOSFODNN7EXAMPLE'],
  keywords: ['aws', 'access_key', 'accesskey', 'amazon'],
  example: 'AKIA' + 'Z7VRSQ5TJM2DKXW4',
});

/** AWS secret access keys: 40 base64 characters, recognised by the config key that names them. */
export const awsSecretAccessKey: Detector = secretDetector({
  id: 'aws_secret_access_key',
  description: 'AWS secret access key assigned to an AWS secret key setting',
  validation: '40 base64 characters, entropy ≥ 3.5 bits, mixed character classes',
  anchors: ['secret_access_key', 'secretaccesskey', 'secret-access-key', 'aws_secret', 'awssecret', 'aws-secret', 'aws.secret'],
  pattern: new RegExp(
    assignment(`${ci('secret')}[_.\\-]?${ci('access')}[_.\\-]?${ci('key')}|${ci('aws')}[_.\\-]?${ci('secret')}`, '[A-Za-z0-9/+]{40}'),
    'g',
  ),
  validate: (value) => isFilledIn(value) && !/EXAMPLEKEY$/.test(value) && shannonEntropy(value) >= 3.5 && charClasses(value) >= 2,
  allow: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  window: ASSIGNMENT_WINDOW,
  keywords: ['aws', 'amazon'],
  confidence: 'medium',
  example: 'aws_secret_access_key = ' + 'q8Jd2Lw0Vb5nXr1TzY7cKp4Hs9Ge3Mu6Af+Bo/Ri',
});

/**
 * Amazon Bedrock API keys. Long-lived keys start `ABSK` followed by the base64 of
 * "BedrockAPIKey-"; short-lived ones start `bedrock-api-key-` followed by the
 * base64 of "bedrock.amazonaws.com" (Bedrock user guide, "API keys").
 */
export const awsBedrockApiKey: Detector = tokenDetector({
  id: 'aws_bedrock_api_key',
  description: 'Amazon Bedrock API key (ABSK…, bedrock-api-key-…)',
  validation: 'fixed base64 prefix of the key type and length',
  anchors: ['absk', 'bedrock-api-key-'],
  token: 'ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{100,120}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{0,4000}={0,2}',
  boundary: 'A-Za-z0-9+/_\\-',
  example: 'ABSKQmVkcm9ja0FQSUtleS' + '1zYW1wbGUtMTIzNDU2Nzg5MDpkZXZlbG9wbWVudC1rZXktZm9yLWRvY3MtYW5kLXRlc3RzLW9ubHktbm90LXJlYWwtcGxlYXNlLWlnbm9yZS1t=',
});

/**
 * Google API keys as published in Firebase's own SDK test fixtures: public example
 * values that ship in many apps and are never live credentials.
 */
const FIREBASE_SDK_EXAMPLE_KEYS = [
  'AIzaSyabcdefghijklmnopqrstuvwxyz1234567',
  'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs',
  'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM',
  'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU',
  'AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0',
  'AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c',
  'AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4',
  'AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY',
  'AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM',
  'AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ',
  'AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g',
  'AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU',
  'AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw',
  'AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE',
  'AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY',
];

/** Google Cloud / Firebase API keys: `AIzaSy` and 33 URL-safe base64 characters (39 in all). */
export const gcpApiKey: Detector = tokenDetector({
  id: 'gcp_api_key',
  description: 'Google Cloud / Firebase API key (AIzaSy…)',
  validation: 'AIzaSy prefix, 39 characters; Firebase SDK example keys allowed',
  anchors: ['aiza'],
  token: 'AIzaSy[A-Za-z0-9_\\-]{33}',
  validate: (value) => distinctChars(value.slice(6)) >= 12,
  allow: FIREBASE_SDK_EXAMPLE_KEYS,
  keywords: ['google', 'gcp', 'firebase', 'api_key', 'apikey'],
  example: 'AIzaSy' + 'tDiRCwN7DKg4nBMgJZKUu7ybL3xYMXZ-3',
});

/**
 * The private key inside a Google Cloud service-account key file: a JSON object
 * with `"type": "service_account"` and a PKCS#8 `"private_key"` (IAM docs,
 * "Create and manage service account keys").
 */
export const gcpServiceAccountKey: Detector = secretDetector({
  id: 'gcp_service_account_key',
  description: 'Private key in a Google Cloud service-account JSON key file',
  validation: 'PKCS#8 PEM in "private_key" of an object whose "type" is "service_account"',
  anchors: ['service_account'],
  pattern: /"private_key"\s*:\s*"(?<value>-----BEGIN PRIVATE KEY-----(?:[A-Za-z0-9+/=]|\\[nr]|\s){64,4000}?-----END PRIVATE KEY-{2,5}(?:\\n)?)"/g,
  validate: (value, m) => {
    const from = Math.max(0, m.index - 4096);
    const around = m.input.slice(from, m.index + m[0].length + 4096);
    if (!/"type"\s*:\s*"service_account"/.test(around)) return false;
    const body = value.replace(/-----[A-Z ]+-*/g, '').replace(/\\[nr]|\s/g, '');
    return body.length >= 64 && shannonEntropy(body) >= 4;
  },
  window: { before: 4096, after: 4096, multiline: true },
  confidence: 'high',
  example: '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\\n-----END PRIVATE KEY-----\\n"}',
});

/**
 * Azure Storage account keys: 64 random bytes as 88 base64 characters, in a
 * connection string (`AccountKey=…`) or a storage key setting.
 */
export const azureStorageKey: Detector = secretDetector({
  id: 'azure_storage_key',
  description: 'Azure Storage account key (AccountKey=… or a storage key setting)',
  validation: '88 base64 characters ending in ==, entropy ≥ 4.5 bits',
  anchors: ['accountkey', 'storagekey', 'storage_key', 'storage-key', 'storageaccountkey', 'storage_account_key'],
  pattern: new RegExp(
    `(?:${ci('accountkey')}|${ci('storage')}[_.\\-]?(?:${ci('account')}[_.\\-]?)?${ci('key')})["']?\\s*[:=]\\s*["']?(?<value>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])`,
    'g',
  ),
  validate: (value) => isFilledIn(value) && shannonEntropy(value) >= 4.5,
  confidence: 'high',
  example: 'DefaultEndpointsProtocol=https;AccountName=devstore;AccountKey=' + 'zhJYeGtVIltwxc2PQLSjnyr7FozajqmJYnM0laNFluGNB5V+aVyWv4+pv4BUiL2x0BHuF5JmpHKQWDgAY/CMxk==;EndpointSuffix=core.windows.net',
});

/** Azure shared access signatures: the `sig=` of a SAS URL or token (`sv=…&…&sig=…`). */
export const azureSasToken: Detector = secretDetector({
  id: 'azure_sas_token',
  description: 'Azure shared access signature (sv=…&sig=…)',
  validation: 'SAS query with a service version and a URL-encoded base64 signature',
  anchors: ['sig='],
  pattern: /[?&]sv=\d{4}-\d{2}-\d{2}&[^\s"'<>]{0,512}?&sig=(?<value>[A-Za-z0-9%+/]{40,120}(?:%3[Dd]|=){0,2})/g,
  validate: (value) => isFilledIn(value) && shannonEntropy(decodeURIComponentSafe(value)) >= 4,
  confidence: 'high',
  example: 'https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=' + 'Xk3fP9sQ2vL7mN1bR8tY4wZ6cH0jD5gE2aU9iO3kT7e%3D',
});

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Microsoft Entra ID (Azure AD) client secrets in the current format: three
 * characters, a digit, `Q~`, then 31–34 characters (40 in all, as the portal
 * issues them).
 */
export const azureAdClientSecret: Detector = tokenDetector({
  id: 'azure_ad_client_secret',
  description: 'Microsoft Entra ID (Azure AD) application client secret (…Q~…)',
  validation: 'three characters, a digit and Q~ then 31–34 characters; entropy ≥ 3.5 bits',
  anchors: ['q~'],
  token: '[A-Za-z0-9_~.\\-]{3}[0-9]Q~[A-Za-z0-9_~.\\-]{31,34}',
  boundary: 'A-Za-z0-9_~.\\-',
  validate: (value) => shannonEntropy(value) >= 3.5 && charClasses(value) >= 3,
  keywords: ['client_secret', 'clientsecret', 'client-secret', 'azure', 'secret'],
  example: 'bP88Q~' + 'gFudYJfHUwFL3uObg5bY8of3tXZx7i.',
});

/**
 * Azure AD tenant and application (client) IDs in the standard variables
 * (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, Azure.Identity's EnvironmentCredential).
 * Not secrets on their own, but half of a client-credentials login, so they are
 * reported with low confidence.
 */
export const azureAdIdentifier: Detector = secretDetector({
  id: 'azure_ad_identifier',
  description: 'Azure AD tenant or client ID in an Azure credential setting',
  validation: 'GUID assigned to an Azure/AAD tenant or client ID key',
  anchors: ['azure_client_id', 'azure_tenant_id', 'azureclientid', 'azuretenantid', 'arm_client_id', 'arm_tenant_id', 'tenant_id', 'tenantid', 'aad_client_id', 'ad_client_id', 'aadclientid'],
  pattern: new RegExp(
    assignment('(?:azure|arm)[_.\\-]?(?:client|tenant)[_.\\-]?id|(?<![a-z])a?ad[_.\\-]?(?:tenant|client)[_.\\-]?id|tenant[_.\\-]?id', UUID),
    'gi',
  ),
  validate: (value, m) => {
    if (!isFilledIn(value) || /^0{8}-/.test(value)) return false;
    const name = (m.groups?.['name'] ?? '').toLowerCase();
    return /azure|arm_|aad|(?:^|[_.-])ad[_.-]?(?:tenant|client)/.test(name) || /^ad(?:tenant|client)/.test(name);
  },
  window: ASSIGNMENT_WINDOW,
  confidence: 'low',
  example: 'AZURE_TENANT_ID=' + '4f1c2d3e-8a9b-4c5d-9e0f-1a2b3c4d5e6f',
});

export const CLOUD_DETECTORS: readonly Detector[] = [
  awsAccessKeyId,
  awsSecretAccessKey,
  awsBedrockApiKey,
  gcpApiKey,
  gcpServiceAccountKey,
  azureStorageKey,
  azureSasToken,
  azureAdClientSecret,
  azureAdIdentifier,
];
