// CloudTrail records for the server benchmark: NDJSON ingest batches whose event
// ids differ per request (a template with a placeholder, so the load generator
// makes a fresh batch for each request cheaply) and StopLogging calls that trip
// a rule (aws.audit_logging_stopped).

const ACCOUNT = '483920174512';
const PLACEHOLDER = '@@BATCH@@';

function iso(t: number): string {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An NDJSON body of `n` S3 data events by 500 identities; `PLACEHOLDER` stands in each eventID. */
export function batchTemplate(n: number, time: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const user = `svc-${i % 500}`;
    lines.push(
      JSON.stringify({
        eventVersion: '1.09',
        userIdentity: { type: 'IAMUser', principalId: `AIDA${String(i % 500).padStart(16, '0')}`, arn: `arn:aws:iam::${ACCOUNT}:user/${user}`, accountId: ACCOUNT, accessKeyId: `AKIA${String(i % 500).padStart(16, '0')}`, userName: user },
        eventTime: iso(time + i * 10),
        eventSource: 's3.amazonaws.com',
        eventName: i % 10 === 0 ? 'PutObject' : 'GetObject',
        awsRegion: 'ap-east-1',
        sourceIPAddress: `10.20.${(i >> 8) & 255}.${i & 255}`,
        userAgent: 'aws-cli/2.15.30',
        requestParameters: { bucketName: `hx-bench-${i % 20}`, key: `data/${i}.parquet`, Host: `hx-bench-${i % 20}.s3.ap-east-1.amazonaws.com` },
        responseElements: null,
        additionalEventData: { bytesTransferredIn: 0, bytesTransferredOut: 1000 + i },
        requestID: `R${String(i).padStart(15, '0')}`,
        eventID: `${PLACEHOLDER}-${String(i).padStart(6, '0')}`,
        readOnly: true,
        resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::hx-bench-${i % 20}/data/${i}.parquet` }],
        eventType: 'AwsApiEvent',
        managementEvent: false,
        recipientAccountId: ACCOUNT,
        eventCategory: 'Data',
      }),
    );
  }
  return lines.join('\n') + '\n';
}

/** The template with its placeholder replaced: a batch no other batch duplicates. */
export function batchBody(template: string, batchId: string): string {
  return template.replaceAll(PLACEHOLDER, batchId);
}

/** A StopLogging call by `user` at `time`, one NDJSON line. */
export function stopLogging(user: string, time: number, id: string): string {
  return JSON.stringify({
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${ACCOUNT}:user/${user}`, accountId: ACCOUNT, userName: user },
    eventTime: iso(time),
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    awsRegion: 'ap-east-1',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: { name: `arn:aws:cloudtrail:ap-east-1:${ACCOUNT}:trail/org-trail` },
    responseElements: null,
    requestID: id,
    eventID: id,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
  }) + '\n';
}
