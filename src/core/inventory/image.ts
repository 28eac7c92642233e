// An image as the engine holds it: identity, configuration and layer history.

export interface ImageHistoryEntry {
  createdBy: string;
  created?: string;
  isEmptyLayer: boolean;
  comment?: string;
}

export interface Image {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  created?: string;
  sizeBytes: number;
  /** Config.User; empty means root. */
  user: string;
  hasHealthCheck: boolean;
  labels: Record<string, string>;
  /** Names of Config.Env variables; values are never kept. */
  envNames: string[];
  exposedPorts: string[];
  layers: string[];
  history: ImageHistoryEntry[];
}

/** The name people know an image by: its first tag, else its short id. */
export function imageDisplayName(image: Pick<Image, 'id' | 'repoTags'>): string {
  return image.repoTags.find((t) => t !== '<none>:<none>') ?? image.id.replace(/^sha256:/, '').slice(0, 12);
}
