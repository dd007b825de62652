// AI provider keys: OpenAI, Anthropic, Perplexity, Hugging Face, Groq, Cohere.
import type { Detector } from '../detector.js';
import { anthropicApiKey, cohereApiKey, groqApiKey, huggingfaceToken, openaiApiKey, perplexityApiKey } from './ai.js';
import { describeCases } from './support.case.js';

const OPENAI = 'sk-proj-' + 'RNxevlGxGwS_mIfIpJ2V' + 'T3BlbkFJ' + '_zxnagKVF9HR2wMqBmSR';
const ANTHROPIC = 'sk-ant-' + 'api03-' + 'Q1S7hkFsXXjb97OwpwpDKSeAQ99HcJ9CTLqQqyElUUvqMpq6gcPwN7Dyq6dwhqD-mmDu3WA2H0DNcaZK_R9Qgx5tP7fW7' + 'AA';

const REPORTED: Array<{ situation: string; detector: Detector; text: string; value: string }> = [
  { situation: 'an OpenAI project key is in an env file', detector: openaiApiKey, text: `OPENAI_API_KEY=${OPENAI}`, value: OPENAI },
  { situation: 'an Anthropic key is in Python', detector: anthropicApiKey, text: `client = Anthropic(api_key="${ANTHROPIC}")`, value: ANTHROPIC },
  { situation: 'a Perplexity key is in JSON', detector: perplexityApiKey, text: '{"key": "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"}', value: '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' },
  { situation: 'a Hugging Face token is on a command line', detector: huggingfaceToken, text: 'huggingface-cli login --token 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', value: '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' },
  { situation: 'a Groq key is in an env file', detector: groqApiKey, text: 'GROQ_API_KEY=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', value: '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' },
  { situation: 'a Cohere key is in a settings file', detector: cohereApiKey, text: 'cohere_api_key: "Rl8BZtHUsg8A9LopJ0pQPSl9auQU3w9RTmJBQI3X"', value: 'Rl8BZtHUsg8A9LopJ0pQPSl9auQU3w9RTmJBQI3X' },
];

const NOT_REPORTED: Array<{ situation: string; detector: Detector; text: string }> = [
  { situation: 'an sk- key lacks the OpenAI marker', detector: openaiApiKey, text: 'sk-' + 'RNxevlGxGwS_mIfIpJ2Vabcdefgh_zxnagKVF9HR2wMqBmSR' },
  { situation: 'an Anthropic key is too short', detector: anthropicApiKey, text: 'sk-ant-api03-notarealkey' },
  { situation: 'an Anthropic key does not end in AA', detector: anthropicApiKey, text: ANTHROPIC.slice(0, -2) + 'BB' },
  { situation: 'a Perplexity key is masked', detector: perplexityApiKey, text: 'PERPLEXITY_API_KEY=pplx-' + 'x'.repeat(48) },
  { situation: 'hf_ starts an identifier', detector: huggingfaceToken, text: 'self.hf_requiredConfigurationValuesForDisplayLayer = nil' },
  { situation: 'a Hugging Face token is masked', detector: huggingfaceToken, text: `HF_TOKEN="hf_${'x'.repeat(34)}"` },
  { situation: 'a Groq key has a dash in it', detector: groqApiKey, text: 'gsk_tCW0Iq9mAzSMWatW8V9K2fDvLO2LS3koNTMlmpucQQPi8MRE-MOg' },
];

describeCases(REPORTED, NOT_REPORTED);
