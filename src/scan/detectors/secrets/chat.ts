// Chat and collaboration credentials: Slack tokens and webhooks, WeCom/WeChat,
// DingTalk and Feishu/Lark robot webhooks and app secrets, Discord webhooks and
// Telegram bot tokens. A webhook URL is itself the credential: anyone holding it
// can post as the bot.
import type { Detector } from '../detector.js';
import { charClasses, isFilledIn, isRepetitive, shannonEntropy } from './entropy.js';
import { ASSIGNMENT_WINDOW, UUID, assignment, ci, nameWords, secretDetector, tokenDetector } from './grammar.js';

/**
 * Slack tokens (api.slack.com "Token types"): `xoxb-` bot, `xoxp-` user, `xoxa-`
 * workspace, `xoxo-`/`xoxs-`/`xoxr-` legacy and refresh; numeric team/user
 * segments then a random tail. `xoxe.xoxp-1-` / `xoxe-1-` are app configuration
 * access and refresh tokens; `xapp-1-` app-level tokens.
 */
export const slackToken: Detector = tokenDetector({
  id: 'slack_token',
  description: 'Slack API token (xoxb-, xoxp-, xoxa-, xoxe-, xapp-…)',
  validation: 'Slack type prefix with numeric team/user segments or the configuration-token length',
  anchors: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe', 'xapp-'],
  token: [
    'xox[abposre]-(?:[0-9]-)?[0-9]{8,14}-[A-Za-z0-9]{8,64}(?:-[A-Za-z0-9]{6,64}){0,3}',
    'xox[os]-[0-9]{1,14}-[0-9]{1,14}-[0-9]{1,14}-[a-fA-F0-9]{10,64}',
    'xoxe(?:\\.xox[bp])?-[0-9]-[A-Za-z0-9]{100,200}',
    'xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[A-Za-z0-9]{32,80}',
  ].join('|'),
  keywords: ['slack', 'token', 'bot'],
  example: 'xoxb-' + '103487306754-4641454967166-xoxro1dkdXiGVJl3f53jk1gb',
});

/** Slack incoming-webhook and workflow URLs (hooks.slack.com/services|workflows|triggers/T…/…). */
export const slackWebhookUrl: Detector = tokenDetector({
  id: 'slack_webhook_url',
  description: 'Slack incoming webhook or workflow trigger URL',
  validation: 'hooks.slack.com path with team ID, hook ID and secret',
  anchors: ['hooks.slack.com'],
  token:
    'https?://hooks\\.slack\\.com/(?:services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}|workflows/T[A-Z0-9]{6,12}/A[A-Z0-9]{6,12}/[0-9]{8,20}/[A-Za-z0-9]{20,32}|triggers/T[A-Z0-9]{6,12}/[0-9]{8,20}/[A-Za-z0-9]{20,32})',
  boundary: 'A-Za-z0-9',
  example: 'https://hooks.slack.com/services/' + 'TAEQVRI1L/BFEPNTS0NT/bg9fVCxpn7kNy008sOhxJ31r',
});

/** WeCom (企业微信) group robot webhook: qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<uuid>. */
export const wechatWebhookUrl: Detector = secretDetector({
  id: 'wechat_webhook_url',
  description: 'WeCom / WeChat Work group robot webhook key (企业微信机器人)',
  validation: 'qyapi.weixin.qq.com webhook URL with a UUID key',
  anchors: ['qyapi.weixin.qq.com'],
  pattern: new RegExp(`https?://qyapi\\.weixin\\.qq\\.com/cgi-bin/webhook/send\\?(?:[^\\s"'<>]{0,64}&)?key=(?<value>${UUID})(?![0-9A-Za-z])`, 'g'),
  validate: (value) => isFilledIn(value) && !/^0{8}-/.test(value),
  confidence: 'high',
  example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=' + '693a91f6-7d81-4bc4-97a0-0ec2f5fa1c3e',
});

/**
 * WeChat official-account / mini-program AppSecret (32 hex) and WeCom corpsecret
 * (43 characters), assigned to a key that names WeChat / WeCom and a secret.
 */
export const wechatAppSecret: Detector = secretDetector({
  id: 'wechat_app_secret',
  description: 'WeChat AppSecret or WeCom corpsecret (微信 AppSecret)',
  validation: '32 hex (AppSecret) or 43 characters (corpsecret) under a WeChat/WeCom secret key; entropy ≥ 3 bits',
  anchors: ['wechat', 'weixin', 'wx_', 'wxapp', 'wx.', 'wxsecret', 'wxmp', 'wecom', 'corpsecret', 'corp_secret', '微信'],
  pattern: new RegExp(
    assignment(
      `(?:${ci('wechat')}|${ci('weixin')}|${ci('wx')}|${ci('wecom')}|${ci('corp')}|微信)[\\w.\\-\\u4e00-\\u9fff]{0,24}?(?:${ci('secret')}|密钥)`,
      '[0-9a-fA-F]{32}|[A-Za-z0-9_\\-]{43}',
      { nameBefore: 24, nameAfter: 16 },
    ),
    'g',
  ),
  validate: (value) => isFilledIn(value) && !isRepetitive(value) && shannonEntropy(value) >= 3,
  window: ASSIGNMENT_WINDOW,
  keywords: ['wechat', 'weixin', 'wecom', 'appid', 'corpid', '微信'],
  confidence: 'medium',
  example: 'WECHAT_APP_SECRET=' + '9f86d081884c7d659a2feaa0c55ad015',
});

/** DingTalk (钉钉) custom robot webhook: oapi.dingtalk.com/robot/send?access_token=<64 hex>. */
export const dingtalkWebhookUrl: Detector = secretDetector({
  id: 'dingtalk_webhook_url',
  description: 'DingTalk custom robot webhook access token (钉钉机器人)',
  validation: 'oapi.dingtalk.com robot URL with a 64-hex access token',
  anchors: ['oapi.dingtalk.com'],
  pattern: /https?:\/\/oapi\.dingtalk\.com\/robot\/send\?(?:[^\s"'<>]{0,64}&)?access_token=(?<value>[0-9a-f]{64})(?![0-9A-Za-z])/g,
  validate: (value) => isFilledIn(value) && !isRepetitive(value),
  confidence: 'high',
  example: 'https://oapi.dingtalk.com/robot/send?access_token=' + 'b3a1f0c2d4e6a8b0c1d3e5f7a9b2c4d6e8f0a1b3c5d7e9f2a4b6c8d0e1f3a5b7',
});

/**
 * DingTalk AppSecret (64 characters) and robot signing secret (`SEC` + 64 hex),
 * assigned to a key that names DingTalk and a secret.
 */
export const dingtalkAppSecret: Detector = secretDetector({
  id: 'dingtalk_app_secret',
  description: 'DingTalk AppSecret or robot signing secret (SEC…)',
  validation: 'SEC + 64 hex, or 64 token characters, under a DingTalk secret key; entropy ≥ 3.5 bits',
  anchors: ['dingtalk', 'dingding', 'ding_', 'dingapp', 'ding.', '钉钉'],
  pattern: new RegExp(
    assignment(
      `(?:${ci('dingtalk')}|${ci('dingding')}|${ci('ding')}|钉钉)[\\w.\\-\\u4e00-\\u9fff]{0,24}?(?:${ci('secret')}|密钥)`,
      'SEC[0-9a-f]{64}|[A-Za-z0-9_\\-]{64}',
      { nameBefore: 24, nameAfter: 16 },
    ),
    'g',
  ),
  validate: (value) => isFilledIn(value) && shannonEntropy(value) >= 3.5,
  window: ASSIGNMENT_WINDOW,
  keywords: ['dingtalk', 'dingding', 'robot', 'appkey', '钉钉'],
  confidence: 'medium',
  example: 'dingtalk.robot.secret=SEC' + 'ef244380c8694b9f239236d0a9ef74004e06066996e97db057d0cf99d5ccd094',
});

/** Feishu / Lark custom bot webhook: open.feishu.cn|open.larksuite.com/open-apis/bot/v2/hook/<uuid>. */
export const feishuWebhookUrl: Detector = secretDetector({
  id: 'feishu_webhook_url',
  description: 'Feishu / Lark custom bot webhook (飞书机器人)',
  validation: 'open.feishu.cn or open.larksuite.com bot hook URL with a UUID',
  anchors: ['open.feishu.cn', 'open.larksuite.com'],
  pattern: new RegExp(`https?://open\\.(?:feishu\\.cn|larksuite\\.com)/open-apis/bot/v2/hook/(?<value>${UUID})(?![0-9A-Za-z])`, 'g'),
  validate: (value) => isFilledIn(value) && !/^0{8}-/.test(value),
  confidence: 'high',
  example: 'https://open.feishu.cn/open-apis/bot/v2/hook/' + '2f6b1e3c-9a4d-4f8e-b1c7-5d3a9e2f8c41',
});

/** Feishu / Lark app_secret (32 alphanumerics) under a key naming Feishu/Lark and a secret. */
export const feishuAppSecret: Detector = secretDetector({
  id: 'feishu_app_secret',
  description: 'Feishu / Lark app secret (飞书 app_secret)',
  validation: '32 alphanumerics under a Feishu/Lark secret key; entropy ≥ 3.5 bits, mixed classes',
  anchors: ['feishu', 'lark', '飞书'],
  pattern: new RegExp(
    assignment(`(?:${ci('feishu')}|${ci('lark')}|飞书)[\\w.\\-\\u4e00-\\u9fff]{0,24}?(?:${ci('secret')}|密钥)`, '[A-Za-z0-9]{32}', { nameBefore: 24, nameAfter: 16 }),
    'g',
  ),
  validate: (value, m) =>
    isFilledIn(value) && shannonEntropy(value) >= 3.5 && charClasses(value) >= 2 && !nameWords(m.groups?.['name'] ?? '').includes('encrypt'),
  window: ASSIGNMENT_WINDOW,
  keywords: ['feishu', 'lark', 'app_id', 'appid', 'cli_', '飞书'],
  confidence: 'medium',
  example: 'FEISHU_APP_SECRET=' + 'Hq3Zt8Lm2Xv7Rk1Nw9Pc4Bd6Gy0Fs5Ja',
});

/** Discord webhooks: discord.com/api/webhooks/<snowflake id>/<68-character token>. */
export const discordWebhookUrl: Detector = tokenDetector({
  id: 'discord_webhook_url',
  description: 'Discord webhook URL',
  validation: 'discord.com/api/webhooks/<id>/<token> path',
  anchors: ['discord.com/api/webhooks', 'discordapp.com/api/webhooks'],
  token: 'https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_\\-]{60,72}',
  example: 'https://discord.com/api/webhooks/' + '112233445566778899/' + 'Qh3Zt8Lm2Xv7Rk1Nw9Pc4Bd6Gy0Fs5JaQh3Zt8Lm2Xv7Rk1Nw9Pc4Bd6Gy0Fs5JaQh3Zt8',
});

/** Telegram Bot API tokens (core.telegram.org/bots/api): `<bot id>:AA` + 33 characters. */
export const telegramBotToken: Detector = tokenDetector({
  id: 'telegram_bot_token',
  description: 'Telegram bot token (<id>:AA…)',
  validation: 'numeric bot ID, colon, AA and 33 base64url characters',
  anchors: [':aa'],
  token: '[0-9]{8,10}:AA[A-Za-z0-9_\\-]{33}',
  validate: (value) => shannonEntropy(value) >= 3.5,
  keywords: ['telegram', 'bot', 'token'],
  example: '5938472615:AA' + '7RHZYLBZMX5kvpADgrFRT0Epj0JMfXlcD',
});

export const CHAT_DETECTORS: readonly Detector[] = [
  slackToken,
  slackWebhookUrl,
  wechatWebhookUrl,
  wechatAppSecret,
  dingtalkWebhookUrl,
  dingtalkAppSecret,
  feishuWebhookUrl,
  feishuAppSecret,
  discordWebhookUrl,
  telegramBotToken,
];
