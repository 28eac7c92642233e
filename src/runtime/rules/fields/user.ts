// user.* fields: who the acting process runs as.

import type { FieldDefinition } from './field.js';

export const userFields: readonly FieldDefinition[] = [
  {
    name: 'user.uid',
    type: 'number',
    description: 'user id',
    path: ['user', 'uid'],
    read: (e) => e.user.uid,
  },
  {
    name: 'user.name',
    type: 'string',
    description: "user name, from the container's own passwd",
    path: ['user', 'name'],
    read: (e) => e.user.name,
  },
  {
    name: 'user.loginuid',
    type: 'number',
    description: 'audit login uid, -1 when unset',
    path: ['user', 'loginuid'],
    read: (e) => e.user.loginuid,
  },
];
