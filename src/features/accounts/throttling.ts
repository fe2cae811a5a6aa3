import type { FastifyRequest } from 'fastify';
import type { ThrottleConfig } from '../../config/config.js';

/**
 * Per-IP limits (docs/requirements.md §6) for @fastify/rate-limit, counted in the
 * database by every worker and instance (docs/decisions/015). The HTML and JSON
 * sign-in routes share one counter per IP (one `groupId`). `request.ip` is the socket
 * address unless TRUST_PROXY is set (a forged X-Forwarded-For must not buy more attempts).
 */
export function signInLimit(throttle: ThrottleConfig) {
  return {
    max: throttle.signInAttemptsPerIp,
    timeWindow: throttle.windowSeconds * 1000,
    groupId: 'sign-in',
    keyGenerator: (request: FastifyRequest) => `sign-in:${request.ip}`,
  };
}

export function registrationLimit(throttle: ThrottleConfig) {
  return {
    max: throttle.registrationsPerIp,
    timeWindow: throttle.windowSeconds * 1000,
    groupId: 'registration',
    keyGenerator: (request: FastifyRequest) => `registration:${request.ip}`,
  };
}
