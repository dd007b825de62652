// Other SaaS vendor tokens: one reported and one quiet case per format family.
import type { Detector } from '../detector.js';
import {
  atlassianApiToken,
  clickhouseApiSecret,
  cloudflareApiToken,
  cloudflareOriginCaKey,
  facebookAccessToken,
  facebookAppSecret,
  figmaToken,
  hubspotToken,
  infracostToken,
  intra42ClientSecret,
  linearApiKey,
  mailchimpApiKey,
  mailgunApiKey,
  maxmindLicenseKey,
  messagebirdApiKey,
  notionToken,
  oktaApiToken,
  onepasswordSecret,
  openshiftToken,
  sendgridApiKey,
  shopifyToken,
  squareToken,
  stripeKey,
  sumologicAccessKey,
  twilioAuthToken,
} from './saas.js';
import { describeCases } from './support.case.js';

const UUID = 'b299f529-8387-404d-a052-17d88c7d2c50';
const HEX32 = 'fc9d7f73256413090f2a8a9ca81a4989';
const STRIPE = 'sk_' + 'live_' + 'KtgRL7CaMiwJ79EQXfsbe3HOJQCBWZ';
const OPS = 'ops_eyJ' + '6A8z+RDXM0VtJGBA0AmgDPRaPJCcAY5PwAg4h79LfxdsWLv3yCgcGvqcZHOBTHuhL7kCO2bHrA8Nunps+sy7GMEOBDpqonhchNkvH6DOFWgux31idpDkDL2CZiX1rqoBDOsRtzkwVzajWOlIfx8vr/0DkLQ4MwdEv9pvOaxdLq0mc3GEtf6UD4o6oJWEVmPCWDs/DVlm315ACaJ4fSAG5q+l0D5+DU1GP9PcrZm2qF13KgQ6hX+/Rnw94TPqFDevOPrMyhHyOHx/WjeAWSAPwbNOObvgKphJBZYOLt1DRaqL';
const ORIGIN_CA = 'v1.0-' + 'db09f46bcb7afdfa428a6ec3' + '-' + '4e7495cf9bcae899d4520ec468dea7e1ea8bd317b1c70d1f2f4ca4956a19a16e17cca96e7627e1950cec5c845174cdc2e56dc770ca879664682f2d778ecad171053293224569c16629';

const REPORTED: Array<{ situation: string; detector: Detector; text: string; value: string }> = [
  { situation: 'a Stripe secret key is in code', detector: stripeKey, text: `Stripe.apiKey = "${STRIPE}";`, value: STRIPE },
  { situation: 'a Stripe webhook secret is in an env file', detector: stripeKey, text: 'STRIPE_WEBHOOK_SECRET=whsec_KtgRL7CaMiwJ79EQXfsbe3HOJQCBWZ12', value: 'whsec_KtgRL7CaMiwJ79EQXfsbe3HOJQCBWZ12' },
  { situation: 'a Square OAuth secret is in config', detector: squareToken, text: 'square_secret = sq0csp-IK4dWF4Z6OdifHhPdud1JTk-gG7Ss-lBdTipdSfWQZt', value: 'sq0csp-IK4dWF4Z6OdifHhPdud1JTk-gG7Ss-lBdTipdSfWQZt' },
  { situation: 'a SendGrid key is in code', detector: sendgridApiKey, text: 'sg.setApiKey("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")', value: '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' },
  { situation: 'a Mailgun key is in code', detector: mailgunApiKey, text: `auth=("api", "key-${HEX32}")`, value: `key-${HEX32}` },
  { situation: 'a Mailchimp key is in config', detector: mailchimpApiKey, text: `mailchimp_api_key: ${HEX32}-us21`, value: `${HEX32}-us21` },
  { situation: 'a MessageBird key is in an env file', detector: messagebirdApiKey, text: 'MESSAGEBIRD_ACCESS_KEY=NUMZrFtCF2sP8pu0jGYU44I03', value: 'NUMZrFtCF2sP8pu0jGYU44I03' },
  { situation: 'a Twilio auth token is in an env file', detector: twilioAuthToken, text: `TWILIO_AUTH_TOKEN=${HEX32}`, value: HEX32 },
  { situation: 'an Okta API token is in JSON', detector: oktaApiToken, text: '"oktaApiToken": "00IEY9JMz9klXo4EKVwwMWTCn_J3gjwd_rXoI4VG5F",', value: '00IEY9JMz9klXo4EKVwwMWTCn_J3gjwd_rXoI4VG5F' },
  { situation: 'a legacy Jira token is in an env file', detector: atlassianApiToken, text: 'JIRA_API_TOKEN=ovL3qIKtZfBaAIupifjjluWU', value: 'ovL3qIKtZfBaAIupifjjluWU' },
  { situation: 'a Notion token is in code', detector: notionToken, text: 'notion = Client(auth="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")', value: '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' },
  { situation: 'a Linear key is in an env file', detector: linearApiKey, text: 'LINEAR_API_KEY=lin_api_Rl8BZtHUsg8A9LopJ0pQPSl9auQU3w9RTmJBQI3X', value: 'lin_api_Rl8BZtHUsg8A9LopJ0pQPSl9auQU3w9RTmJBQI3X' },
  { situation: 'a Figma token is in an env file', detector: figmaToken, text: 'FIGMA_TOKEN=figd_Rl8BZtHUsg8A9LopJ0pQPSl9auQU3w9RTmJBQI3X', value: 'figd_Rl8BZtHUsg8A9LopJ0pQPSl9auQU3w9RTmJBQI3X' },
  { situation: 'a HubSpot private-app token is in code', detector: hubspotToken, text: `hubspot.Client.create(access_token="pat-na1-${UUID}")`, value: `pat-na1-${UUID}` },
  { situation: 'a 1Password service-account token is exported', detector: onepasswordSecret, text: `export OP_SERVICE_ACCOUNT_TOKEN=${OPS}`, value: OPS },
  { situation: 'a 1Password Secret Key is in a note', detector: onepasswordSecret, text: 'Secret Key: A3-Q7WKZP-D4M2XR-8HC3T-R8N2V-6JYB4-K1Q9E', value: 'A3-Q7WKZP-D4M2XR-8HC3T-R8N2V-6JYB4-K1Q9E' },
  { situation: 'a Facebook page token is in YAML', detector: facebookAccessToken, text: 'FACEBOOK_TOKEN: "EAAu6rxJROYhqIeF3B6UBJSxWt3eH3TIwGggHCYnYGWR1GRod5Iab7xI7v7qzIS7nf5V2eMGT7jUrU5VbqsYMbURWAsdZDiSENCvdZAShwTxAkZg0rdwJnyTzTu"', value: 'EAAu6rxJROYhqIeF3B6UBJSxWt3eH3TIwGggHCYnYGWR1GRod5Iab7xI7v7qzIS7nf5V2eMGT7jUrU5VbqsYMbURWAsdZDiSENCvdZAShwTxAkZg0rdwJnyTzTu' },
  { situation: 'a Facebook app token follows the word facebook', detector: facebookAccessToken, text: 'facebook app token 1230984756123456|0bJSM-87_Vhz1trvlkOrmRoFwXP', value: '1230984756123456|0bJSM-87_Vhz1trvlkOrmRoFwXP' },
  { situation: 'a Facebook app secret is in config', detector: facebookAppSecret, text: `facebook_app_secret = "${HEX32}"`, value: HEX32 },
  { situation: 'a Cloudflare API token is in an env file', detector: cloudflareApiToken, text: 'CLOUDFLARE_API_TOKEN=YvcM5FSq8cWm95VjLqebYZ0ZBes1Jm8NoxklhTvD', value: 'YvcM5FSq8cWm95VjLqebYZ0ZBes1Jm8NoxklhTvD' },
  { situation: 'a Cloudflare Global API key is in YAML', detector: cloudflareApiToken, text: 'cloudflare_global_api_key: 787c73a02b30225961b494fb1f73fd6740c75', value: '787c73a02b30225961b494fb1f73fd6740c75' },
  { situation: 'a new-format Cloudflare account token is in code', detector: cloudflareApiToken, text: 'token = "cfat_gSW59xB6gnX41uPOuVsZAT2QdjLjxrjPC0JOu7FXKCmSYG62"', value: 'cfat_gSW59xB6gnX41uPOuVsZAT2QdjLjxrjPC0JOu7FXKCmSYG62' },
  { situation: 'a Cloudflare Origin CA key is in config', detector: cloudflareOriginCaKey, text: `origin_ca_key = "${ORIGIN_CA}"`, value: ORIGIN_CA },
  { situation: 'a Shopify token is in code', detector: shopifyToken, text: 'X-Shopify-Access-Token: shpat_WuYTi8Pd2ooQe1lcj93cyevT15bHUXht', value: 'shpat_WuYTi8Pd2ooQe1lcj93cyevT15bHUXht' },
  { situation: 'a ClickHouse secret is in code', detector: clickhouseApiSecret, text: 'secret = "4b1dAYIZrqsbgtlzWkTHnfM2swPLWqKZ0eSHvBuNri"', value: '4b1dAYIZrqsbgtlzWkTHnfM2swPLWqKZ0eSHvBuNri' },
  { situation: 'a Sumo Logic access key is in an env file', detector: sumologicAccessKey, text: 'SUMOLOGIC_ACCESSKEY=56GCQdGl60NLzwMuUbcz62bUAqlb7i0k6FLeeI2OcREqUaIyNPvrThWdm6Jh8U0k', value: '56GCQdGl60NLzwMuUbcz62bUAqlb7i0k6FLeeI2OcREqUaIyNPvrThWdm6Jh8U0k' },
  { situation: 'a MaxMind license key is in config', detector: maxmindLicenseKey, text: 'license_key: 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', value: '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' },
  { situation: 'an Infracost token is in CI', detector: infracostToken, text: 'INFRACOST_API_KEY=ico-Avedk1ewLqq08rRKOa4sQeezBj63857V', value: 'ico-Avedk1ewLqq08rRKOa4sQeezBj63857V' },
  { situation: 'an OpenShift token is on a command line', detector: openshiftToken, text: 'oc login --token=sha256~E1-1HowN7AWkYqqYVmg90KFLXD1twcJwFdAF2h6fmpm', value: 'sha256~E1-1HowN7AWkYqqYVmg90KFLXD1twcJwFdAF2h6fmpm' },
  { situation: 'a 42 client secret is in an env file', detector: intra42ClientSecret, text: 'FT_SECRET=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', value: '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' },
];

const NOT_REPORTED: Array<{ situation: string; detector: Detector; text: string }> = [
  { situation: 'a Stripe key is publishable', detector: stripeKey, text: 'pk_live_KtgRL7CaMiwJ79EQXfsbe3HOJQCBWZ' },
  { situation: 'a Stripe key is glued to a word', detector: stripeKey, text: `foo${STRIPE}` },
  { situation: 'EAAA starts a hex digest', detector: squareToken, text: 'alpine@sha256:eaaa521043bbd25743adaa7f4bd085679ceedf18f953247df8e14b8c1accaf34' },
  { situation: 'SendGrid key is missing its secret part', detector: sendgridApiKey, text: 'SG.HUcKf5HX5Ru160gb9hHIue.' },
  { situation: 'an Okta-looking key is in a word', detector: oktaApiToken, text: 'bookTable = 00IEY9JMz9klXo4EKVwwMWTCn_J3gjwd_rXoI4VG5F' },
  { situation: 'an Okta token is all zeros', detector: oktaApiToken, text: `oktaToken = 00${'0'.repeat(34)}ABCDEF` },
  { situation: 'a Notion token has one digit too few', detector: notionToken, text: 'ntn_5829301746YzHWwuxxMy5AIcttITaJHsFQjov86zal48A' },
  { situation: 'a 1Password token is cut short', detector: onepasswordSecret, text: 'export OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ0eXAiOiJzdmMiLCJ1cmwiOiJodHRw...' },
  { situation: 'a 1Password Secret Key is masked', detector: onepasswordSecret, text: 'A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX' },
  { situation: 'eaa starts a lockfile checksum', detector: facebookAccessToken, text: 'checksum: eaac1f51dcb0bdd4714ea6d3163666f574355235536007a74032ab403c20aef6777c7591f7807b275cb7c8005fd25551' },
  { situation: 'a Facebook setting is not a secret', detector: facebookAppSecret, text: `facebook_pixel_id = "${HEX32}"` },
  { situation: 'a Sumo Logic-looking name is another word', detector: sumologicAccessKey, text: 'sumObj = suisH5GpKHF3d0' },
  { situation: 'a Sumo Logic key is a template', detector: sumologicAccessKey, text: 'SUMO_ACCESS_KEY=${SUMO_ACCESS_KEY:=$2}' },
  { situation: 'a ClickHouse prefix is inside a longer token', detector: clickhouseApiSecret, text: 'key = xyz4b1dAYIZrqsbgtlzWkTHnfM2swPLWqKZ0eSHvBuNri' },
  { situation: 'ico- ends a file name', detector: infracostToken, text: 'favicon_set.ico-Avedk1ewLqq08rRKOa4sQeezBj63857V.png' },
  { situation: 'an OpenShift token is a placeholder', detector: openshiftToken, text: 'token="sha256~XXXXXXXXXXXXXX_INSERT_TOKEN_XXXXXXXXXXXXXXXX"' },
];

describeCases(REPORTED, NOT_REPORTED);
