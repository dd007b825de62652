// The name = value grammar shared by keyed and generic detectors: each code,
// config and markup form it claims to read, and forms it must not.
import { describe, expect, it } from 'vitest';
import { assignment, nameWords } from './grammar.js';

const re = new RegExp(assignment('[Tt]oken|TOKEN', '[A-Za-z0-9]{8,64}?'), 'g');
const VALUE = 'Q7vN2xR9mT4wL8pZ';

function firstAssignment(text: string): { name?: string; value?: string } {
  re.lastIndex = 0;
  const m = re.exec(text);
  return { name: m?.groups?.['name'], value: m?.groups?.['value'] };
}

describe.each([
  { form: 'a shell export', text: `export GITHUB_TOKEN=${VALUE}`, name: 'GITHUB_TOKEN' },
  { form: 'a quoted assignment', text: `apiToken = "${VALUE}";`, name: 'apiToken' },
  { form: 'a Go short declaration', text: `authToken := \`${VALUE}\``, name: 'authToken' },
  { form: 'a Go typed var', text: `var authToken string = "${VALUE}"`, name: 'authToken' },
  { form: 'a TypeScript annotation', text: `const authToken: string = '${VALUE}'`, name: 'authToken' },
  { form: 'a Makefile ?=', text: `AUTH_TOKEN ?= "${VALUE}"`, name: 'AUTH_TOKEN' },
  { form: 'a Makefile ::=', text: `AUTH_TOKEN ::= "${VALUE}"`, name: 'AUTH_TOKEN' },
  { form: 'a PHP .=', text: `$authToken .= "${VALUE}"`, name: 'authToken' },
  { form: 'a PHP array', text: `  "authToken" => "${VALUE}"`, name: 'authToken' },
  { form: 'YAML', text: `auth_token: ${VALUE}`, name: 'auth_token' },
  { form: 'JSON', text: `{"auth_token": "${VALUE}"}`, name: 'auth_token' },
  { form: 'an escaped JSON string', text: `{"env": "AUTH_TOKEN=${VALUE}\\nDEBUG=1"}`, name: 'AUTH_TOKEN' },
  { form: 'a function argument', text: `System.setProperty("AUTH_TOKEN", "${VALUE}")`, name: 'AUTH_TOKEN' },
  { form: 'an XML element across lines', text: `<authToken>\n    ${VALUE}\n</authToken>`, name: 'authToken' },
  { form: 'a full-width colon', text: `令牌Token：${VALUE}`, name: '令牌Token' },
])('when the secret is in $form', ({ text, name }) => {
  it('finds the key name and the value', () => {
    expect(firstAssignment(text)).toEqual({ name, value: VALUE });
  });
});

describe.each([
  { form: 'a comparison', text: `if token == "${VALUE}"` },
  { form: 'a URL after the key', text: `token_url: https://example.org/${VALUE}` },
  { form: 'prose', text: `the token ${VALUE} expired` },
])('when the key and value are in $form', ({ text }) => {
  it('finds no assignment', () => {
    expect(firstAssignment(text).value).toBeUndefined();
  });
});

describe.each([
  { name: 'genericToken', words: ['generic', 'token'] },
  { name: 'AUTH_CLIENTSECRET', words: ['auth', 'clientsecret'] },
  { name: 'X-Octopus-ApiKey', words: ['x', 'octopus', 'api', 'key'] },
  { name: 'token1', words: ['token'] },
  { name: 'APIKey', words: ['api', 'key'] },
])('when the key is $name', ({ name, words }) => {
  it(`splits into ${words.join(' ')}`, () => {
    expect(nameWords(name)).toEqual(words);
  });
});
