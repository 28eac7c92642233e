// The options every audit destination has, as coastguard.yaml's defaults fill them, for destination tests.
export function commonOptions(name: string) {
  return {
    name,
    enabled: true,
    schema: 'coastguard' as const,
    filter: {},
    batchSize: 100,
    timeoutSeconds: 10,
    retry: { initialMs: 1, maxMs: 1, attempts: 1 },
  };
}
