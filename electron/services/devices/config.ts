// The schema lives in shared/ so the contract and the workshop's forms validate with the very
// same rules the device layer applies; this file keeps the device layer's imports short.
export * from '@shared/devices/device-config';
