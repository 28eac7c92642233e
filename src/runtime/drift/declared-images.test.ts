import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { imagesFromCompose, imagesFromManifests, readDeclaredImages } from './declared-images.js';

const COMPOSE = `
services:
  web:
    image: registry.local/shop/web:1.4
    ports: ["8080:8080"]
  db:
    image: postgres:16.4
  worker:
    build: ./worker
`;

const MANIFESTS = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  template:
    spec:
      initContainers: [{ name: migrate, image: registry.local/shop/migrate:2 }]
      containers: [{ name: api, image: registry.local/shop/api:2 }, { name: sidecar, image: envoyproxy/envoy:v1.31 }]
---
apiVersion: v1
kind: Pod
metadata: { name: debug }
spec:
  containers: [{ name: d, image: busybox:1.36 }]
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly }
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{ name: n, image: registry.local/shop/nightly:1 }]
---
apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: DaemonSet
    spec: { template: { spec: { containers: [{ name: agent, image: registry.local/coastguard:1 }] } } }
---
apiVersion: v1
kind: Service
metadata: { name: api }
spec: { ports: [{ port: 80 }] }
`;

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('declared images', () => {
  it('reads the images of compose services, skipping services that build', () => {
    expect(imagesFromCompose(COMPOSE, 'compose.yaml')).toEqual([
      'registry.local/shop/web:1.4',
      'postgres:16.4',
    ]);
  });

  it('reads the images of every workload kind in Kubernetes manifests, init containers and lists included', () => {
    expect(imagesFromManifests(MANIFESTS, 'k8s.yaml')).toEqual([
      'registry.local/shop/api:2',
      'envoyproxy/envoy:v1.31',
      'registry.local/shop/migrate:2',
      'busybox:1.36',
      'registry.local/shop/nightly:1',
      'registry.local/coastguard:1',
    ]);
  });

  it('names the file when it is not YAML, not a compose file, or missing', async () => {
    expect(() => imagesFromCompose('services: [unclosed', 'c.yaml')).toThrow(/c\.yaml: invalid YAML/);
    expect(() => imagesFromCompose('version: "3"\n', 'c.yaml')).toThrow(/c\.yaml: not a compose file/);
    expect(() => imagesFromManifests('a: b: c', 'k.yaml')).toThrow(/k\.yaml: invalid YAML/);
    await expect(
      readDeclaredImages({ composeFiles: ['/nonexistent/compose.yaml'], kubernetesManifests: [] }),
    ).rejects.toThrow(/Cannot read \/nonexistent\/compose\.yaml/);
  });

  it('reads both kinds of file, each image once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cgtest-declared-'));
    dirs.push(dir);
    await writeFile(join(dir, 'compose.yaml'), COMPOSE);
    await writeFile(join(dir, 'k8s.yaml'), MANIFESTS.replace('busybox:1.36', 'postgres:16.4'));
    const images = await readDeclaredImages({
      composeFiles: [join(dir, 'compose.yaml')],
      kubernetesManifests: [join(dir, 'k8s.yaml')],
    });
    expect(images.filter((i) => i === 'postgres:16.4')).toHaveLength(1);
    expect(images).toHaveLength(7);
  });
});
