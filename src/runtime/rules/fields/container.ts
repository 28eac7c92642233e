// container.* fields: the container an event is attributed to (`host` outside containers).

import type { FieldDefinition } from './field.js';

interface ImageParts {
  repository: string;
  tag: string | null;
  digest: string | null;
}

const imageCache = new Map<string, ImageParts>();
const IMAGE_CACHE_LIMIT = 1024;

/** `registry:5000/team/app:1.2@sha256:…` → repository `registry:5000/team/app`, tag `1.2`, digest `sha256:…`. */
export function splitImage(image: string): ImageParts {
  const cached = imageCache.get(image);
  if (cached) return cached;
  let rest = image;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = { repository: rest, tag, digest };
  // Bounded: image names come from the engine, but a long-running agent must not grow without limit.
  if (imageCache.size >= IMAGE_CACHE_LIMIT) imageCache.clear();
  imageCache.set(image, parts);
  return parts;
}

export const containerFields: readonly FieldDefinition[] = [
  {
    name: 'container.id',
    type: 'string',
    description: 'container id, or host',
    path: ['container', 'id'],
    read: (e) => e.container.id,
  },
  {
    name: 'container.name',
    type: 'string',
    description: 'container name',
    path: ['container', 'name'],
    read: (e) => e.container.name,
  },
  {
    name: 'container.image',
    type: 'string',
    description: 'image reference as created',
    path: ['container', 'image'],
    read: (e) => e.container.image,
  },
  {
    name: 'container.image.repository',
    type: 'string',
    description: 'image reference without tag or digest',
    read: (e) => (e.container.image === null ? null : splitImage(e.container.image).repository),
  },
  {
    name: 'container.image.tag',
    type: 'string',
    description: 'image tag',
    read: (e) => (e.container.image === null ? null : splitImage(e.container.image).tag),
  },
  {
    name: 'container.image.digest',
    type: 'string',
    description: 'image digest, when the reference has one',
    read: (e) => (e.container.image === null ? null : splitImage(e.container.image).digest),
  },
  {
    name: 'container.privileged',
    type: 'boolean',
    description: 'the container runs privileged',
    path: ['container', 'privileged'],
    read: (e) => e.container.privileged,
  },
  {
    name: 'container.label',
    type: 'string',
    description: 'a container label: container.label[com.example.team]',
    arg: { kind: 'key', required: true },
    read: (e, arg) =>
      Object.hasOwn(e.container.labels, arg as string) ? (e.container.labels[arg as string] ?? null) : null,
  },
];
