// Source-hosting tokens: GitHub (classic, fine-grained, app and OAuth tokens)
// and GitLab (personal, project, deploy, runner, CI and other prefixed tokens).
import type { Detector } from '../detector.js';
import { isRepetitive } from './entropy.js';
import { tokenDetector } from './grammar.js';

/**
 * GitHub tokens ("Behind GitHub's new authentication token formats", GitHub blog,
 * 2021): `ghp_` personal, `gho_` OAuth, `ghu_` user-to-server, `ghs_`
 * server-to-server, `ghr_` refresh, each with 36 base62 characters;
 * `github_pat_` fine-grained tokens (22 + `_` + 59); and installation tokens
 * issued as `ghs_<id>_<JWT>`.
 */
export const githubToken: Detector = tokenDetector({
  id: 'github_token',
  description: 'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)',
  validation: 'type prefix and fixed length (36 base62, or 22_59 for fine-grained)',
  anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  token:
    'gh[pousr]_[A-Za-z0-9]{36}|ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_\\-]{8,2048}\\.[A-Za-z0-9_\\-]{8,4096}\\.[A-Za-z0-9_\\-]{8,2048}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}',
  validate: (value) => !isRepetitive(value.slice(4)),
  example: 'ghp_' + 'R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0mN2pQ4r',
});

/**
 * GitLab tokens ("Token overview", GitLab docs): `glpat-` personal/project/group,
 * `gldt-` deploy, `glrt-` runner, `glptt-` pipeline trigger, `glcbt-` CI job,
 * `gloas-` OAuth secret, `glimt-` incoming mail, `glagent-` agent, `glffct-`
 * feature flags, `glsoat-` SCIM, `glft-` feed, `glwt-` workspace; 20+ characters,
 * routable tokens with a `.xx.yyyyyyy` tail; and `GR1348941` runner registration.
 */
export const gitlabToken: Detector = tokenDetector({
  id: 'gitlab_token',
  description: 'GitLab token (glpat-, glrt-, gldt-, glptt-, glcbt-, GR1348941…)',
  validation: 'GitLab token prefix and at least 20 token characters',
  anchors: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'gloas-', 'glimt-', 'glagent-', 'glffct-', 'glsoat-', 'glft-', 'glwt-', 'gr1348941'],
  token:
    '(?:glpat|gldt|glrt|glptt|glcbt|gloas|glimt|glagent|glffct|glsoat|glft|glwt)-[A-Za-z0-9_\\-]{20,300}(?:\\.[0-9a-z]{2}\\.?[0-9a-z]{7})?|GR1348941[A-Za-z0-9_\\-]{20}',
  validate: (value) => !isRepetitive(value.slice(value.indexOf('-') + 1 || 9)),
  example: 'glpat-' + 'Kq7vN2xR9mT4wL8pZ3sY',
});

export const VCS_DETECTORS: readonly Detector[] = [githubToken, gitlabToken];
