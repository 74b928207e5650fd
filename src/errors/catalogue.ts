// The service error catalogue: every error a service (or a route answering for one) refuses a
// request with, its status and Kapacitor's exact wording, in one place, each coded by its
// entry ('tasks.notFound'). Texts are Kapacitor's and compared byte for byte by conformance
// tests: never reword one. Factories only; no logic beyond filling in the values.

import { ServiceError } from './service-error.js';

type Entries = Record<string, (...args: never[]) => ServiceError>;

/** Stamps each factory's errors with the code `<group>.<entry>`. */
function group<T extends Entries>(name: string, entries: (code: (entry: string, status: number, message: string) => ServiceError) => T): T {
  return entries((entry, status, message) => new ServiceError(status, message, `${name}.${entry}`));
}

const quote = (value: unknown): string => JSON.stringify(value);

/** Request values shared by several APIs (ids, list parameters, times). */
export const requestErrors = group('request', (e) => ({
  /** A message produced elsewhere (a compile error, an id length check) answered as 400. */
  invalid: (message: string) => e('invalid', 400, message),
  invalidId: (what: string, id: string) => e('invalidId', 400, `${what} ID must contain only letters, numbers, '-', '.' and '_'. ${quote(id)}`),
  notString: (name: string) => e('notString', 400, `invalid JSON: ${name} must be a string`),
  invalidTime: (name: string, value: unknown) => e('invalidTime', 400, `invalid JSON: ${name} must be an RFC3339 time, got ${quote(value)}`),
  unsupportedField: (field: string) => e('unsupportedField', 400, `unsupported field ${quote(field)}`),
  invalidPattern: (pattern: string) => e('invalidPattern', 400, `invalid pattern ${quote(pattern)}: syntax error in pattern`),
  invalidInteger: (name: string, value: string) =>
    e('invalidInteger', 400, `invalid ${name} parameter ${quote(value)} must be an integer: strconv.ParseInt: parsing ${quote(value)}: invalid syntax`),
  mustProvideQuery: () => e('mustProvideQuery', 400, 'must provide query'),
  mustProvideTICKscript: () => e('mustProvideTICKscript', 400, 'must provide TICKscript'),
}));

export const taskErrors = group('tasks', (e) => ({
  notFound: () => e('notFound', 404, 'no task exists'),
  notFoundForUpdate: () => e('notFoundForUpdate', 404, 'task does not exist, cannot update'),
  /** A file the task would read lies outside [auth] allowed-file-dirs (the text says which). */
  fileRefused: (text: string) => e('fileRefused', 403, text),
  exists: (id: string) => e('exists', 400, `task ${id} already exists`),
  unknownTemplate: (templateId: string) => e('unknownTemplate', 400, `unknown template ${templateId}: err: no template exists`),
  /** Kapacitor's create wording. */
  dbrpBoth: () => e('dbrpBoth', 400, 'cannot specify dbrp in both implicitly and explicitly'),
  /** Kapacitor's update wording (without "both"). */
  dbrpBothOnUpdate: () => e('dbrpBothOnUpdate', 400, 'cannot specify dbrp in implicitly and explicitly'),
  mustSpecifyDbrp: () => e('mustSpecifyDbrp', 400, 'must specify dbrp'),
  unknownType: (value: unknown) => e('unknownType', 400, `unknown type ${quote(value)}`),
  invalidStatus: (value: unknown) => e('invalidStatus', 400, `invalid status ${quote(value)}`),
  dbrpsNotList: () => e('dbrpsNotList', 400, 'invalid JSON: dbrps must be a list'),
  dbrpsBadItem: () => e('dbrpsBadItem', 400, 'invalid JSON: dbrps must be a list of {"db", "rp"}'),
  varsNotObject: () => e('varsNotObject', 400, 'invalid JSON: vars must be an object'),
  invalidVar: (name: string) => e('invalidVar', 400, `invalid var ${name}: a var needs a type and a value`),
  invalidScriptFormat: (value: string) => e('invalidScriptFormat', 400, `invalid script-format parameter ${quote(value)}`),
  invalidDotView: (value: string) => e('invalidDotView', 400, `invalid dot-view parameter ${quote(value)}`),
  /** A task that failed to start: the engine's message, with its status when it had one. */
  startFailed: (status: number, message: string) => e('startFailed', status, message),
}));

export const templateErrors = group('templates', (e) => ({
  notFound: () => e('notFound', 404, 'no template exists'),
  notFoundForUpdate: () => e('notFoundForUpdate', 404, 'template does not exist, cannot update'),
  exists: (id: string) => e('exists', 400, `template ${id} already exists`),
  reloadFailed: (taskId: string, message: string) => e('reloadFailed', 400, `error reloading associated task ${taskId}: ${message}`),
}));

export const recordingErrors = group('recordings', (e) => ({
  notFound: () => e('notFound', 404, 'no recording exists'),
  taskNotFound: () => e('taskNotFound', 404, 'no task exists'),
  exists: (id: string) => e('exists', 400, `recording ${id} already exists`),
  mustProvideStart: () => e('mustProvideStart', 400, 'must provide start time'),
  invalidType: (type: unknown) => e('invalidType', 400, `invalid type ${quote(type)}: must be stream or batch`),
}));

export const replayErrors = group('replays', (e) => ({
  notFound: () => e('notFound', 404, 'no replay exists'),
  recordingNotFound: () => e('recordingNotFound', 404, 'recording not found: no recording exists'),
  taskNotFound: () => e('taskNotFound', 404, 'task load: no task exists'),
  exists: (id: string) => e('exists', 400, `replay ${id} already exists`),
  batchAgainstStream: (taskId: string) => e('batchAgainstStream', 400, `cannot replay batch against stream task: ${taskId}`),
  invalidClock: (value: unknown) => e('invalidClock', 400, `invalid clock type ${String(value)}`),
}));

/** The pre-1.0 API's routes (/record, /replay, /task?name=...). */
export const legacyErrors = group('legacy', (e) => ({
  mustPassTaskName: () => e('mustPassTaskName', 400, 'must pass task name'),
  invalidDbrps: (message: string) => e('invalidDbrps', 400, `invalid dbrps: ${message}`),
  noTaskSpecified: () => e('noTaskSpecified', 400, 'no task specified'),
  startAndPast: () => e('startAndPast', 400, "must not pass both 'start' and 'past' parameters"),
  invalidRecordingType: () => e('invalidRecordingType', 400, 'invalid recording type'),
  recordingFailed: (error: string) => e('recordingFailed', 500, error),
  recordingNotFound: () => e('recordingNotFound', 404, 'recording not found'),
  replaysUnavailable: () => e('replaysUnavailable', 500, 'replays are not available'),
  invalidBool: (value: string) => e('invalidBool', 400, `strconv.ParseBool: parsing ${quote(value)}: invalid syntax`),
  replayFailed: (error: string) => e('replayFailed', 500, `replay: ${error}`),
  invalidDuration: (text: string) => e('invalidDuration', 400, `invalid duration string: invalid duration ${quote(text)}`),
}));

export const alertErrors = group('alerts', (e) => ({
  topicNotFound: (id: string) => e('topicNotFound', 404, `topic "${id}" does not exist`),
  eventNotFound: (id: string, topicId: string) => e('eventNotFound', 404, `event "${id}" does not exist for topic "${topicId}"`),
  handlerNotFound: (id: string, topicId: string) => e('handlerNotFound', 404, `handler "${id}" does not exist for topic "${topicId}"`),
  handlerExists: (id: string) => e('handlerExists', 400, `handler "${id}" already exists`),
  specNotObject: () => e('specNotObject', 400, 'invalid handler spec: expected a JSON object'),
  mustProvideHandlerId: () => e('mustProvideHandlerId', 400, 'must provide handler ID'),
  mustProvideHandlerKind: () => e('mustProvideHandlerKind', 400, 'must provide handler kind'),
  optionsNotObject: () => e('optionsNotObject', 400, 'handler options must be an object'),
  matchNotString: () => e('matchNotString', 400, 'handler match must be a string'),
  invalidMatch: (message: string) => e('invalidMatch', 400, `invalid match expression: ${message}`),
  /** A handler the factory refused (unknown kind, bad options): its message. */
  invalidHandler: (message: string) => e('invalidHandler', 400, message),
  invalidPatch: (message: string) => e('invalidPatch', 400, `invalid patch: ${message}`),
}));

export const authErrors = group('auth', (e) => ({
  requiresAuthService: () => e('requiresAuthService', 500, '[http] auth-enabled requires [auth] enabled = true (users are kept by the auth service)'),
  noAdminUser: () =>
    e(
      'noAdminUser',
      500,
      '[http] auth-enabled is true but no admin user exists: set [auth] bootstrap-username and bootstrap-password (KAPACITOR_AUTH_BOOTSTRAP_USERNAME, KAPACITOR_AUTH_BOOTSTRAP_PASSWORD)',
    ),
  userNotFound: () => e('userNotFound', 404, 'no user exists'),
  usernameRequired: () => e('usernameRequired', 400, 'username is required'),
  invalidUsername: (name: string) => e('invalidUsername', 400, `username must contain only letters, numbers, '-', '.', '@' and '_'. ${quote(name)}`),
  passwordRequired: () => e('passwordRequired', 400, 'password is required'),
  userExists: () => e('userExists', 500, 'failed to create user: creating user: user already exists'),
  updateMissingUser: () => e('updateMissingUser', 500, 'failed to create user: updating user: no user exists'),
  invalidJSON: () => e('invalidJSON', 400, 'invalid JSON'),
}));
