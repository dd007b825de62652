// GitHub and GitLab token formats, and the masked or malformed look-alikes.
import type { Detector } from '../detector.js';
import { githubToken, gitlabToken } from './vcs.js';
import { describeCases } from './support.case.js';

const GH = 'tYG9CLE87nM6q4fAykZBB4AZUCA41y44e7fb';
const FINE = 'github_pat_' + '11ABCDE2F0g7HqK3mZr9Xw' + '_' + '1XgXITiGoAJFYMFnYdBlShHPLB61pD4ZwyLgobXGZ3r2jScDD2eZBvz3eqz';
const GL = 'L2BCKi958X8Km9M0uF6F';

const REPORTED: Array<{ situation: string; detector: Detector; text: string; value: string }> = [
  ...['ghp', 'gho', 'ghu', 'ghs', 'ghr'].map((p) => ({ situation: `a ${p}_ token is in a workflow`, detector: githubToken, text: `GH_TOKEN: ${p}_${GH}`, value: `${p}_${GH}` })),
  { situation: 'a fine-grained PAT is in a script', detector: githubToken, text: `git clone https://x:${FINE}@github.com/o/r`, value: FINE },
  { situation: 'a glpat- token is in CI variables', detector: gitlabToken, text: `GITLAB_TOKEN="glpat-${GL}"`, value: `glpat-${GL}` },
  { situation: 'a routable runner token is in config', detector: gitlabToken, text: `token = "glrt-t1_${GL}Xy7.011b2c3d4"`, value: `glrt-t1_${GL}Xy7.011b2c3d4` },
  { situation: 'a runner registration token is in a script', detector: gitlabToken, text: `--registration-token GR1348941${GL}`, value: `GR1348941${GL}` },
];

const NOT_REPORTED: Array<{ situation: string; detector: Detector; text: string }> = [
  { situation: 'a GitHub token is masked', detector: githubToken, text: 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
  { situation: 'a GitHub prefix has the wrong letter', detector: githubToken, text: `gha_${GH}` },
  { situation: 'a GitHub token is one character short', detector: githubToken, text: `ghp_${GH.slice(1)}` },
  { situation: 'a GitLab token is too short', detector: gitlabToken, text: 'glpat-abc' },
  { situation: 'a GitLab token is masked', detector: gitlabToken, text: 'glpat-XXXX-XXXX-XXXX-XXXX' },
  { situation: 'a runner registration token repeats', detector: gitlabToken, text: 'GR1348941' + '45'.repeat(10) },
];

describeCases(REPORTED, NOT_REPORTED);
