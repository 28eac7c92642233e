// CIS Docker 1.6 §4.7 and §4.9, read from an image's build history (oldest first): a package index update cached in
// a layer of its own, and ADD, which fetches URLs and unpacks archives where COPY only copies.
//
// History `created_by` forms (legacy builder, then BuildKit):
//   /bin/sh -c #(nop)  ADD file:<hash> in /          a non-RUN instruction
//   |2 ARG1=v ARG2=v /bin/sh -c apt-get update       RUN, with build args (values never shown)
//   RUN /bin/sh -c apt-get update # buildkit         RUN
//   ADD https://example.com/a.tgz /opt # buildkit    another instruction
import type { Image } from '../../core/inventory/image.js';
import { defineCheck } from './define-check.js';
import { cannotTell, countOf, eachImage, fail, type Judgement, pass } from './judge.js';

export interface HistoryInstruction {
  /** Upper-case Dockerfile keyword: RUN, ADD, COPY, ENV… */
  keyword: string;
  /** The rest of the instruction; for RUN, the shell command without build-arg assignments. */
  body: string;
}

const BUILD_ARGS = /^\|\d+\s+(?:\S+=\S*\s+)*/;

export function parseHistoryInstruction(createdBy: string): HistoryInstruction | undefined {
  const text = createdBy.trim().replace(/\s+# buildkit$/, '');
  if (text === '') return undefined;
  const nop = /^\/bin\/sh -c #\(nop\)\s*(\S+)\s*(.*)$/s.exec(text);
  if (nop?.[1]) return { keyword: nop[1].toUpperCase(), body: nop[2] ?? '' };
  const legacyRun = /^\/bin\/sh -c\s+(.*)$/s.exec(text.replace(BUILD_ARGS, ''));
  if (legacyRun) return { keyword: 'RUN', body: legacyRun[1] ?? '' };
  const buildkit = /^([A-Z]+)\s+(.*)$/s.exec(text);
  if (!buildkit?.[1]) return undefined;
  const body = buildkit[2] ?? '';
  if (buildkit[1] !== 'RUN') return { keyword: buildkit[1], body };
  return { keyword: 'RUN', body: body.replace(BUILD_ARGS, '').replace(/^\/bin\/sh -c\s+/, '') };
}

/** Index refreshes whose result is only useful to an install in the same RUN. */
const INDEX_UPDATE =
  /\b(?:apt-get|apt|apk)\s+(?:-\S+\s+)*update\b|\b(?:yum|dnf|microdnf)\s+(?:-\S+\s+)*makecache\b|\bzypper\s+(?:-\S+\s+)*(?:refresh|ref)\b/;
const INSTALL =
  /\b(?:apt-get|apt|yum|dnf|microdnf|zypper)\s+(?:-\S+\s+)*(?:install|upgrade|dist-upgrade|in)\b|\bapk\s+(?:-\S+\s+)*(?:add|upgrade)\b/;

function judgeUpdates(image: Image): Judgement {
  if (image.history.length === 0) return cannotTell('image history not available');
  const alone = image.history
    .map((entry) => parseHistoryInstruction(entry.createdBy))
    .filter(
      (i): i is HistoryInstruction =>
        i?.keyword === 'RUN' && INDEX_UPDATE.test(i.body) && !INSTALL.test(i.body),
    )
    .map((i) => INDEX_UPDATE.exec(i.body)?.[0] ?? 'update');
  if (alone.length > 0) {
    return fail(`history: RUN ${alone.join('; RUN ')} without an install in the same instruction`);
  }
  return pass(
    `no package index update alone in ${countOf(image.history.length, 'history entry', 'history entries')}`,
  );
}

/** `ADD https://user:pw@host/x?token=…` shows as `https://host/x`: history can carry credentials. */
function redactSource(source: string): string {
  try {
    const url = new URL(source);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return `${url.protocol}//${url.host}${url.pathname}`;
    }
  } catch {
    // Not a URL: a local path or file:<hash>.
  }
  return source;
}

function describeAdd(body: string): string {
  const parts = body.split(/\s+/).filter((p) => p !== '' && !p.startsWith('--'));
  const legacy = /^(\S+)\s+in\s+(\S+)/.exec(body.trim());
  const source = legacy?.[1] ?? parts[0] ?? '?';
  const destination = legacy?.[2] ?? parts[parts.length - 1] ?? '?';
  return `ADD ${redactSource(source)} → ${destination}`;
}

/** The oldest layer of most images is the base distribution's rootfs tarball, which only ADD can unpack. */
function isBaseRootfs(instruction: HistoryInstruction, index: number): boolean {
  return index === 0 && /^file:[0-9a-f]+\s+in\s+\/\s*$/.test(instruction.body.trim());
}

function judgeAdds(image: Image): Judgement {
  if (image.history.length === 0) return cannotTell('image history not available');
  const adds = image.history
    .map((entry, index) => ({ instruction: parseHistoryInstruction(entry.createdBy), index }))
    .filter(({ instruction, index }) => instruction?.keyword === 'ADD' && !isBaseRootfs(instruction, index))
    .map(({ instruction }) => describeAdd(instruction?.body ?? ''));
  if (adds.length > 0) return fail(`history: ${adds.join('; ')}`);
  return pass(
    `no ADD instruction in ${countOf(image.history.length, 'history entry', 'history entries')} (base rootfs excepted)`,
  );
}

export const imageUpdateAlone = defineCheck(
  {
    cisId: '4.7',
    checkId: 'image-build-hygiene',
    title: 'Ensure update instructions are not used alone in the Dockerfile',
    scope: 'image',
    severity: 'low',
    automation: 'automated',
    remediation:
      'Run the package index update and the install in one RUN (apt-get update && apt-get install …).',
  },
  eachImage(judgeUpdates),
);

export const imageCopyNotAdd = defineCheck(
  {
    cisId: '4.9',
    checkId: 'image-build-hygiene',
    title: 'Ensure that COPY is used instead of ADD in Dockerfiles',
    scope: 'image',
    severity: 'low',
    automation: 'automated',
    remediation: 'Replace ADD with COPY; fetch remote files with a verified download in a RUN step instead.',
  },
  eachImage(judgeAdds),
);
