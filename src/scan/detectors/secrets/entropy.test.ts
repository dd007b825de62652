// Entropy and placeholder checks, table-driven; entropy vectors are worked
// values of H = -Σ p·log2(p) for uniform distributions.
import { describe, expect, it } from 'vitest';
import { hasSequentialRun, isMasked, isPlaceholderWord, isRepetitive, isTemplate, shannonEntropy } from './entropy.js';

// Shannon entropy H = -Σ p·log2(p): worked values for uniform distributions.
describe.each([
  { text: '', bits: 0 },
  { text: 'aaaaaaaa', bits: 0 },
  { text: 'abababab', bits: 1 },
  { text: 'abcd', bits: 2 },
  { text: '0123456789abcdef', bits: 4 },
])('when the text is "$text"', ({ text, bits }) => {
  it(`has an entropy of ${bits} bits per character`, () => {
    expect(shannonEntropy(text)).toBeCloseTo(bits, 10);
  });
});

describe.each([
  { value: 'AKIA' + 'X'.repeat(16), masked: true },
  { value: 'glpat-XXXX-XXXX-XXXX', masked: true },
  { value: '**********', masked: true },
  { value: 'ops_eyJ0eXAiOiJKV1Qi...', masked: true },
  { value: 'xxxx', masked: true },
  { value: 'q8Jd2Lw0Vb5nXr1TzY7c', masked: false },
  { value: 'box-tax-fix', masked: false },
])('when the value is $value', ({ value, masked }) => {
  it(masked ? 'counts as masked' : 'does not count as masked', () => {
    expect(isMasked(value)).toBe(masked);
  });
});

describe.each([
  { value: '${DB_PASSWORD}', template: true },
  { value: '$API_KEY', template: true },
  { value: '$(cat /run/secrets/token)', template: true },
  { value: '{{ .Values.password }}', template: true },
  { value: '{password}', template: true },
  { value: '{SumoAccessKey', template: true },
  { value: '<your-api-key>', template: true },
  { value: '%TestSourcePassword%', template: true },
  { value: '[PASSWORD]', template: true },
  { value: 'process.env.TOKEN', template: true },
  { value: '{k3Vq9TzW2m}', template: false },
  { value: 'u7#Kp2!vQz9w', template: false },
])('when the value is $value', ({ value, template }) => {
  it(template ? 'counts as a template' : 'does not count as a template', () => {
    expect(isTemplate(value)).toBe(template);
  });
});

describe.each([
  { value: 'REPLACE_WITH_PASSWORD', placeholder: true },
  { value: 'your_api_key', placeholder: true },
  { value: 'not_a_real_token', placeholder: true },
  { value: 'changeme', placeholder: true },
  { value: 'Tr0ub4dor&3', placeholder: false },
])('when the value is $value', ({ value, placeholder }) => {
  it(placeholder ? 'counts as a placeholder word' : 'does not count as a placeholder word', () => {
    expect(isPlaceholderWord(value)).toBe(placeholder);
  });
});

describe('sequences and repeats', () => {
  it.each(['abcdefgh', 'x123456y', 'ZYXWVU'])('finds a sequential run in %s', (s) => {
    expect(hasSequentialRun(s)).toBe(true);
  });
  it.each(['a1b2c3d4', 'k9Lm2Xv7'])('finds no sequential run in %s', (s) => {
    expect(hasSequentialRun(s)).toBe(false);
  });
  it.each(['1111', 'abcabcabc', 'xyxyxyxy'])('calls %s repetitive', (s) => {
    expect(isRepetitive(s)).toBe(true);
  });
  it.each(['1112', 'abcabcabd'])('does not call %s repetitive', (s) => {
    expect(isRepetitive(s)).toBe(false);
  });
});
