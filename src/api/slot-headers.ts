/**
 * @module api/slot-headers
 * The request headers that select an analysis slot, as a JSON schema shared by the routes.
 */
export const slotHeaders = {
  type: 'object',
  properties: {
    'x-wiremeter-slot': { type: 'string', maxLength: 8, description: 'analysis slot number' },
    'x-allegropackets-multimeter-id': { type: 'string', maxLength: 128, description: '[device]:slot' },
  },
} as const;
