// API keys of AI model providers: OpenAI, Anthropic, Perplexity, Hugging Face,
// Groq, Cohere. Most carry a prefix and a fixed shape.
import type { Detector } from '../detector.js';
import { charClasses, shannonEntropy } from './entropy.js';
import { keyedDetector, tokenDetector } from './grammar.js';

/**
 * OpenAI API keys: `sk-`, `sk-proj-`, `sk-svcacct-` or `sk-admin-`, with
 * `T3BlbkFJ` (the base64 of "OpenAI") in the middle.
 */
export const openaiApiKey: Detector = tokenDetector({
  id: 'openai_api_key',
  description: 'OpenAI API key (sk-…T3BlbkFJ…)',
  validation: 'sk- prefix with the embedded T3BlbkFJ marker',
  anchors: ['t3blbkfj'],
  token: 'sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_\\-]{16,200}T3BlbkFJ[A-Za-z0-9_\\-]{16,200}',
  example: 'sk-proj-' + 'Rf3kL9qWx2Zt7Vb1Nm5Hc8Jd0Gs4Ae6Uy2Io' + 'T3BlbkFJ' + 'Pq7Wr3Et9Yu1Ii5Oo2Pa8Sd4Fg6Hj0Kl3Zx',
});

/**
 * Anthropic API and Admin keys: `sk-ant-api<NN>-` or `sk-ant-admin<NN>-`, 93
 * base64url characters and `AA`.
 */
export const anthropicApiKey: Detector = tokenDetector({
  id: 'anthropic_api_key',
  description: 'Anthropic API or Admin key (sk-ant-api…, sk-ant-admin…)',
  validation: 'sk-ant-api/admin prefix with version, 93 characters and the AA tail',
  anchors: ['sk-ant-'],
  token: 'sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_\\-]{93}AA',
  example: 'sk-ant-api03-' + 'zoI9YrcmEgBlxTtGIvlNSB06r9H87sanWqwSPrJ0yS45gHpvJkezlW4mlQlAjf27E44MRYy46Dvt23pmV85VURSdPIWP6' + 'AA',
});

/** Perplexity API keys: `pplx-` and 48 alphanumerics. */
export const perplexityApiKey: Detector = tokenDetector({
  id: 'perplexity_api_key',
  description: 'Perplexity API key (pplx-…)',
  validation: 'pplx- prefix and 48 alphanumerics',
  anchors: ['pplx-'],
  token: 'pplx-[A-Za-z0-9]{48}',
  example: 'pplx-' + 'Fes0pKBrDLLPLE2jdy0mOM0kmLKNmq9xy8U0G3jL5XieWHwn',
});

/**
 * Hugging Face tokens: user access tokens `hf_` + 34 letters, and the older
 * organisation tokens `api_org_` + 34 letters.
 */
export const huggingfaceToken: Detector = tokenDetector({
  id: 'huggingface_token',
  description: 'Hugging Face access token (hf_…, api_org_…)',
  validation: 'hf_ or api_org_ prefix and exactly 34 letters, mixed case',
  anchors: ['hf_', 'api_org_'],
  token: '(?:hf|api_org)_[A-Za-z]{34}',
  validate: (value) => charClasses(value.slice(value.lastIndexOf('_') + 1)) >= 2 && shannonEntropy(value) >= 3.5,
  example: 'hf_' + 'OtwsSuJjgFHpyktJxEmrtCrfsNzIjeKWIY',
});

/** Groq API keys: `gsk_` and 52 alphanumerics. */
export const groqApiKey: Detector = tokenDetector({
  id: 'groq_api_key',
  description: 'Groq API key (gsk_…)',
  validation: 'gsk_ prefix and 52 alphanumerics',
  anchors: ['gsk_'],
  token: 'gsk_[A-Za-z0-9]{52}',
  example: 'gsk_' + 'n5Umy9ODhluc0bCEnZq84lTmY5FozreB1P71WJeyrFdRPwfxlCC8',
});

/** Cohere API keys: 40 alphanumerics under a key naming Cohere. */
export const cohereApiKey: Detector = keyedDetector({
  id: 'cohere_api_key',
  description: 'Cohere API key under a Cohere setting',
  validation: '40 alphanumerics under a Cohere key; entropy ≥ 3.5 bits',
  names: ['cohere'],
  value: '[A-Za-z0-9]{40}',
  validate: (value) => shannonEntropy(value) >= 3.5 && charClasses(value) >= 2,
  example: 'COHERE_API_KEY=' + 'kcEo0GNJvJNMsJDSNHd24QoM9VntO9q0rMu9BMYK',
});

export const AI_DETECTORS: readonly Detector[] = [openaiApiKey, anthropicApiKey, perplexityApiKey, huggingfaceToken, groqApiKey, cohereApiKey];
