import { v7 } from 'uuid';

/** Every id in Rapport: a UUIDv7 string, so ids sort by creation time. */
export const newId = (): string => v7();

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const looksLikeId = (value: string): boolean => uuidShape.test(value);
