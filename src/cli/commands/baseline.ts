// `coastguard baseline show [IMAGE]`: what the agent learnt each image does (processes, connections, files
// written), to review before its deviations alert.
import type { Command } from 'commander';
import { CoastguardError } from '../../core/errors.js';
import type { ImageBaseline } from '../../core/runtime/runtime-repository.js';
import { resolveHome } from '../../pipeline/home.js';
import { formatColumns } from '../columns.js';
import { parseChoice } from '../options.js';

function learning(baseline: ImageBaseline, now: number): string {
  return Date.parse(baseline.learnUntil) > now
    ? `learning until ${baseline.learnUntil.slice(0, 19)}`
    : 'learnt';
}

function countOf(baseline: ImageBaseline, kind: string): string {
  return String(baseline.items.filter((i) => i.kind === kind).length);
}

/** The items of each baseline when one image was asked for; otherwise one summary row per image. */
export function formatBaselines(
  baselines: readonly ImageBaseline[],
  isDetailed: boolean,
  now = Date.now(),
): string {
  if (isDetailed) return baselines.map((b) => formatBaselineItems(b, now)).join('\n\n');
  const rows = baselines.map((b) => [
    b.imageName ?? '-',
    b.image.slice(0, 19),
    learning(b, now),
    countOf(b, 'process'),
    countOf(b, 'connection'),
    countOf(b, 'write'),
  ]);
  return formatColumns(['IMAGE', 'ID', 'STATE', 'PROCESSES', 'CONNECTIONS', 'WRITES'], rows);
}

function formatBaselineItems(b: ImageBaseline, now: number): string {
  const head = `${b.imageName ?? b.image} (${b.image}): ${learning(b, now)}, since ${b.learnStartedAt.slice(0, 19)}`;
  const rows = b.items.map((i) => [i.kind, i.value, i.firstSeen.slice(0, 19)]);
  return `${head}\n${formatColumns(['KIND', 'VALUE', 'FIRST SEEN'], rows)}`;
}

export function registerBaseline(program: Command): void {
  const baseline = program.command('baseline').description("the agent's per-image behaviour baselines");
  baseline
    .command('show')
    .argument('[image]', 'an image id or reference; all images when left out')
    .description('show what each image was seen doing while its baseline was learnt')
    .option('--format <format>', 'table or json', parseChoice(['table', 'json'] as const), 'table')
    .action(async (image: string | undefined, flags: { format: 'table' | 'json' }) => {
      const { openStore } = await import('../../store/index.js');
      const store = await openStore({ home: resolveHome() });
      try {
        const baselines = await store.runtime.listBaselines(image);
        if (image !== undefined && baselines.length === 0) {
          throw new CoastguardError(
            'BAD_INPUT',
            `No baseline for image ${image} (see coastguard baseline show).`,
          );
        }
        process.stdout.write(
          flags.format === 'json'
            ? `${JSON.stringify(baselines, null, 2)}\n`
            : `${formatBaselines(baselines, image !== undefined)}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
