// CloudTrail records for tests that need a real alert: logging switched off is a rule of the shipped pack.

/** A CloudTrail delivery file with one StopLogging call by `user`, `minutesAgo` before now. */
export function stopLoggingRecord(user = 'mallory', minutesAgo = 1, id = '3a4b5c6d-0000-4000-8000-00000000beef'): string {
  const eventTime = new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  return JSON.stringify({
    Records: [
      {
        eventVersion: '1.08',
        userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::123456789012:user/${user}`, accountId: '123456789012', userName: user },
        eventTime,
        eventSource: 'cloudtrail.amazonaws.com',
        eventName: 'StopLogging',
        awsRegion: 'us-east-1',
        sourceIPAddress: '203.0.113.7',
        userAgent: 'aws-cli/2.15.0',
        requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail' },
        responseElements: null,
        requestID: 'f0e1d2c3-1111-4222-8333-444455556666',
        eventID: id,
        eventType: 'AwsApiCall',
        recipientAccountId: '123456789012',
      },
    ],
  });
}
