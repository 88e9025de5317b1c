import * as z from 'zod';
import { defineRoute } from '../wiring/define';

export const platformRoutes = {
  getHealth: defineRoute({
    id: 'getHealth',
    method: 'GET',
    path: '/health',
    handler: 'functions/platform/get-health.ts',
    access: 'public',
    table: 'read',
    tag: 'Platform',
    summary: 'Liveness and readiness of the platform',
    contract: {
      responses: { 200: { description: 'The platform is up', schema: z.object({ status: z.literal('ok') }) } },
    },
  }),
  getOpenApiDocument: defineRoute({
    id: 'getOpenApiDocument',
    method: 'GET',
    path: '/openapi.json',
    handler: 'functions/platform/get-open-api-document.ts',
    access: 'public',
    table: 'none',
    tag: 'Platform',
    summary: 'This OpenAPI 3.1 document',
    hidden: true,
    contract: {
      responses: {
        200: {
          description: 'OpenAPI 3.1 document',
          schema: z.object({
            openapi: z.string().startsWith('3.1'),
            info: z.object({ title: z.string(), version: z.string() }),
          }),
        },
      },
    },
  }),
  getApiReference: defineRoute({
    id: 'getApiReference',
    method: 'GET',
    path: '/api',
    handler: 'functions/platform/get-api-reference.ts',
    access: 'public',
    table: 'none',
    tag: 'Platform',
    summary: 'The API reference, rendered',
    hidden: true,
    contract: { responses: { 200: { description: 'HTML page', contentType: 'text/html' } } },
  }),
  getApiReferenceAsset: defineRoute({
    id: 'getApiReferenceAsset',
    method: 'GET',
    path: '/api-reference/{asset}',
    handler: 'functions/platform/get-api-reference-asset.ts',
    access: 'public',
    table: 'none',
    tag: 'Platform',
    summary: 'Static files of the API reference page',
    hidden: true,
    contract: {
      params: z.object({ asset: z.string().max(100) }),
      responses: {
        200: {
          description: 'A static file',
          alternatives: ['text/css', 'text/javascript'],
          headers: { 'Cache-Control': { description: 'Cached for a day' } },
        },
      },
    },
  }),
} as const;
