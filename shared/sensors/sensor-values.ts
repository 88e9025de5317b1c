/**
 * The few sensor schemas that alerts and the sensors' events share with the rest of the context,
 * apart from sensors.ts so that naming an event (the consumers' wiring, which every function that
 * publishes events imports) does not build the whole sensors domain at import.
 */
import * as z from 'zod';
import { StorableNumber } from '../kernel/schemas';
import { SENSOR_TYPES } from './sensor-catalogue';

/** The ids admins give partners, sensors and rules: they appear in URLs and keys. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;

export const Slug = z.string().regex(SLUG_PATTERN, 'lowercase letters, digits and dashes, 2 to 64 characters');

export const SensorTypeName = z.enum(SENSOR_TYPES).meta({ description: 'Smart Data Models entity type' });

/** A number in the property's unit, or one of its allowed values (a status). */
// A number the table can hold: the acceptance check is the storage check (no 1e308, 1e-200, 2^53 + 1).
export const ObservedValue = z.union([StorableNumber, z.string().max(64)]);
export type ObservedValue = z.output<typeof ObservedValue>;
