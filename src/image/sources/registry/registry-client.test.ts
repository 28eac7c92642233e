// The registry source against a hostile registry on loopback (a node http server answering what a real registry
// would not): bad JSON, oversize and mismatching manifests, schema 1, layer counts that disagree, redirects to
// another host, unsupported challenges, a token service answering nonsense. Each is a clear error naming the image.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistryImage } from '../registry.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const sha = (data: string | Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';

let handler: Handler = (_req, res) => res.writeHead(500).end();
const seen: { host: string; url: string; authorization: string | undefined }[] = [];
let server: Server;
let other: Server;
let host = '';
let otherHost = '';

function listen(s: Server): Promise<string> {
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(s.address() as { port: number }).port}`)),
  );
}

function json(res: ServerResponse, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': MANIFEST_V2, ...headers }).end(body);
}

/** A one-layer image whose config and layer the handler serves, the manifest from `manifest`. */
function image(manifest: (configDigest: string, layerDigest: string) => unknown) {
  const layer = Buffer.from('not a tar, never read: the open fails or succeeds before the walker');
  const config = JSON.stringify({ os: 'linux', rootfs: { type: 'layers', diff_ids: [sha(layer)] } });
  const body = JSON.stringify(manifest(sha(config), sha(layer)));
  const blobs = new Map([
    [sha(config), Buffer.from(config)],
    [sha(layer), layer],
  ]);
  return { body, blobs, config };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ host, url: req.url ?? '', authorization: req.headers.authorization });
    handler(req, res);
  });
  other = createServer((req, res) => {
    seen.push({ host: otherHost, url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(404).end();
  });
  host = await listen(server);
  otherHost = await listen(other);
});

afterAll(() => {
  server.close();
  other.close();
});

const open = (ref = `registry:${host}/app:1`, settings = {}) =>
  openRegistryImage(ref, { isPlainHttp: true, ...settings });

describe('registry source against a hostile registry', () => {
  it('opens a well-formed image and serves its layer bytes', async () => {
    const { body, blobs } = image((config, layer) => ({
      schemaVersion: 2,
      mediaType: MANIFEST_V2,
      config: { digest: config, size: 1 },
      layers: [{ digest: layer, size: 1 }],
    }));
    handler = (req, res) => {
      if (req.url === '/v2/app/manifests/1') return json(res, body);
      const blob = blobs.get(req.url?.split('/').pop() ?? '');
      if (blob) return res.writeHead(200).end(blob);
      res.writeHead(404).end();
    };
    const handle = await open();
    try {
      expect(handle.layers).toHaveLength(1);
      const chunks: Buffer[] = [];
      for await (const chunk of handle.layers[0]?.open() ?? []) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).toContain('not a tar');
    } finally {
      await handle.close();
    }
  });

  it('refuses a manifest that is not JSON, too large, or not what its digest header says', async () => {
    handler = (_req, res) => json(res, '{"schemaVersion": 2, "layers": [');
    await expect(open()).rejects.toThrow(`${host}/app:1: /v2/app/manifests/1 is not JSON`);

    handler = (_req, res) => json(res, `{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`);
    await expect(open()).rejects.toThrow(/app:1: \/v2\/app\/manifests\/1 is larger than 4194304 bytes/);

    const claimed = sha('something else');
    handler = (_req, res) => json(res, '{"schemaVersion":2}', { 'docker-content-digest': claimed });
    await expect(open()).rejects.toThrow(`does not match its digest ${claimed}`);
  });

  it('a manifest fetched by digest must have that digest', async () => {
    const wanted = sha('the manifest the user pinned');
    handler = (_req, res) => json(res, '{"schemaVersion":2,"config":{},"layers":[]}');
    await expect(open(`registry:${host}/app@${wanted}`)).rejects.toThrow(
      `${host}/app@${wanted}: /v2/app/manifests/${wanted} does not match its digest ${wanted}`,
    );
  });

  it('refuses schema 1, a config without a digest, and layer counts that disagree', async () => {
    handler = (_req, res) => json(res, JSON.stringify({ schemaVersion: 1, fsLayers: [] }));
    await expect(open()).rejects.toThrow(/schema 1 manifests are not read/);

    handler = (_req, res) =>
      json(res, JSON.stringify({ schemaVersion: 2, config: { digest: 'md5:x' }, layers: [] }));
    await expect(open()).rejects.toThrow('the config has no valid sha256 digest');

    const { body, blobs } = image((config, layer) => ({
      schemaVersion: 2,
      config: { digest: config },
      layers: [{ digest: layer }, { digest: layer }],
    }));
    handler = (req, res) => {
      if (req.url === '/v2/app/manifests/1') return json(res, body);
      res.writeHead(200).end(blobs.get(req.url?.split('/').pop() ?? ''));
    };
    await expect(open()).rejects.toThrow('the manifest lists 2 layers but the config 1');
  });

  it('an index without this platform is refused by name', async () => {
    handler = (_req, res) =>
      json(
        res,
        JSON.stringify({
          schemaVersion: 2,
          manifests: [{ digest: sha('x'), platform: { os: 'windows', architecture: 'amd64' } }],
        }),
      );
    await expect(open()).rejects.toThrow(/app:1: no image for linux\/\w+ in the index/);
  });

  it('credentials are not sent along a redirect to another host', async () => {
    seen.length = 0;
    handler = (req, res) => {
      if (!req.headers.authorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end();
        return;
      }
      res.writeHead(307, { location: `http://${otherHost}/elsewhere` }).end();
    };
    await expect(
      open(undefined, { credentials: { username: 'u', password: 'redirect-secret' } }),
    ).rejects.toThrow(`${host}/app:1: image not found in the registry`);
    expect(seen.find((s) => s.host === otherHost)).toMatchObject({
      url: '/elsewhere',
      authorization: undefined,
    });
    expect(seen.some((s) => s.host === host && s.authorization?.startsWith('Basic '))).toBe(true);
  });

  it('a redirect off loopback to plain HTTP is refused', async () => {
    handler = (_req, res) => res.writeHead(302, { location: 'http://cgtest-s3r.invalid/blob' }).end();
    await expect(open()).rejects.toThrow('refusing a redirect to http://cgtest-s3r.invalid');
  });

  it('unsupported challenges and token services answering nonsense are clear errors', async () => {
    handler = (_req, res) => res.writeHead(401, { 'www-authenticate': 'Negotiate' }).end();
    await expect(open()).rejects.toThrow('unsupported authentication challenge "negotiate"');

    handler = (req, res) => {
      if (req.url?.startsWith('/token')) return res.writeHead(200).end('<html>');
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="s"` }).end();
    };
    await expect(open()).rejects.toThrow(`${host}/app:1: the token service answered something not JSON`);

    handler = (req, res) => {
      if (req.url?.startsWith('/token')) return res.writeHead(200).end('{"expires_in":60}');
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token"` }).end();
    };
    await expect(open()).rejects.toThrow('the token service returned no token');

    handler = (_req, res) => res.writeHead(401, { 'www-authenticate': 'Bearer service="s"' }).end();
    await expect(open()).rejects.toThrow('a Bearer challenge without a realm');

    handler = (_req, res) =>
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="http://cgtest-s3r.invalid/token"' }).end();
    await expect(open()).rejects.toThrow('refusing a token service over http: (cgtest-s3r.invalid)');
  });

  it('a connection dropped in the middle of a manifest or a layer is a clear error', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': MANIFEST_V2, 'content-length': '1000' });
      res.write('{"schemaVersion": 2,');
      setImmediate(() => res.socket?.destroy());
    };
    await expect(open()).rejects.toThrow(`${host}/app:1: /v2/app/manifests/1 could not be read`);

    const { body, blobs, config } = image((configDigest, layer) => ({
      schemaVersion: 2,
      config: { digest: configDigest },
      layers: [{ digest: layer }],
    }));
    handler = (req, res) => {
      if (req.url === '/v2/app/manifests/1') return json(res, body);
      const blob = blobs.get(req.url?.split('/').pop() ?? '');
      if (blob?.toString() === config) return res.writeHead(200).end(blob);
      res.writeHead(200, { 'content-length': '100000' });
      res.write(Buffer.alloc(1000));
      setImmediate(() => res.socket?.destroy());
    };
    await expect(open()).rejects.toThrow(/app:1: blob sha256:[a-f0-9]{64} could not be downloaded/);
  });

  it('an unreachable registry names the image', async () => {
    const closed = createServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    await expect(open(`registry:${port}/app:1`)).rejects.toThrow(`${port}/app:1: cannot reach ${port}`);
  });
});
