/**
 * REST API v1 for case management systems and data suppliers (ADR 37): under {@code /api/v1}, DPoP-bound
 * OAuth tokens only (ADR 35), RFC 9457 problem details for every error, idempotency keys on writes, rate limits
 * per client and per user, and an OpenAPI 3 description at {@code /api/openapi.json} (browsable at
 * {@code /api/docs}). It calls the same services as the web pages, so the same rules, disclosure policy and audit hold.
 */
package uk.contactpoint.api;
