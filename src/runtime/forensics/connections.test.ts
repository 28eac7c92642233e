import { describe, expect, it } from 'vitest';
import { decodeAddress, parseSocketTable } from './connections.js';

describe('socket tables', () => {
  it.each`
    field                                      | address
    ${'0100007F:1F90'}                         | ${'127.0.0.1:8080'}
    ${'00000000:0000'}                         | ${'0.0.0.0:0'}
    ${'0200A8C0:C350'}                         | ${'192.168.0.2:50000'}
    ${'00000000000000000000000001000000:0016'} | ${'[::1]:22'}
    ${'00000000000000000000000000000000:0050'} | ${'[::]:80'}
    ${'B80D0120000000000000000001000000:01BB'} | ${'[2001:db8::1]:443'}
    ${'nothex:0016'}                           | ${undefined}
    ${'0100007F'}                              | ${undefined}
    ${'01007F:0016'}                           | ${undefined}
  `('decodes $field', ({ field, address }) => {
    expect(decodeAddress(field)).toBe(address);
  });

  it('parses a table, skipping the header and malformed lines', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0 100 0 0 10 0',
      '   1: 0200A8C0:C350 0100A8C0:0016 01 00000000:00000000 00:00000000 00000000  1000        0 12346 1 0 20 4 30 10 -1',
      '   2: garbage',
    ].join('\n');
    expect(parseSocketTable('tcp', text)).toEqual([
      {
        protocol: 'tcp',
        local: '127.0.0.1:8080',
        remote: '0.0.0.0:0',
        state: 'LISTEN',
        inode: 12345,
        uid: 0,
        pids: [],
      },
      {
        protocol: 'tcp',
        local: '192.168.0.2:50000',
        remote: '192.168.0.1:22',
        state: 'ESTABLISHED',
        inode: 12346,
        uid: 1000,
        pids: [],
      },
    ]);
  });
});
