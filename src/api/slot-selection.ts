/**
 * @module api/slot-selection
 * Which analysis slot a request addresses: `mm-id=[device]:slot` (query), or the header
 * `X-Wiremeter-Slot: N`, or `X-AllegroPackets-Multimeter-ID: [device]:slot`, in that order;
 * slot 0 (live) when none is given. The device part must be empty or this server's name.
 * A malformed value is 400 naming the parameter; an unknown slot or device is 404 with a reason.
 */
import type { FastifyRequest } from 'fastify';
import { QUERY_LIMITS } from '../config/limits.js';
import { ApiError, badParameter } from './api-error.js';
import type { AnalysisSlot, SlotRegistry } from './module-registry.js';

export const SLOT_HEADER = 'x-wiremeter-slot';
export const ALLEGRO_HEADER = 'x-allegropackets-multimeter-id';

function parseSlotNumber(text: string, parameter: string): number {
  if (!/^\d{1,4}$/.test(text) || Number(text) > QUERY_LIMITS.maxSlot) {
    throw badParameter(parameter, `${parameter} '${text.slice(0, 40)}' is not a slot number (0..${QUERY_LIMITS.maxSlot})`);
  }
  return Number(text);
}

function parseMmId(value: string, parameter: string, deviceName: string): number {
  const colon = value.lastIndexOf(':');
  const device = colon < 0 ? value : value.slice(0, colon);
  const slot = colon < 0 ? '0' : value.slice(colon + 1);
  if (device !== '' && device.toLowerCase() !== deviceName.toLowerCase()) {
    throw new ApiError(404, `unknown device '${device.slice(0, 64)}' in ${parameter} (this is '${deviceName}')`, parameter);
  }
  return parseSlotNumber(slot === '' ? '0' : slot, parameter);
}

export function selectSlot(request: FastifyRequest, mmId: string | undefined, slots: SlotRegistry, deviceName: string): AnalysisSlot {
  let id = 0;
  let parameter = 'mm-id';
  const own = request.headers[SLOT_HEADER];
  const allegro = request.headers[ALLEGRO_HEADER];
  if (mmId !== undefined) id = parseMmId(mmId, 'mm-id', deviceName);
  else if (typeof own === 'string') {
    parameter = 'X-Wiremeter-Slot';
    id = parseSlotNumber(own.trim(), parameter);
  } else if (typeof allegro === 'string') {
    parameter = 'X-AllegroPackets-Multimeter-ID';
    id = parseMmId(allegro.trim(), parameter, deviceName);
  }
  const slot = slots.get(id);
  if (!slot) throw new ApiError(404, `no analysis slot ${id} (slots: ${slots.list().map((s) => s.id).join(', ')})`, parameter);
  return slot;
}
