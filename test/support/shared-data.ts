/**
 * Reference data of ../shared/data (beside the project, absent from a user's clone). Tests that
 * need it skip themselves, saying why, when it is not there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Boundary } from '../../shared/territory/geometry';

const dataDir = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const communesFile = `${dataDir}toulouse-metropole-communes.geojson`;

export const hasSharedData = existsSync(communesFile);

if (!hasSharedData) {
  console.warn(
    `Skipping tests on real commune boundaries: ${communesFile} is absent (it lives beside the project, not in it).`,
  );
}

export interface CommuneFeature {
  properties: { code: string; nom: string };
  geometry: Boundary;
}

/** The 37 real boundaries; none where the data is absent (the describe using them is skipped then). */
export const realCommuneBoundaries = (): CommuneFeature[] =>
  hasSharedData ? (JSON.parse(readFileSync(communesFile, 'utf8')) as { features: CommuneFeature[] }).features : [];

/** `describe` that runs only where ../shared/data is present. */
export const describeWithSharedData = hasSharedData ? describe : describe.skip;
