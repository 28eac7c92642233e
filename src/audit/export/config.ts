// The `exporters:` section of coastguard.yaml: where the audit trail is delivered, what each destination gets,
// and in which schema. Credentials are named (`{ env: NAME }` or `{ file: PATH }`), never written here.
//
//   exporters:
//     pollSeconds: 5
//     destinations:
//       - name: siem
//         kind: syslog
//         host: siem.example.internal
//         port: 6514
//         transport: tls
//         caFile: /etc/coastguard/siem-ca.pem
//         filter: { actions: ['finding.*', 'alert.*'], minSeverity: medium }
//       - { name: archive, kind: jsonl, path: /var/log/coastguard/audit.jsonl }
import { z } from 'zod';
import { DestinationConfig } from './index.js';

export const ExportersConfig = z
  .strictObject({
    /** How often `audit forward` looks for new entries once it has caught up. */
    pollSeconds: z.number().min(0.1).max(3_600).default(5),
    destinations: z.array(DestinationConfig).default([]),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.destinations.forEach((d, index) => {
      if (seen.has(d.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['destinations', index, 'name'],
          message: `duplicate name ${d.name}`,
        });
      }
      seen.add(d.name);
    });
  });
export type ExportersConfig = z.infer<typeof ExportersConfig>;
