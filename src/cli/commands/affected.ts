// `coastguard affected ID`: which images and containers carry an advisory, and what must be rebuilt on what.
import type { Command } from 'commander';
import { resolveHome } from '../../pipeline/home.js';
import { toTerminalText } from '../../report/table/terminal-text.js';
import { parseChoice } from '../options.js';
import { writeOutput } from '../output.js';

const FORMATS = ['table', 'json'] as const;

export function registerAffected(program: Command): void {
  program
    .command('affected <id>')
    .description(
      'which images in the engine and which containers carry an advisory (its id or any alias, e.g. a CVE)',
    )
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, parseChoice(FORMATS), 'table')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .action(async (id: string, flags: { format: (typeof FORMATS)[number]; output?: string }) => {
      const { findAffected } = await import('../../pipeline/affected.js');
      const isTerminal = process.stderr.isTTY === true;
      const report = await findAffected({
        id,
        home: resolveHome(),
        onProgress: (line) => {
          if (isTerminal) process.stderr.write(`\r\x1b[2K${line}`);
        },
      });
      if (isTerminal) process.stderr.write('\r\x1b[2K');
      // Tags, names and versions come from the engine and the images: made safe for a terminal.
      const t = toTerminalText;
      const text =
        flags.format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : [
              `${report.advisory.ids.join(', ')}: ${report.images.length} image(s), ${report.containers.length} container(s)`,
              ...report.images.map(
                (i) =>
                  `  image ${t(i.refs.join(', ')) || i.digest.slice(7, 19)}  fix from: ${i.fixedBy}  ` +
                  i.packages
                    .map((p) => `${p.name} ${p.version} → ${p.fixedVersion ?? 'no fix yet'}`)
                    .join('; '),
              ),
              ...report.containers.map((c) => t(`  container ${c.name} (${c.state}) runs ${c.image}`)),
              '',
            ].join('\n');
      await writeOutput(flags.output, async (out) => {
        await new Promise<void>((ok, fail) => out.write(text, (err) => (err ? fail(err) : ok())));
      });
    });
}
