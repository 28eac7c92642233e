// A container network.

export interface Network {
  id: string;
  name: string;
  driver: string;
  scope: string;
  isInternal: boolean;
  options: Record<string, string>;
  /** Ids of containers attached. */
  containerIds: string[];
}
