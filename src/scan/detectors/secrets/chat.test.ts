// Slack, WeCom/WeChat, DingTalk, Feishu/Lark, Discord and Telegram credentials.
import { describe, expect, it } from 'vitest';
import type { Detector } from '../detector.js';
import {
  dingtalkAppSecret,
  dingtalkWebhookUrl,
  discordWebhookUrl,
  feishuAppSecret,
  feishuWebhookUrl,
  slackToken,
  slackWebhookUrl,
  telegramBotToken,
  wechatAppSecret,
  wechatWebhookUrl,
} from './chat.js';
import { valuesOf } from './support.case.js';

const XOXB = 'xox' + 'b-' + '4823017465-7390185264731-8OClEox79PGppssYRkrsemqL';
const XOXP = 'xox' + 'p-' + '4823017465-5512093847-7390185264731-fc9d7f73256413090f2a8a9ca81a4989';
const HOOK = 'https://hooks.' + 'slack.com/services/T04KQ7ZPM/B05H2NX9RJ/ZeeVZFv7p2xXB4HFabVHhrjX';
const UUID = 'b299f529-8387-404d-a052-17d88c7d2c50';
const HEX64 = '7ebb47c5347affebc5ea16587652645d5a0019362e4693d4abee819263d05eb7';

const REPORTED: Array<{ situation: string; detector: Detector; text: string; value: string }> = [
  { situation: 'a Slack bot token is in an env file', detector: slackToken, text: `SLACK_BOT_TOKEN=${XOXB}`, value: XOXB },
  { situation: 'a Slack user token is in JSON', detector: slackToken, text: `{"token": "${XOXP}"}`, value: XOXP },
  { situation: 'a Slack webhook is in a script', detector: slackWebhookUrl, text: `curl -X POST ${HOOK} -d '{"text":"hi"}'`, value: HOOK },
  { situation: 'a WeCom robot webhook is in config', detector: wechatWebhookUrl, text: `webhook: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${UUID}`, value: UUID },
  { situation: 'a WeChat AppSecret is in YAML', detector: wechatAppSecret, text: 'wechat:\n  app-secret: fc9d7f73256413090f2a8a9ca81a4989\nwx.appSecret=fc9d7f73256413090f2a8a9ca81a4989', value: 'fc9d7f73256413090f2a8a9ca81a4989' },
  { situation: 'a WeCom corpsecret is in Python', detector: wechatAppSecret, text: 'CORP_SECRET = "yJkkoPIzToUKrov7VrI3x8rgLpm-QllrZvTvyOZ3B4U"', value: 'yJkkoPIzToUKrov7VrI3x8rgLpm-QllrZvTvyOZ3B4U' },
  { situation: 'a DingTalk robot webhook is in code', detector: dingtalkWebhookUrl, text: `url = "https://oapi.dingtalk.com/robot/send?access_token=${HEX64}"`, value: HEX64 },
  { situation: 'a DingTalk robot signing secret is in config', detector: dingtalkAppSecret, text: `dingtalk.secret=SEC${HEX64}`, value: `SEC${HEX64}` },
  { situation: 'a Feishu bot webhook is in code', detector: feishuWebhookUrl, text: `https://open.feishu.cn/open-apis/bot/v2/hook/${UUID}`, value: UUID },
  { situation: 'a Lark bot webhook is in code', detector: feishuWebhookUrl, text: `https://open.larksuite.com/open-apis/bot/v2/hook/${UUID}`, value: UUID },
  { situation: 'a Feishu app secret is in an env file', detector: feishuAppSecret, text: 'FEISHU_APP_SECRET=9S1v9hol9gk76lOp1tw3jBzlcrthJorm', value: '9S1v9hol9gk76lOp1tw3jBzlcrthJorm' },
  { situation: 'a Feishu app secret is labelled in Chinese', detector: feishuAppSecret, text: '飞书应用密钥：9S1v9hol9gk76lOp1tw3jBzlcrthJorm', value: '9S1v9hol9gk76lOp1tw3jBzlcrthJorm' },
  { situation: 'a Discord webhook is in code', detector: discordWebhookUrl, text: 'https://discord.com/api/webhooks/112233445566778899/dRVKiLsK42CPCNLhOWdKZfWM8Ou2cCGXPPbsvixDVD0nhAAWH0pKweRYSM-D0yOV9_ix', value: 'https://discord.com/api/webhooks/112233445566778899/dRVKiLsK42CPCNLhOWdKZfWM8Ou2cCGXPPbsvixDVD0nhAAWH0pKweRYSM-D0yOV9_ix' },
  { situation: 'a Telegram bot token is in code', detector: telegramBotToken, text: 'bot = Bot("5938472615:AAiKQBflhatxgVwMXW4tz8dSy8kqI0H13pE")', value: '5938472615:AAiKQBflhatxgVwMXW4tz8dSy8kqI0H13pE' },
];

const NOT_REPORTED: Array<{ situation: string; detector: Detector; text: string }> = [
  { situation: 'a Slack token is masked', detector: slackToken, text: 'xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxx' },
  { situation: 'a Slack token has short numeric segments', detector: slackToken, text: '"token": "xoxp-9876-5432-1098-0af94fbfffd1718a083ac3c96344c211"' },
  { situation: 'xoxo is part of an image name', detector: slackToken, text: 'https://example.org/img/xoxo-party-2019-0042.jpg' },
  { situation: 'a Slack webhook is a placeholder', detector: slackWebhookUrl, text: 'https://hooks.' + 'slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX' },
  { situation: 'a WeCom URL carries a placeholder access token', detector: wechatWebhookUrl, text: 'https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ID&corpsecret=SECRET' },
  { situation: 'a WeChat AppID is not the secret', detector: wechatAppSecret, text: 'wechat.appid=wx1234567890abcdef' },
  { situation: 'a DingTalk URL carries a placeholder', detector: dingtalkWebhookUrl, text: 'https://oapi.dingtalk.com/robot/send?access_token=YOUR_TOKEN' },
  { situation: 'a Feishu encrypt key is not the app secret', detector: feishuAppSecret, text: 'feishu_encrypt_secret_key = "9S1v9hol9gk76lOp1tw3jBzlcrthJorm"' },
];

describe.each(REPORTED)('when $situation', ({ detector, text, value }) => {
  it(`is reported as ${detector.id}`, () => {
    expect(valuesOf(detector, text)).toContain(value);
  });
});

describe.each(NOT_REPORTED)('when $situation', ({ detector, text }) => {
  it('is not reported', () => {
    expect(valuesOf(detector, text)).toEqual([]);
  });
});
