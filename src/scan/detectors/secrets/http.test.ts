// Credentials in HTTP headers and curl -u, and the variables and masks that are not.
import { describe, expect, it } from 'vitest';
import { curlUserCredentials, httpAuthorizationHeader } from './http.js';
import { valuesOf } from './support.case.js';

describe.each([
  { situation: 'a Bearer token', text: 'curl -H "Authorization: Bearer Qv7Lm2Xk9Rt4Wz8Np3Hs6" https://api.example.org', value: 'Qv7Lm2Xk9Rt4Wz8Np3Hs6' },
  { situation: 'Basic credentials', text: "curl -H 'Authorization: Basic ZGVwbG95OnI3S3Eydlh3OXo=' https://x", value: 'ZGVwbG95OnI3S3Eydlh3OXo=' },
  { situation: 'an API-key header', text: 'curl -H "X-API-Key: 2b4c6d8e-1f3a-4b5c-9d7e-0a1b2c3d4e5f" https://x', value: '2b4c6d8e-1f3a-4b5c-9d7e-0a1b2c3d4e5f' },
  { situation: 'a raw HTTP request', text: 'GET /v1/me HTTP/1.1\nHost: api.example.org\nAuthorization: Token 9fceb02d0ae598e95dc970b74767f19372d61af8\n', value: '9fceb02d0ae598e95dc970b74767f19372d61af8' },
])('when a request carries $situation', ({ text, value }) => {
  it('is reported as http_authorization_header', () => {
    expect(valuesOf(httpAuthorizationHeader, text)).toEqual([value]);
  });
});

describe.each([
  { situation: 'a masked token', text: 'curl -H "Authorization: Bearer XXXXXXXXXXXX" https://x' },
  { situation: 'a variable', text: 'curl -H "Authorization: Bearer $API_KEY" https://x' },
  { situation: 'a command substitution', text: 'curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://x' },
  { situation: 'a placeholder in angle brackets', text: 'curl -H "Authorization: Bearer <your API token>" https://x' },
  { situation: 'an ellipsis', text: 'curl --header "Authorization: Basic ..." https://x' },
  { situation: 'stars', text: '-H "Authorization: Token **********"' },
])('when a request carries $situation', ({ text }) => {
  it('is not reported', () => {
    expect(valuesOf(httpAuthorizationHeader, text)).toEqual([]);
  });
});

describe.each([
  { situation: '-u user:password', text: 'curl -u elastic:Qv7Lm2Xk9R https://localhost:9200', value: 'elastic:Qv7Lm2Xk9R' },
  { situation: '--user on a continuation line', text: "curl -X POST https://x \\\n  -H 'Content-Type: text/plain' \\\n  -u developer:n8Tz3qLwP4", value: 'developer:n8Tz3qLwP4' },
  { situation: 'an API key as the user', text: 'curl -u "sk9Lm2Xk7Rt4Wz8Np3:" https://api.example.org', value: 'sk9Lm2Xk7Rt4Wz8Np3:' },
])('when curl is given $situation', ({ text, value }) => {
  it('is reported as curl_user_credentials', () => {
    expect(valuesOf(curlUserCredentials, text)).toEqual([value]);
  });
});

describe.each([
  { situation: 'the same user and password', text: "curl -i -u 'test:test'" },
  { situation: 'positional variables', text: 'curl -sL --user "$1:$2" "$3"' },
  { situation: 'a placeholder pair', text: 'curl -u <user:password> https://example.org' },
  { situation: 'an empty pair', text: 'curl -u ":" https://localhost:9200' },
  { situation: 'a user name only', text: 'curl -u "myusername" http://localhost' },
  { situation: 'a templated pair', text: 'curl --user "{{ .Values.username }}:{{ .Values.password }}"' },
])('when curl is given $situation', ({ text }) => {
  it('is not reported', () => {
    expect(valuesOf(curlUserCredentials, text)).toEqual([]);
  });
});
