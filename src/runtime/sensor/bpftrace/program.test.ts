import { describe, expect, it } from 'vitest';
import { generateProgram } from './index.js';

/** The probe headers of a program, in order. */
function probes(program: string): string[] {
  return program
    .split('\n')
    .filter((l) => /^(tracepoint:|BEGIN|END)/.test(l))
    .map((l) => l.replace(/,$/, '').split(' ')[0] as string);
}

describe('generateProgram', () => {
  it('always traces exec, fork and exit, and nothing else when no other event type is wanted', () => {
    const program = generateProgram({ eventTypes: [] });
    expect(probes(program)).toEqual([
      'BEGIN',
      'tracepoint:sched:sched_process_exec',
      'tracepoint:sched:sched_process_fork',
      'tracepoint:sched:sched_process_exit',
      'END',
    ]);
    expect(program).not.toMatch(/kprobe|kfunc/);
    // The container id is read in the kernel at the event: the cgroup-v2 leaf name.
    expect(program).toContain('$t->cgroups->dfl_cgrp->kn');
  });

  it('attaches only the syscalls of the wanted event types', () => {
    const program = generateProgram({ eventTypes: ['connect', 'ptrace'] });
    expect(probes(program).filter((p) => p.includes('syscalls'))).toEqual([
      'tracepoint:syscalls:sys_enter_connect',
      'tracepoint:syscalls:sys_exit_connect',
      'tracepoint:syscalls:sys_enter_ptrace',
      'tracepoint:syscalls:sys_exit_ptrace',
    ]);
    expect(program).toContain('clear(@cptr);');
    expect(program).not.toContain('@oflags');
  });

  it('leaves out syscalls whose tracepoints this kernel lacks', () => {
    const tracepoints = new Set(['sys_enter_dup2', 'sys_exit_dup2', 'sys_enter_dup3']);
    const program = generateProgram({ eventTypes: ['dup', 'init_module'], tracepoints });
    expect(probes(program).filter((p) => p.includes('syscalls'))).toEqual([
      'tracepoint:syscalls:sys_enter_dup2',
      'tracepoint:syscalls:sys_exit_dup2',
    ]);
  });

  it('reports writes and the watched read paths, two paths per BPF program, cut to 16 bytes', () => {
    const program = generateProgram({
      eventTypes: ['open'],
      readPrefixes: ['/etc/shadow', '/etc/security/opasswd', '/root/.ssh'],
      tracepoints: new Set(['sys_enter_openat', 'sys_exit_openat']),
    });
    const exits = program.split('\n').filter((l) => l === 'tracepoint:syscalls:sys_exit_openat');
    // Two filtering programs and one that clears the per-thread state.
    expect(exits).toHaveLength(3);
    expect(program).toContain('(@oflags[tid] & 0x243) != 0');
    expect(program).toContain('strncmp($path, "/etc/security/op", 16) == 0');
    expect(program).toContain('!((@oflags[tid] & 0x243) != 0) && (strncmp($path, "/root/.ssh", 10) == 0)');
  });

  it('excludes the given pids from every entry probe', () => {
    const program = generateProgram({ eventTypes: ['setuid'], excludePids: [4242] });
    expect(program).toContain('tracepoint:sched:sched_process_exec\n/pid != 4242/');
    expect(program).toContain('tracepoint:syscalls:sys_enter_setuid\n/pid != 4242/');
  });

  it('refuses a read path that cannot be written as a bpftrace string', () => {
    expect(() => generateProgram({ eventTypes: ['open'], readPrefixes: ['/etc/"x'] })).toThrow(/printable/);
    expect(() => generateProgram({ eventTypes: [], excludePids: [-1] })).toThrow(/bad pid/);
  });

  it('is deterministic', () => {
    const options = { eventTypes: ['open', 'exec', 'dup'] as const };
    expect(generateProgram(options)).toBe(generateProgram(options));
  });
});
