// AWS, Google Cloud and Azure detectors: documented formats are reported,
// documented examples, masks and look-alikes are not.
import { describe, expect, it } from 'vitest';
import type { Detector } from '../detector.js';
import {
  awsAccessKeyId,
  awsBedrockApiKey,
  awsSecretAccessKey,
  azureAdClientSecret,
  azureAdIdentifier,
  azureSasToken,
  azureStorageKey,
  gcpApiKey,
  gcpServiceAccountKey,
} from './cloud.js';
import { valuesOf, describeCases } from './support.case.js';

// Fake values in the documented formats; prefixes are split so this file is not itself a leak.
const AWS_ID = 'AKIA' + 'DX4GUW6LF7WK5ETK';
const AWS_SECRET = 'tUSaD0eilKvFG+cbvw8VHIJNDS5haZBjQ0emV9ok';
const GCP_KEY = 'AIza' + 'Sy' + 'od23kbhdfKCcMM5TEKxTp9rzk-c8c_8CO';
const STORAGE_KEY = 'UIguyXNH/QeGxgYyo0Im4pxHGMBkWEU7/K3gtADTHmSOnShMLo1+wDXg2PMya7f9oUYpjPP/wmriKvEUjGVcLF==';
const AD_SECRET = 'Xy3' + '8Q~' + '5w~CPYO6gYyI2Q9Zam9lwsZjuhIdtxk';
const GUID = 'b299f529-8387-404d-a052-17d88c7d2c50';
const PEM_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC3dRVKiLsK42CPCNLhOWdK\\nZfWM8Ou2cCGXPPbsvixDVD0nhAAWH0pKweRYSM+D0yOV9/ix5XPoLcJTlz2+H3D3e0x6\\n';

const REPORTED: Array<{ situation: string; detector: Detector; text: string; value: string }> = [
  { situation: 'an AWS access key ID is in code', detector: awsAccessKeyId, text: `aws_access_key_id = ${AWS_ID}`, value: AWS_ID },
  { situation: 'a temporary AWS key ID is in JSON', detector: awsAccessKeyId, text: `{"AccessKeyId":"ASIA${AWS_ID.slice(4)}"}`, value: `ASIA${AWS_ID.slice(4)}` },
  { situation: 'an AWS secret key is in credentials', detector: awsSecretAccessKey, text: `aws_secret_access_key = ${AWS_SECRET}`, value: AWS_SECRET },
  { situation: 'an AWS secret key is in an env file', detector: awsSecretAccessKey, text: `AWS_SECRET_ACCESS_KEY="${AWS_SECRET}"`, value: AWS_SECRET },
  { situation: 'a Google API key is in a web page', detector: gcpApiKey, text: `const firebaseConfig = { apiKey: "${GCP_KEY}" };`, value: GCP_KEY },
  { situation: 'an Azure storage connection string is in config', detector: azureStorageKey, text: `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${STORAGE_KEY};EndpointSuffix=core.windows.net`, value: STORAGE_KEY },
  { situation: 'an Azure SAS URL is in a script', detector: azureSasToken, text: 'curl "https://a.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sp=r&sig=Xq3fP9sQ2vL7mN1bR8tY4wZ6cH0jD5gE2aU9iO3kT7e%3D"', value: 'Xq3fP9sQ2vL7mN1bR8tY4wZ6cH0jD5gE2aU9iO3kT7e%3D' },
  { situation: 'an Entra ID client secret is in appsettings', detector: azureAdClientSecret, text: `"ClientSecret": "${AD_SECRET}"`, value: AD_SECRET },
  { situation: 'an Azure tenant ID is in the standard variable', detector: azureAdIdentifier, text: `AZURE_TENANT_ID=${GUID}`, value: GUID },
];

const NOT_REPORTED: Array<{ situation: string; detector: Detector; text: string }> = [
  { situation: 'an AWS key ID is the documented example', detector: awsAccessKeyId, text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE' },
  { situation: 'an AWS key ID ends in EXAMPLE', detector: awsAccessKeyId, text: 'AKIAI44QH8DHBEXAMPLE' },
  { situation: 'an AWS key ID is masked', detector: awsAccessKeyId, text: 'key = AKIA' + 'X'.repeat(16) },
  { situation: 'an access-key prefix is inside a longer word', detector: awsAccessKeyId, text: 'THEASIAPACIFICREGIONALOFFICEHOURS' },
  { situation: 'an AWS secret key is the documented example', detector: awsSecretAccessKey, text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  { situation: 'an AWS secret setting holds a longer encrypted blob', detector: awsSecretAccessKey, text: `AWS_SECRET_ACCESS_KEY = ${AWS_SECRET}Zm9vYmFyYmF6==` },
  { situation: 'a Google API key is a Firebase SDK example', detector: gcpApiKey, text: 'apiKey: "AIzaSyabcdefghijklmnopqrstuvwxyz1234567"' },
  { situation: 'a Google API key is upper-cased', detector: gcpApiKey, text: GCP_KEY.toUpperCase() },
  { situation: 'a Google API key has low variety', detector: gcpApiKey, text: 'AIzaSy' + 'a'.repeat(33) },
  { situation: 'a tilde is in a URL', detector: azureAdClientSecret, text: 'https://cdn.example.com/img/9c1e52d07a~tplv-q2w3e4r5t6-watermark.image' },
  { situation: 'an Entra ID secret is masked', detector: azureAdClientSecret, text: 'client_secret=Ab18Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
  { situation: 'a client ID is not Azure', detector: azureAdIdentifier, text: `clientId = "${GUID}"` },
  { situation: 'a storage key is a placeholder', detector: azureStorageKey, text: 'AccountKey=<your-account-key>;' },
  { situation: 'a short-lived Bedrock key is only its prefix', detector: awsBedrockApiKey, text: 'bedrock-api-key-' },
];

describeCases(REPORTED, NOT_REPORTED);

describe('when a service-account key file is committed', () => {
  const file = `{\n  "type": "service_account",\n  "project_id": "demo",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${PEM_BODY}-----END PRIVATE KEY-----\\n",\n  "client_email": "ci@demo.iam.gserviceaccount.com"\n}`;
  it('reports the private key as gcp_service_account_key', () => {
    const [value] = valuesOf(gcpServiceAccountKey, file);
    expect(value).toMatch(/^-----BEGIN PRIVATE KEY-----\\n/);
    expect(value).toMatch(/-----END PRIVATE KEY-----\\n$/);
  });
  it('does not report the same key outside a service-account object', () => {
    expect(valuesOf(gcpServiceAccountKey, file.replace('"service_account"', '"authorized_user"'))).toEqual([]);
  });
});
