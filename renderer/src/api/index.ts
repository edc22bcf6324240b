export { call, on, onCallFailure, openConnection, setSessionToken, type CallOptions } from './client';
export { CallFailure, isFailure, CLIENT_ERROR_CODES, type FailureCode } from './call-failure';
