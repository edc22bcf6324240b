export * from './tariff-document';
export * from './quote';
export * from './tariff-versions';
export * from './volumetric';
export * from './insurance';
export * from './rounding';
export { indexTariff } from './tariff-index';
