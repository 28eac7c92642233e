// Response through the built CLI on the real engine: `coastguard respond` runs a runbook from coastguard.yaml by
// hand (dry run changes nothing; live pauses), and `coastguard agent --config` runs one when a rule fires, each
// step in the audit trail.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, makeHome, requireBuiltCli, runCli } from '../support/cli.js';
import { buildBusyboxImage, ensureEngine, removeTestObjects } from '../support/engine.js';

const run = promisify(execFile);
const PREFIX = 'cgtest-respond-';
const env = { ...process.env, DOCKER_API_VERSION: '1.41' };

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { env, timeout: 30_000 });
  return stdout.trim();
}

async function isPaused(name: string): Promise<boolean> {
  return (await docker('inspect', '-f', '{{.State.Paused}}', name)) === 'true';
}

async function startContainer(name: string): Promise<string> {
  const image = await buildBusyboxImage(`${PREFIX}busybox:1`);
  return docker('run', '-d', '--name', `${PREFIX}${name}`, '--network', 'none', image, 'sleep', '3600');
}

const RUNBOOKS = [
  'runbooks:',
  '  list:',
  '    - name: look',
  '      when: { rules: [Shell started in container] }',
  '      steps: [{ action: pause }]',
  '    - name: freeze',
  '      when: { rules: [Shell started in container] }',
  '      dryRun: false',
  '      cooldownSeconds: 0',
  '      steps: [{ action: pause }]',
].join('\n');

async function auditActions(home: string): Promise<{ action: string; subject: string; actor: string }[]> {
  const shown = await runCli(['audit', 'show', '--format', 'json'], { COASTGUARD_HOME: home });
  expect(shown.code, shown.stderr).toBe(0);
  return JSON.parse(shown.stdout) as { action: string; subject: string; actor: string }[];
}

describe('coastguard respond and the agent running runbooks', () => {
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    requireBuiltCli();
    await ensureEngine();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await removeTestObjects(PREFIX);
  });

  it('runs a runbook by hand: the dry run changes nothing, the live one pauses, both in the audit trail', async () => {
    const home = await makeHome();
    await writeFile(join(home, 'coastguard.yaml'), RUNBOOKS);
    const id = await startContainer('manual');
    const name = `${PREFIX}manual`;

    const dry = await runCli(['respond', '--container', name, '--runbook', 'look', '--reason', 'drill'], {
      COASTGUARD_HOME: home,
    });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/runbook look ran on cgtest-respond-manual\n {2}pause \(dry run\): would-do/);
    expect(await isPaused(name)).toBe(false);

    const live = await runCli(['respond', '--container', name, '--runbook', 'freeze'], {
      COASTGUARD_HOME: home,
    });
    expect(live.code, live.stderr).toBe(0);
    expect(live.stdout).toMatch(/pause: done/);
    expect(await isPaused(name)).toBe(true);

    const entries = (await auditActions(home)).filter((e) => e.action === 'response.pause');
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.subject === `container:${id}` && e.actor !== 'agent')).toBe(true);
    await docker('unpause', name);
  });

  it('names what is missing: an unknown runbook, an unknown container, no runbooks at all', async () => {
    const home = await makeHome();
    const none = await runCli(['respond', '--container', 'x', '--runbook', 'freeze'], {
      COASTGUARD_HOME: home,
    });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No runbooks are configured/);

    await writeFile(join(home, 'coastguard.yaml'), RUNBOOKS);
    const unknown = await runCli(['respond', '--container', 'x', '--runbook', 'melt'], {
      COASTGUARD_HOME: home,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No runbook named melt \(configured: look, freeze\)/);

    const missing = await runCli(['respond', '--container', `${PREFIX}nope`, '--runbook', 'freeze'], {
      COASTGUARD_HOME: home,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No container cgtest-respond-nope/);

    await writeFile(join(home, 'coastguard.yaml'), `${RUNBOOKS}\n      bogus: 1\n`);
    const bad = await runCli(['agent', '--sensor', 'proc-scan'], { COASTGUARD_HOME: home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/coastguard\.yaml:\d+:\d+: runbooks\.list\.1.*bogus/);
  });

  it('the agent pauses a container when its runbook fires, and records the response', async () => {
    const home = await makeHome();
    await writeFile(
      join(home, 'coastguard.yaml'),
      RUNBOOKS.replace(
        '    - name: look\n      when: { rules: [Shell started in container] }\n      steps: [{ action: pause }]\n',
        '',
      ),
    );
    const id = await startContainer('agent');
    const name = `${PREFIX}agent`;
    const agent = spawn(process.execPath, [CLI, 'agent', '--output', join(home, 'alerts.jsonl')], {
      env: { ...env, COASTGUARD_HOME: home },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(agent);
    let stderr = '';
    agent.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    for (let i = 0; i < 100 && !stderr.includes('watching'); i += 1)
      await new Promise((r) => setTimeout(r, 200));
    expect(stderr).toContain('watching');

    await docker('exec', name, 'sh', '-c', 'echo hello');
    for (let i = 0; i < 50 && !(await isPaused(name)); i += 1) await new Promise((r) => setTimeout(r, 200));
    expect(await isPaused(name), stderr).toBe(true);

    agent.kill('SIGTERM');
    await new Promise((done) => agent.once('exit', done));
    expect(stderr).toMatch(/runbook freeze ran on cgtest-respond-agent \[pause done\]/);
    const entries = await auditActions(home);
    expect(entries.some((e) => e.action === 'runtime.alert' && e.subject === `container:${id}`)).toBe(true);
    expect(entries.some((e) => e.action === 'response.pause' && e.actor === 'agent')).toBe(true);
    await docker('unpause', name);
  });
});
