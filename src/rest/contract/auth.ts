// The accounts endpoints: what they read and answer, and the operations built from them.
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { PASSWORD_RULES } from '../../auth/passwords';
import { ROLES } from '../../domain';
import { EMAIL_MAX_LENGTH, EMAIL_RULES } from '../../services/emailAddresses';
import { ALWAYS, error, JSON_BODY_ERRORS } from './errors';
import { id, jsonBody, requiredText } from './fields';
import { BEARER, json } from './routes';
import { z } from './zod';

/** The rules of emails and passwords are the services'; a body only has to carry two strings. */
export const Credentials = jsonBody({
  email: requiredText('email').openapi({ maxLength: EMAIL_MAX_LENGTH, description: EMAIL_RULES, examples: ['user@example.com'] }),
  password: requiredText('password').openapi({ description: `At registration: ${PASSWORD_RULES}`, minLength: 1 }),
}).openapi('Credentials');

export const PasswordChange = jsonBody({
  current_password: requiredText('current_password').openapi({ minLength: 1 }),
  new_password: requiredText('new_password').openapi({ description: PASSWORD_RULES, minLength: 1 }),
}).openapi('PasswordChange');

export const UserBody = z
  .strictObject({ id, email: z.string().openapi({ examples: ['user@example.com'] }), role: z.enum(ROLES) })
  .openapi('User');

export const AuthPayload = z
  .strictObject({
    token: z.string().openapi({ description: 'A JWT to send as `Authorization: Bearer <token>`' }),
    user: UserBody,
  })
  .openapi('AuthPayload');

const body = (schema: z.ZodType) => ({ required: true, content: json(schema) });

export const authPaths: RouteConfig[] = [
  {
    method: 'post',
    path: '/api/auth/register',
    operationId: 'register',
    summary: 'Create a customer account and sign in',
    description: 'The role is always `user`. The email is stored trimmed, in Unicode NFC and in lower case.',
    tags: ['Auth'],
    request: { body: body(Credentials) },
    responses: {
      '201': { description: 'The account, with a token', content: json(AuthPayload) },
      ...JSON_BODY_ERRORS,
      '401': error('InvalidToken'),
      '409': error('Conflict', 'An account with this email already exists'),
      '422': error('InvalidInput', 'A missing or invalid email, or a password against the rules (`field` says which)'),
      '429': error('TooManySignUps'),
      '503': error('PasswordQueueFull'),
      ...ALWAYS,
    },
  },
  {
    method: 'post',
    path: '/api/auth/login',
    operationId: 'login',
    summary: 'Sign in with email and password',
    tags: ['Auth'],
    request: { body: body(Credentials) },
    responses: {
      '200': { description: 'A token for the account', content: json(AuthPayload) },
      ...JSON_BODY_ERRORS,
      '401': error('Unauthenticated', 'Invalid email or password (or an invalid Authorization header)'),
      '422': error('InvalidInput', 'A missing or invalid email or password'),
      '429': error('TooManyAttempts'),
      '503': error('PasswordQueueFull'),
      ...ALWAYS,
    },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    operationId: 'logout',
    summary: 'End every session of the caller',
    description: 'Every token of the caller stops working, on every device.',
    tags: ['Auth'],
    security: BEARER,
    responses: {
      '204': { description: 'Signed out; no body' },
      '401': error('Unauthenticated'),
      ...ALWAYS,
    },
  },
  {
    method: 'post',
    path: '/api/auth/change-password',
    operationId: 'changePassword',
    summary: 'Change the caller’s password',
    description:
      'Needs the current password, checked under the same limits as login. Every other session ' +
      'ends: the token returned is the one to use from now on.',
    tags: ['Auth'],
    security: BEARER,
    request: { body: body(PasswordChange) },
    responses: {
      '200': { description: 'A new token for the account', content: json(AuthPayload) },
      ...JSON_BODY_ERRORS,
      '401': error('Unauthenticated'),
      '422': error('InvalidInput', 'A missing field, a wrong `current_password`, or a `new_password` against the rules'),
      '429': error('TooManyAttempts'),
      '503': error('PasswordQueueFull'),
      ...ALWAYS,
    },
  },
];
