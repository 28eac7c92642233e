// CIS Docker 1.6 §4.10: secrets in ENV, ARG or files end up readable in the image by anyone who can pull it. Only
// variable names are ever looked at (values are not collected); names that suggest a secret are listed for review.
import type { Image } from '../../core/inventory/image.js';
import { defineCheck } from './define-check.js';
import { parseHistoryInstruction } from './image-history.js';
import { eachImage, manual } from './judge.js';

const SECRET_NAME = /pass(?:word|wd)?|secret|token|api_?key|private_?key|access_?key|credential|auth/i;

/** Names set by ENV/ARG in the build history: `ENV A=1 B=2`, `ENV A 1`, `ARG A`, `ARG A=default`. */
function historyVariableNames(image: Image): string[] {
  return image.history.flatMap((entry) => {
    const instruction = parseHistoryInstruction(entry.createdBy);
    if (instruction?.keyword !== 'ENV' && instruction?.keyword !== 'ARG') return [];
    const assignments = [...instruction.body.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=/g)].map(
      (m) => m[1] ?? '',
    );
    if (assignments.length > 0) return assignments;
    const single = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(instruction.body.trim())?.[1];
    return single ? [single] : [];
  });
}

export const imageSecrets = defineCheck(
  {
    cisId: '4.10',
    checkId: 'image-secrets-embedded',
    title: 'Ensure secrets are not stored in Dockerfiles',
    scope: 'image',
    severity: 'critical',
    automation: 'manual',
    remediation:
      'Pass secrets at runtime (secret mounts, a secrets manager) or with BuildKit --secret, never ENV/ARG/COPY.',
  },
  eachImage((image) => {
    const names = [...new Set([...image.envNames, ...historyVariableNames(image)])].filter((n) =>
      SECRET_NAME.test(n),
    );
    if (names.length > 0) {
      return manual(`variables named like secrets: ${names.join(', ')}: confirm none carries a secret value`);
    }
    return manual(
      'no secret-like variable names in Config.Env or the build history: review the Dockerfile and files',
    );
  }),
);
